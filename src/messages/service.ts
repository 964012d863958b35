/**
 * Messages to practitioners: taken by an agent, delivered in Relais and by the practitioner's chosen
 * channels, read → processed with who and when. An urgent one schedules its escalation in the same
 * transaction; acknowledging it stops the escalation. The practitioner's answer becomes a task for the
 * next available agent of the practice, and the message is processed when that task is done.
 * Messages about a patient are patient data: each access writes one audit row in its transaction.
 */
import { AppError } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db, Queryable } from '../core/db/types.ts';
import type { Jobs } from '../core/jobs/jobs.ts';
import { audit } from '../core/audit.ts';
import { practitionerDisplayName } from '../practitioners/service.ts';
import { practitionerUserId } from '../users/service.ts';
import type { Tuning } from '../core/delivery/queues.ts';
import { ESCALATE_QUEUE } from './queues.ts';
import {
  addEvent,
  eventsOf,
  findMessage,
  findTask,
  insertMessage,
  insertTask,
  listMessages,
  listTasks,
  markAcknowledged,
  markProcessed,
  markRead,
  markTaskDone,
  messageById,
  nextAgent,
  patientOfPractice,
  practitionerAtPractice,
  publicMessage,
  getSettings,
  tasksOf,
  type MessageRecord,
} from './repo.ts';
import { noticeToPractitioner } from './notice-service.ts';
import type { CreateMessageInput, ListMessagesQuery, MessageDetailDto, MessageDto, MessageLinkDto, TaskDto } from './schemas.ts';

export interface MessagesDeps {
  /** The job producer, started on first use (never inside a transaction: PGlite has one connection). */
  jobs: () => Promise<Jobs>;
  tuning: Tuning;
}

class PatientNotFound extends AppError {
  constructor(readonly patientId: string) {
    super('not_found', { field: 'patientId' });
  }
}

class MessageNotFound extends AppError {
  constructor(readonly messageId: string) {
    super('not_found');
  }
}

/** Runs fn in a transaction; an unknown message or patient is audited in its own statement. */
async function withAudit<T>(db: Db, ctx: RequestContext, action: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    if (error instanceof PatientNotFound) await audit(db, ctx, { action, outcome: 'not_found', patientId: error.patientId });
    if (error instanceof MessageNotFound) await audit(db, ctx, { action, outcome: 'not_found', detail: { messageId: error.messageId } });
    throw error;
  }
}

async function auditMessage(tx: Queryable, ctx: RequestContext, action: string, m: MessageRecord, detail: Record<string, unknown> = {}): Promise<void> {
  if (m.patientId) await audit(tx, ctx, { action, outcome: 'ok', practiceId: m.practiceId, patientId: m.patientId, detail: { messageId: m.id, ...detail } });
}

export async function escalationStartAfter(tx: Queryable, m: MessageRecord, step: number): Promise<Date> {
  const s = await getSettings(tx, m.practiceId);
  return new Date(Date.parse(m.createdAt) + step * s.urgentAckSeconds * 1000);
}

export async function createMessage(db: Db, deps: MessagesDeps, ctx: RequestContext, input: CreateMessageInput): Promise<MessageDto> {
  const jobs = await deps.jobs();
  return withAudit(db, ctx, 'message.create', async (tx) => {
    if (!(await practitionerAtPractice(tx, ctx.actor, input.practiceId, input.practitionerId))) throw new AppError('not_found', { field: 'practitionerId' });
    if (input.patientId !== undefined && !(await patientOfPractice(tx, ctx.actor, input.practiceId, input.patientId)))
      throw new PatientNotFound(input.patientId);
    const m = await insertMessage(tx, {
      organisationId: ctx.actor.organisationId,
      practiceId: input.practiceId,
      practitionerId: input.practitionerId,
      type: input.type,
      patientId: input.patientId ?? null,
      callbackNumber: input.callbackNumber ?? null,
      body: input.body,
      dueDate: input.dueDate ?? null,
      createdBy: ctx.actor.userId,
    });
    await addEvent(tx, m, 'created', ctx.actor.userId, { type: m.type });
    await auditMessage(tx, ctx, 'message.create', m);
    const channels = await noticeToPractitioner(tx, { jobs, tuning: deps.tuning }, { m, template: 'message_new', key: `message:${m.id}:new` });
    await addEvent(tx, m, 'notified', null, { channels: ['in_app', ...channels] });
    if (m.type === 'urgent') await jobs.send(tx, ESCALATE_QUEUE, { messageId: m.id, step: 1 }, { startAfter: await escalationStartAfter(tx, m, 1) });
    return publicMessage(m);
  });
}

