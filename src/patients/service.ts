/**
 * Patient use cases. Each runs in one transaction that also writes exactly one audit row (DESIGN invariant 2),
 * including for refused attempts on a patient id: the refusal is decided inside the transaction, the audit row
 * committed, and the error thrown after the commit.
 */
import type { Db, Queryable } from '../core/db/types.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import { audit } from '../core/audit.ts';
import { AppError } from '../core/errors/catalogue.ts';
import { IDENTITY_TRAITS, identityKey, mayQualifyIdentity, patientSearchName, sameIdentity } from './identity.ts';
import { isEmptyQuery, parseSearchQuery } from './search-query.ts';
import {
  latestToday,
  type CreatePatientInput,
  type PatientSearchResult,
  type PatientView,
  type SearchPatientsInput,
  type UpdatePatientInput,
} from './schemas.ts';
import * as repo from './repo.ts';

const scopeOf = (ctx: RequestContext): repo.Scope => ({ organisationId: ctx.actor.organisationId, practiceIds: ctx.actor.practiceIds });

function toView(r: repo.PatientRow): PatientView {
  return {
    id: r.id,
    practiceId: r.practice_id,
    birthName: r.birth_name,
    firstGivenName: r.first_given_name,
    givenNames: r.given_names,
    usualName: r.usual_name,
    birthDate: r.birth_date,
    sex: r.sex,
    birthPlaceInsee: r.birth_place_insee,
    identityStatus: r.identity_status,
    mobilePhone: r.mobile_phone,
    email: r.email,
    address:
      r.postal_code === null && r.city === null && r.address_line === null
        ? null
        : { line: r.address_line, postalCode: r.postal_code ?? '', city: r.city ?? '' },
    note: r.note,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Runs fn in a transaction; an AppError it returns (rather than throws) is thrown after the commit, audit row kept. */
async function committed<T>(db: Db, fn: (tx: Queryable) => Promise<T | AppError>): Promise<T> {
  const result = await db.transaction(fn);
  if (result instanceof AppError) throw result;
  return result;
}

/** Audits a refused access to an id that is not in scope: 'denied' when it exists elsewhere, 'not_found' otherwise. */
async function refuse(tx: Queryable, ctx: RequestContext, action: string, id: string): Promise<AppError> {
  const owner = await repo.ownerOf(tx, id);
  await audit(tx, ctx, { action, outcome: owner ? 'denied' : 'not_found', practiceId: owner?.practiceId ?? null, patientId: id });
  return new AppError('not_found');
}

export async function getPatient(db: Db, ctx: RequestContext, id: string): Promise<PatientView> {
  return committed(db, async (tx) => {
    const row = await repo.findInScope(tx, scopeOf(ctx), id);
    if (!row) return refuse(tx, ctx, 'patient.read', id);
    await audit(tx, ctx, { action: 'patient.read', outcome: 'ok', practiceId: row.practice_id, patientId: id });
    return toView(row);
  });
}

export async function searchPatients(db: Db, ctx: RequestContext, input: SearchPatientsInput): Promise<PatientSearchResult> {
  let practiceIds = ctx.actor.practiceIds;
  if (input.practiceId !== undefined) {
    // Naming a practice narrows the scope, never widens it: outside the scope, the practice does not exist.
    if (!practiceIds.includes(input.practiceId)) {
      await db.transaction((tx) => audit(tx, ctx, { action: 'patient.search', outcome: 'denied', detail: { practiceId: input.practiceId, q: input.q ?? '' } }));
      throw new AppError('not_found', { field: 'practiceId' });
    }
    practiceIds = [input.practiceId];
  }
  const criteria = parseSearchQuery(input.q ?? '', latestToday());
  return db.transaction(async (tx) => {
    const rows = criteria.impossible ? [] : await repo.search(tx, { organisationId: ctx.actor.organisationId, practiceIds }, criteria, input.limit + 1);
    const hasMore = rows.length > input.limit;
    const items = rows.slice(0, input.limit).map((r) => ({
      id: r.id,
      practiceId: r.practice_id,
      birthName: r.birth_name,
      usualName: r.usual_name,
      firstGivenName: r.first_given_name,
      birthDate: r.birth_date,
      sex: r.sex,
      identityStatus: r.identity_status,
      mobilePhone: r.mobile_phone,
    }));
    await audit(tx, ctx, {
      action: 'patient.search',
      outcome: 'ok',
      practiceId: input.practiceId ?? null,
      detail: { q: input.q ?? '', list: isEmptyQuery(criteria), patientIds: items.map((p) => p.id), hasMore },
    });
    return { items, hasMore };
  });
}

export function valuesOf(v: {
  birthName: string;
  firstGivenName: string;
  givenNames: string[];
  usualName: string | null;
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  birthPlaceInsee: string | null;
  identityStatus: 'provisional' | 'qualified';
  mobilePhone: string | null;
  email: string | null;
  address: { line?: string | null; postalCode: string; city: string } | null;
  note: string | null;
}): repo.PatientValues {
  return {
    birthName: v.birthName,
    firstGivenName: v.firstGivenName,
    givenNames: v.givenNames,
    usualName: v.usualName,
    birthDate: v.birthDate,
    sex: v.sex,
    birthPlaceInsee: v.birthPlaceInsee,
    identityStatus: v.identityStatus,
    mobilePhone: v.mobilePhone,
    email: v.email,
    addressLine: v.address?.line ?? null,
    postalCode: v.address?.postalCode ?? null,
    city: v.address?.city ?? null,
    note: v.note,
    searchName: patientSearchName(v),
  };
}

function requireQualifier(ctx: RequestContext, status: string | undefined): void {
  if (status === 'qualified' && !mayQualifyIdentity(ctx.actor.role)) {
    throw new AppError('forbidden', { field: 'identityStatus', details: { reason: 'qualification_reserved' } });
  }
}

/**
 * Duplicate guard. Check-then-insert is only safe if two writers of the same identity cannot interleave, so the
 * transaction first takes an advisory lock keyed on practice + normalised identity: the second writer waits for
 * the first to commit, then (READ COMMITTED: a fresh snapshot per statement) sees its row. We prefer this to a
 * unique index on a normalised key because a confirmed "different person" must be allowed to share the key, and
 * the key would have to be recomputed by every writer of the table; the lock costs nothing to other identities.
 */
export async function findDuplicate(
  tx: Queryable,
  practiceId: string,
  identity: { birthName: string; firstGivenName: string; birthDate: string },
  exceptId?: string,
): Promise<string | null> {
  await repo.lockIdentity(tx, practiceId, identityKey(identity));
  const candidates = await repo.bornOn(tx, practiceId, identity.birthDate);
  const same = candidates.find(
    (c) => c.id !== exceptId && sameIdentity({ birthName: c.birth_name, firstGivenName: c.first_given_name, birthDate: c.birth_date }, identity),
  );
  return same?.id ?? null;
}

function duplicateError(existingId: string): AppError {
  return new AppError('patient_duplicate', { details: { existingId } });
}

export async function createPatient(db: Db, ctx: RequestContext, input: CreatePatientInput): Promise<PatientView> {
  // The practice comes from the body, so it must lie in the caller's scope; outside it, it does not exist.
  if (!ctx.actor.practiceIds.includes(input.practiceId)) throw new AppError('not_found', { field: 'practiceId' });
  requireQualifier(ctx, input.identityStatus);
  const values = valuesOf({
    birthName: input.birthName,
    firstGivenName: input.firstGivenName,
    givenNames: input.givenNames ?? [input.firstGivenName],
    usualName: input.usualName ?? null,
    birthDate: input.birthDate,
    sex: input.sex,
    birthPlaceInsee: input.birthPlaceInsee ?? null,
    identityStatus: input.identityStatus ?? 'provisional',
    mobilePhone: input.mobilePhone ?? null,
    email: input.email ?? null,
    address: input.address ?? null,
    note: input.note ?? null,
  });
  return committed(db, async (tx) => {
    const existingId = await findDuplicate(tx, input.practiceId, input);
    if (existingId && !input.confirmDifferentPerson) {
      // The answer discloses an existing patient's id: that is an access, and it is traced.
      await audit(tx, ctx, {
        action: 'patient.create',
        outcome: 'failed',
        practiceId: input.practiceId,
        patientId: existingId,
        detail: { reason: 'patient_duplicate' },
      });
      return duplicateError(existingId);
    }
    const row = await repo.insertPatient(tx, {
      organisationId: ctx.actor.organisationId,
      practiceId: input.practiceId,
      createdBy: ctx.actor.userId,
      values,
    });
    await audit(tx, ctx, {
      action: 'patient.create',
      outcome: 'ok',
      practiceId: row.practice_id,
      patientId: row.id,
      detail: existingId ? { confirmedDifferentFrom: existingId } : undefined,
    });
    return toView(row);
  });
}

const TRAIT_COLUMNS: Record<(typeof IDENTITY_TRAITS)[number], (v: PatientView) => unknown> = {
  birthName: (v) => v.birthName,
  firstGivenName: (v) => v.firstGivenName,
  givenNames: (v) => v.givenNames.join('\u0000'),
  birthDate: (v) => v.birthDate,
  sex: (v) => v.sex,
  birthPlaceInsee: (v) => v.birthPlaceInsee,
};

/** PATCH semantics: undefined keeps the current value, null clears it. */
const keep = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

export async function updatePatient(db: Db, ctx: RequestContext, id: string, input: UpdatePatientInput): Promise<PatientView> {
  requireQualifier(ctx, input.identityStatus);
  return committed(db, async (tx) => {
    const row = await repo.findInScope(tx, scopeOf(ctx), id, true);
    if (!row) return refuse(tx, ctx, 'patient.update', id);
    const current = toView(row);
    const next: PatientView = {
      ...current,
      birthName: input.birthName ?? current.birthName,
      firstGivenName: input.firstGivenName ?? current.firstGivenName,
      givenNames: input.givenNames ?? current.givenNames,
      usualName: keep(input.usualName, current.usualName),
      birthDate: input.birthDate ?? current.birthDate,
      sex: input.sex ?? current.sex,
      birthPlaceInsee: keep(input.birthPlaceInsee, current.birthPlaceInsee),
      identityStatus: input.identityStatus ?? current.identityStatus,
      mobilePhone: keep(input.mobilePhone, current.mobilePhone),
      email: keep(input.email, current.email),
      address: input.address === undefined ? current.address : input.address && { ...input.address, line: input.address.line ?? null },
      note: keep(input.note, current.note),
    };
    const changedTraits = IDENTITY_TRAITS.filter((t) => TRAIT_COLUMNS[t](next) !== TRAIT_COLUMNS[t](current));
    if (changedTraits.length && current.identityStatus === 'qualified') {
      if (!mayQualifyIdentity(ctx.actor.role)) {
        await audit(tx, ctx, {
          action: 'patient.update',
          outcome: 'denied',
          practiceId: row.practice_id,
          patientId: id,
          detail: { reason: 'identity_qualified', fields: changedTraits },
        });
        return new AppError('identity_qualified', { field: changedTraits[0] });
      }
      // A qualification vouches for the traits it checked: changing one needs a new check, unless re-asserted now.
      if (input.identityStatus === undefined) next.identityStatus = 'provisional';
    }
    if (identityKey(next) !== identityKey(current)) {
      const existingId = await findDuplicate(tx, row.practice_id, next, id);
      if (existingId && !input.confirmDifferentPerson) {
        await audit(tx, ctx, {
          action: 'patient.update',
          outcome: 'failed',
          practiceId: row.practice_id,
          patientId: id,
          detail: { reason: 'patient_duplicate', existingId },
        });
        return duplicateError(existingId);
      }
    }
    const updated = await repo.updatePatient(tx, id, valuesOf(next));
    const fields = Object.keys(input)
      .filter((k) => k !== 'confirmDifferentPerson')
      .sort();
    await audit(tx, ctx, { action: 'patient.update', outcome: 'ok', practiceId: row.practice_id, patientId: id, detail: { fields } });
    return toView(updated);
  });
}

/** The practice a patient belongs to, for another feature's own scope check inside its transaction. */
export async function patientPractice(q: Queryable, patientId: string): Promise<string | undefined> {
  return repo.practiceOfPatient(q, patientId);
}
