/**
 * Users of an organisation: listing, creation and changes by an admin, and each user's own settings.
 * Password hashes never leave this module.
 */
import type { Db, Queryable } from '../core/db/types.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import { sqlConstraint, sqlState } from '../core/db/types.ts';
import { AppError, invalidField } from '../core/errors/catalogue.ts';
import { hashPassword, verifyPassword } from '../core/auth/passwords.ts';
import type { Role } from '../core/auth/roles.ts';
import * as repo from './repo.ts';
import { accountLockSeconds, unlockAccount } from '../session/service.ts';
import { audit } from '../core/audit.ts';
import type { CreateUserInput, UpdateMeInput, UpdateUserInput, UserView } from './schemas.ts';

/** Where a user may be created or changed: the organisation, and the practices the caller may hand out. */
export interface UserScope {
  organisationId: string;
  practiceIds: readonly string[];
}

export const scopeOf = (ctx: RequestContext): UserScope => ({
  organisationId: ctx.actor.organisationId,
  practiceIds: ctx.actor.practiceIds,
});

/** Roles assigned to practices one by one; the others see the organisation, or their practitioner's practices. */
const ASSIGNED_ROLES: readonly Role[] = ['agent', 'trainer'];

function toView(row: repo.UserRow): UserView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    active: row.active,
    practitionerId: row.practitioner_id,
    practices: row.practices,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listUsers(db: Db, ctx: RequestContext, filter: { role?: Role; active?: boolean }): Promise<UserView[]> {
  return (await repo.listUsers(db, ctx.actor.organisationId, filter)).map(toView);
}

export async function getUser(db: Queryable, ctx: RequestContext, id: string): Promise<UserView> {
  const row = await repo.findUser(db, ctx.actor.organisationId, id);
  if (!row) throw new AppError('not_found');
  return toView(row);
}

/** Seconds the user's account stays locked to sign-ins from unknown devices (0: not locked). */
export async function userLock(db: Db, ctx: RequestContext, id: string): Promise<{ lockedForSeconds: number }> {
  const user = await getUser(db, ctx, id);
  return { lockedForSeconds: await accountLockSeconds(db, user.email) };
}

/** An administrator lifts a sign-in lock (after checking who is calling); the act is audited. */
export async function unlockUser(db: Db, ctx: RequestContext, id: string): Promise<void> {
  const user = await getUser(db, ctx, id);
  await unlockAccount(db, user.email);
  await audit(db, ctx, { action: 'user.unlock', outcome: 'ok', detail: { userId: user.id } });
}

/** Checks the role's links and returns the practice assignments to store (empty for roles that have none). */
async function resolveAssignments(
  tx: Queryable,
  scope: UserScope,
  o: { role: Role; practiceIds: readonly string[] | undefined; dedicatedPracticeIds: readonly string[] | undefined; practitionerId: string | null },
): Promise<repo.UserPractice[]> {
  if (o.role === 'practitioner') {
    if (!o.practitionerId) throw invalidField('practitionerId', 'Obligatoire pour un praticien / required for a practitioner');
    const practices = await repo.practicesOfPractitioner(tx, scope.organisationId, o.practitionerId);
    // A practitioner of another organisation, or working only outside the caller's scope, does not exist for him.
    if (!practices || (practices.length > 0 && !practices.some((p) => scope.practiceIds.includes(p)))) {
      throw new AppError('not_found', { field: 'practitionerId' });
    }
  } else if (o.practitionerId) {
    throw invalidField('practitionerId', 'Réservé au rôle praticien / only for the practitioner role');
  }
  if (!ASSIGNED_ROLES.includes(o.role)) {
    if (o.practiceIds?.length) throw invalidField('practiceIds', 'Réservé aux agents et formateurs / only for agents and trainers');
    if (o.dedicatedPracticeIds?.length) throw invalidField('dedicatedPracticeIds', 'Réservé aux agents et formateurs / only for agents and trainers');
    return [];
  }
  const ids = [...new Set(o.practiceIds ?? [])];
  const existing = await repo.existingPractices(tx, scope.organisationId, ids);
  ids.forEach((id, i) => {
    // Out of scope answers exactly like nonexistent.
    if (!existing.has(id) || !scope.practiceIds.includes(id)) throw new AppError('not_found', { field: `practiceIds.${i}` });
  });
  const dedicated = new Set(o.dedicatedPracticeIds ?? []);
  for (const id of dedicated) {
    if (!ids.includes(id)) throw invalidField('dedicatedPracticeIds', 'Doit faire partie de practiceIds / must be one of practiceIds');
  }
  return ids.map((practiceId) => ({ practiceId, dedicated: dedicated.has(practiceId) }));
}

function emailTakenOn(error: unknown): boolean {
  return sqlState(error) === '23505' && (sqlConstraint(error) ?? 'users_email') === 'users_email';
}