export async function listInbox(db: Db, ctx: RequestContext, query: ListMessagesQuery): Promise<{ items: MessageDto[]; hasMore: boolean }> {
  const limit = query.limit ?? 50;
  // A practitioner's inbox is his own, whatever he asks for.
  const practitionerId = ctx.actor.role === 'practitioner' ? (ctx.actor.practitionerId ?? undefined) : query.practitionerId;
  return withAudit(db, ctx, 'message.list', async (tx) => {
    const rows = await listMessages(tx, ctx.actor, { ...query, practitionerId, limit });
    const items = rows.slice(0, limit);
    const aboutPatients = items.filter((m) => m.patientId);
    if (query.patientId !== undefined || aboutPatients.length) {
      await audit(tx, ctx, {
        action: 'message.list',
        outcome: 'ok',
        patientId: query.patientId ?? null,
        detail: { messageIds: aboutPatients.map((m) => m.id) },
      });
    }
    return { items: items.map(publicMessage), hasMore: rows.length > limit };
  });
}

async function detail(tx: Queryable, m: MessageRecord): Promise<MessageDetailDto> {
  return { ...publicMessage(m), events: await eventsOf(tx, m.id), tasks: await tasksOf(tx, m.id) };
}

async function requireMessage(tx: Queryable, ctx: RequestContext, id: string): Promise<MessageRecord> {
  const m = await findMessage(tx, ctx.actor, id, true);
  if (!m) throw new MessageNotFound(id);
  return m;
}

export async function getMessage(db: Db, ctx: RequestContext, id: string): Promise<MessageDetailDto> {
  return withAudit(db, ctx, 'message.read', async (tx) => {
    const m = await requireMessage(tx, ctx, id);
    await auditMessage(tx, ctx, 'message.read', m);
    return detail(tx, m);
  });
}

/** new → read, with who and when (opening a message in the inbox). */
export async function readMessage(db: Db, ctx: RequestContext, id: string): Promise<MessageDetailDto> {
  return withAudit(db, ctx, 'message.mark_read', async (tx) => {
    const m = await requireMessage(tx, ctx, id);
    if (await markRead(tx, id, ctx.actor.userId)) await addEvent(tx, m, 'read', ctx.actor.userId);
    await auditMessage(tx, ctx, 'message.mark_read', m);
    return detail(tx, (await messageById(tx, id))!);
  });
}

async function acknowledge(tx: Queryable, m: MessageRecord, userId: string | null, via: 'app' | 'link', extra: Record<string, unknown> = {}): Promise<void> {
  if (await markAcknowledged(tx, m.id, userId, via)) await addEvent(tx, m, 'acknowledged', userId, { via, ...extra });
  if (await markRead(tx, m.id, userId)) await addEvent(tx, m, 'read', userId, { via });
}

/** The practitioner has seen it: an urgent message's escalation stops here. */
export async function acknowledgeMessage(db: Db, ctx: RequestContext, id: string): Promise<MessageDetailDto> {
  return withAudit(db, ctx, 'message.acknowledge', async (tx) => {
    const m = await requireMessage(tx, ctx, id);
    await acknowledge(tx, m, ctx.actor.userId, 'app');
    await auditMessage(tx, ctx, 'message.acknowledge', m);
    return detail(tx, (await messageById(tx, id))!);
  });
}

export async function processMessage(db: Db, ctx: RequestContext, id: string): Promise<MessageDetailDto> {
  return withAudit(db, ctx, 'message.process', async (tx) => {
    const m = await requireMessage(tx, ctx, id);
    if (m.type === 'urgent') await acknowledge(tx, m, ctx.actor.userId, 'app');
    if (await markProcessed(tx, id, ctx.actor.userId)) await addEvent(tx, m, 'processed', ctx.actor.userId);
    await auditMessage(tx, ctx, 'message.process', m);
    return detail(tx, (await messageById(tx, id))!);
  });
}

