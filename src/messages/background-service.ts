/** Messages' background work, registered with the workers at start (src/background.ts): escalations. */
import type { BackgroundFeature } from '../core/delivery/workers.ts';
import { escalate } from './escalation-service.ts';
import { ESCALATE_QUEUE, messageQueues } from './queues.ts';

export const messagesBackground: BackgroundFeature = {
  name: 'messages',
  queues: messageQueues,
  async start(ctx) {
    await ctx.jobs.work<{ messageId: string; step: number }>(ESCALATE_QUEUE, ctx.work, async (job) => {
      await escalate(ctx.db, ctx, job.data);
    });
  },
};
