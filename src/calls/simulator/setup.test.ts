import { it } from 'node:test';
import assert from 'node:assert/strict';
import { scaledQueueSettings, type QueueSettings } from './setup.ts';

const defaults: QueueSettings = {
  dedicatedAfterSeconds: 0,
  trainedAfterSeconds: 15,
  poolAfterSeconds: 45,
  maxWaitSeconds: 180,
  maxQueueLength: 10,
  overflowTarget: 'voicemail',
  wrapUpSeconds: 30,
  ringTimeoutSeconds: 15,
  voicemailWhenClosed: true,
  openOnPublicHolidays: false,
};

it('scales the queue delays to a compressed clock, keeping the tiers in order and what must stay at least 1 s', () => {
  assert.deepEqual(scaledQueueSettings(defaults, 15), {
    ...defaults,
    trainedAfterSeconds: 1,
    poolAfterSeconds: 3,
    maxWaitSeconds: 12,
    wrapUpSeconds: 2,
    ringTimeoutSeconds: 1,
  });
  const fast = scaledQueueSettings(defaults, 1000);
  assert.deepEqual(
    [fast.dedicatedAfterSeconds, fast.trainedAfterSeconds, fast.poolAfterSeconds, fast.maxWaitSeconds, fast.ringTimeoutSeconds, fast.wrapUpSeconds],
    [0, 0, 0, 1, 1, 1],
  );
  assert.equal(fast.maxQueueLength, 10, 'a length is not a delay');
});