/** The practitioner's answer: a task for the next available agent of the practice. */
export async function answerMessage(db: Db, ctx: RequestContext, id: string, text: string): Promise<MessageDetailDto> {
  return withAudit(db, ctx, 'message.answer', async (tx) => {
    const m = await requireMessage(tx, ctx, id);
    if (m.status === 'processed') throw new AppError('conflict', { details: { reason: 'message_processed' } });
    await acknowledge(tx, m, ctx.actor.userId, 'app');
    const assignedTo = await nextAgent(tx, m.organisationId, m.practiceId);
    const task = await insertTask(tx, {
      organisationId: m.organisationId,
      practiceId: m.practiceId,
      messageId: m.id,
      answer: text,
      assignedTo,
      createdBy: ctx.actor.userId,
    });
    await addEvent(tx, m, 'answered', ctx.actor.userId, { taskId: task.id, assignedTo });
    await auditMessage(tx, ctx, 'message.answer', m, { taskId: task.id });
    return detail(tx, (await messageById(tx, id))!);
  });
}

export async function listTasksFor(
  db: Db,
  ctx: RequestContext,
  q: { practiceId?: string | undefined; status?: 'open' | 'done' | undefined; mine?: boolean | undefined },
): Promise<{ items: (TaskDto & { message: MessageDto })[] }> {
  return db.transaction(async (tx) => {
    const tasks = await listTasks(tx, ctx.actor, { practiceId: q.practiceId, status: q.status ?? 'open', assignedTo: q.mine ? ctx.actor.userId : undefined });
    const items: (TaskDto & { message: MessageDto })[] = [];
    for (const t of tasks) {
      const m = await messageById(tx, t.messageId);
      if (m) items.push({ ...t, message: publicMessage(m) });
    }
    const aboutPatients = items.filter((t) => t.message.patientId);
    if (aboutPatients.length)
      await audit(tx, ctx, { action: 'message.task.list', outcome: 'ok', detail: { messageIds: aboutPatients.map((t) => t.messageId) } });
    return { items };
  });
}

/** The agent did what the practitioner asked: the loop is closed, the message processed. */
export async function completeTask(db: Db, ctx: RequestContext, taskId: string, note: string | undefined): Promise<TaskDto> {
  return db.transaction(async (tx) => {
    const task = await findTask(tx, ctx.actor, taskId, true);
    if (!task) throw new AppError('not_found');
    if (task.status === 'done') return task;
    const done = await markTaskDone(tx, taskId, ctx.actor.userId, note ?? null);
    const m = (await messageById(tx, task.messageId, true))!;
    await addEvent(tx, m, 'task_done', ctx.actor.userId, { taskId });
    if (await markProcessed(tx, m.id, ctx.actor.userId)) await addEvent(tx, m, 'processed', ctx.actor.userId, { taskId });
    await auditMessage(tx, ctx, 'message.task.done', m, { taskId });
    return done;
  });
}

function linkView(m: MessageRecord, practitionerName: string): MessageLinkDto {
  return { kind: 'message', messageType: m.type, practitionerName, createdAt: m.createdAt, acknowledgedAt: m.acknowledgedAt };
}

const practitionerName = practitionerDisplayName;

/** What an acknowledgement link shows: no text, no patient. */
export async function messageLinkView(db: Db, messageId: string): Promise<MessageLinkDto | undefined> {
  const m = await messageById(db, messageId);
  return m ? linkView(m, await practitionerName(db, m.practitionerId)) : undefined;
}

/** Acknowledged through a signed link, by the practitioner or an escalation contact (`party`). */
export async function acknowledgeByLink(db: Db, messageId: string, party: string | null): Promise<MessageLinkDto | undefined> {
  return db.transaction(async (tx) => {
    const m = await messageById(tx, messageId, true);
    if (!m) return undefined;
    const byPractitioner = party === m.practitionerId;
    const userId = byPractitioner ? await practitionerUserId(tx, m.practitionerId) : null;
    await acknowledge(tx, m, userId, 'link', byPractitioner ? { party: 'practitioner' } : { party: 'contact', contactId: party });
    return linkView((await messageById(tx, messageId))!, await practitionerName(tx, m.practitionerId));
  });
}
