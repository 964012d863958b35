/** Templates per practice, escalation settings per practice, delivery preferences per practitioner. */
import { AppError } from '../core/errors/catalogue.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import type { Db } from '../core/db/types.ts';
import {
  deleteTemplate,
  getSettings,
  insertTemplate,
  listTemplates,
  practiceInScope,
  practitionerContact,
  practitionerInScope,
  putPrefs,
  putSettings,
} from './repo.ts';
import type { MessageSettingsDto, MessageSettingsInput, PrefsDto, PrefsInput, TemplateDto } from './schemas.ts';

async function requirePractice(db: Db, ctx: RequestContext, practiceId: string): Promise<void> {
  if (!(await practiceInScope(db, ctx.actor, practiceId))) throw new AppError('not_found');
}

export async function getTemplates(db: Db, ctx: RequestContext, practiceId: string): Promise<{ items: TemplateDto[] }> {
  await requirePractice(db, ctx, practiceId);
  return { items: await listTemplates(db, practiceId) };
}

export async function addTemplate(
  db: Db,
  ctx: RequestContext,
  t: { practiceId: string; type: TemplateDto['type']; label: string; body: string; position?: number | undefined },
): Promise<TemplateDto> {
  await requirePractice(db, ctx, t.practiceId);
  return insertTemplate(db, { ...t, organisationId: ctx.actor.organisationId, position: t.position ?? 0 });
}

export async function removeTemplate(db: Db, ctx: RequestContext, id: string): Promise<void> {
  if (!(await deleteTemplate(db, ctx.actor, id))) throw new AppError('not_found');
}

export async function getMessageSettings(db: Db, ctx: RequestContext, practiceId: string): Promise<MessageSettingsDto> {
  await requirePractice(db, ctx, practiceId);
  return getSettings(db, practiceId);
}

export async function setMessageSettings(db: Db, ctx: RequestContext, practiceId: string, input: MessageSettingsInput): Promise<MessageSettingsDto> {
  return db.transaction(async (tx) => {
    if (!(await practiceInScope(tx, ctx.actor, practiceId))) throw new AppError('not_found');
    await putSettings(tx, ctx.actor.organisationId, practiceId, input);
    return getSettings(tx, practiceId);
  });
}

/** A practitioner sees and sets his own preferences only; admins and supervisors those in their scope. */
async function requirePractitioner(db: Db, ctx: RequestContext, practitionerId: string): Promise<void> {
  if (ctx.actor.role === 'practitioner' && ctx.actor.practitionerId !== practitionerId) throw new AppError('not_found');
  if (!(await practitionerInScope(db, ctx.actor, practitionerId))) throw new AppError('not_found');
}

export async function getPrefs(db: Db, ctx: RequestContext, practitionerId: string): Promise<PrefsDto> {
  await requirePractitioner(db, ctx, practitionerId);
  const c = (await practitionerContact(db, practitionerId))!;
  return { practitionerId, inApp: true, email: c.email, sms: c.sms, emailAddress: c.emailAddress, mobilePhone: c.mobilePhone, locale: c.locale };
}

export async function setPrefs(db: Db, ctx: RequestContext, practitionerId: string, input: PrefsInput): Promise<PrefsDto> {
  await requirePractitioner(db, ctx, practitionerId);
  const current = (await practitionerContact(db, practitionerId))!;
  if (input.email && !(input.emailAddress ?? current.emailAddress)) {
    throw new AppError('validation_failed', {
      field: 'emailAddress',
      issues: [{ field: 'emailAddress', message: 'Adresse e-mail requise / email address required' }],
    });
  }
  await putPrefs(db, ctx.actor.organisationId, {
    practitionerId,
    email: input.email,
    sms: input.sms,
    emailAddress: input.emailAddress === undefined ? current.storedEmailAddress : input.emailAddress,
    mobilePhone: input.mobilePhone === undefined ? current.mobilePhone : input.mobilePhone,
    locale: input.locale ?? current.locale,
  });
  return getPrefs(db, ctx, practitionerId);
}