export async function createUser(db: Db, scope: UserScope, input: CreateUserInput): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      if (await repo.emailInUse(tx, input.email)) throw new AppError('email_taken', { field: 'email' });
      const practices = await resolveAssignments(tx, scope, {
        role: input.role,
        practiceIds: input.practiceIds,
        dedicatedPracticeIds: input.dedicatedPracticeIds,
        practitionerId: input.practitionerId ?? null,
      });
      const id = await repo.insertUser(tx, {
        organisationId: scope.organisationId,
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        practitionerId: input.role === 'practitioner' ? (input.practitionerId ?? null) : null,
        locale: input.locale ?? 'fr',
      });
      await repo.replaceUserPractices(tx, id, practices);
      return toView((await repo.findUser(tx, scope.organisationId, id))!);
    });
  } catch (error) {
    if (emailTakenOn(error)) throw new AppError('email_taken', { field: 'email' });
    throw error;
  }
}

export async function updateUser(db: Db, ctx: RequestContext, id: string, input: UpdateUserInput, sessionTokenHash: string | null = null): Promise<UserView> {
  const scope = scopeOf(ctx);
  const self = id === ctx.actor.userId;
  if (self && input.active === false) throw new AppError('unprocessable', { field: 'active', details: { reason: 'cannot_deactivate_self' } });
  if (self && input.role !== undefined && input.role !== 'admin') {
    throw new AppError('unprocessable', { field: 'role', details: { reason: 'cannot_demote_self' } });
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const current = await repo.findUser(tx, scope.organisationId, id);
      if (!current) throw new AppError('not_found');
      if (input.email !== undefined && (await repo.emailInUse(tx, input.email, id))) throw new AppError('email_taken', { field: 'email' });
      const role = input.role ?? current.role;
      const practitionerId = role === 'practitioner' ? (input.practitionerId ?? current.practitioner_id) : (input.practitionerId ?? null);
      const linksChange =
        input.role !== undefined || input.practiceIds !== undefined || input.dedicatedPracticeIds !== undefined || input.practitionerId !== undefined;
      if (linksChange) {
        const keepPractices = ASSIGNED_ROLES.includes(role) && ASSIGNED_ROLES.includes(current.role);
        const practiceIds = input.practiceIds ?? (keepPractices ? current.practices.map((p) => p.practiceId) : undefined);
        // Unless told otherwise, a practice kept keeps its dedicated flag.
        const dedicatedPracticeIds =
          input.dedicatedPracticeIds ??
          (keepPractices ? current.practices.filter((p) => p.dedicated && practiceIds?.includes(p.practiceId)).map((p) => p.practiceId) : undefined);
        const practices = await resolveAssignments(tx, scope, { role, practiceIds, dedicatedPracticeIds, practitionerId });
        await repo.replaceUserPractices(tx, id, practices);
      }
      await repo.updateUser(tx, id, {
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        practitionerId: linksChange ? practitionerId : undefined,
        locale: input.locale,
        active: input.active,
        passwordHash,
      });
      // A deactivated user is signed out everywhere; a reset password ends the sessions opened with the old one.
      if (input.active === false || passwordHash !== undefined) {
        await repo.endSessionsOfUser(tx, id, self ? sessionTokenHash : null);
      }
      return toView((await repo.findUser(tx, scope.organisationId, id))!);
    });
  } catch (error) {
    if (emailTakenOn(error)) throw new AppError('email_taken', { field: 'email' });
    throw error;
  }
}

/** A user's own settings; changing the password needs the current one and ends the user's other sessions. */
export async function updateMe(db: Db, ctx: RequestContext, sessionTokenHash: string | null, input: UpdateMeInput): Promise<UserView> {
  const userId = ctx.actor.userId;
  let passwordHash: string | undefined;
  if (input.newPassword !== undefined) {
    if (input.currentPassword === undefined)
      throw invalidField('currentPassword', 'Obligatoire pour changer de mot de passe / required to change the password');
    const ok = await verifyPassword(await repo.passwordHashOf(db, userId), input.currentPassword);
    if (!ok) throw invalidField('currentPassword', 'Mot de passe actuel incorrect / current password is incorrect');
    passwordHash = await hashPassword(input.newPassword);
  } else if (input.currentPassword !== undefined) {
    throw invalidField('newPassword', 'Obligatoire avec currentPassword / required with currentPassword');
  }
  return db.transaction(async (tx) => {
    await repo.updateUser(tx, userId, { displayName: input.displayName, locale: input.locale, passwordHash });
    if (passwordHash !== undefined) await repo.endSessionsOfUser(tx, userId, sessionTokenHash);
    return toView((await repo.findUser(tx, ctx.actor.organisationId, userId))!);
  });
}

/** The user acting for a practitioner who answers through a signed link. */
export async function practitionerUserId(q: Queryable, practitionerId: string): Promise<string | null> {
  return (await repo.userOfPractitioner(q, practitionerId)) ?? null;
}

/** The organisations, oldest first (`relais user add` picks or creates one). */
export const listOrganisations = (db: Queryable): Promise<{ id: string; name: string }[]> => repo.listOrganisations(db);
export const createOrganisation = (db: Queryable, name: string): Promise<string> => repo.insertOrganisation(db, name);
export const practiceIdsOfOrganisation = (db: Queryable, organisationId: string): Promise<string[]> => repo.practiceIdsOfOrganisation(db, organisationId);
