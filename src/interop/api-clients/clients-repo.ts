/** SQL for API clients and their bearer tokens (hashes only). */
import type { Actor } from '../../core/auth/actor.ts';
import type { Queryable } from '../../core/db/types.ts';
import type { ApiScope } from './scopes.ts';

export interface ApiClientDto {
  id: string;
  name: string;
  scopes: ApiScope[];
  practiceIds: string[];
  active: boolean;
  createdAt: string;
}

export async function insertClient(
  q: Queryable,
  actor: Actor,
  c: { id: string; name: string; secretHash: string; scopes: readonly ApiScope[]; practiceIds: readonly string[] },
): Promise<ApiClientDto> {
  const { rows: users } = await q.query<{ id: string }>(
    `insert into users (organisation_id, email, display_name, role, password_hash, active)
     values ($1, $2, $3, 'agent', '!', false) returning id`,
    [actor.organisationId, `api-client+${c.id}@relais.invalid`, `API : ${c.name}`],
  );
  const { rows } = await q.query<{ created_at: Date }>(
    `insert into api_clients (id, organisation_id, name, secret_hash, scopes, practice_ids, user_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning created_at`,
    [c.id, actor.organisationId, c.name, c.secretHash, c.scopes, c.practiceIds, users[0]!.id, actor.userId],
  );
  return { id: c.id, name: c.name, scopes: [...c.scopes], practiceIds: [...c.practiceIds], active: true, createdAt: rows[0]!.created_at.toISOString() };
}

export async function listClients(q: Queryable, actor: Actor): Promise<ApiClientDto[]> {
  const { rows } = await q.query<{ id: string; name: string; scopes: ApiScope[]; practice_ids: string[]; active: boolean; created_at: Date }>(
    `select id, name, scopes, practice_ids, active, created_at from api_clients where organisation_id = $1 and practice_ids <@ $2::uuid[] order by created_at`,
    [actor.organisationId, actor.practiceIds],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, scopes: r.scopes, practiceIds: r.practice_ids, active: r.active, createdAt: r.created_at.toISOString() }));
}

export async function clientSecretHash(q: Queryable, clientId: string): Promise<{ secretHash: string; scopes: ApiScope[] } | null> {
  const { rows } = await q.query<{ secret_hash: string; scopes: ApiScope[] }>('select secret_hash, scopes from api_clients where id = $1 and active', [
    clientId,
  ]);
  return rows[0] ? { secretHash: rows[0].secret_hash, scopes: rows[0].scopes } : null;
}

export async function insertToken(q: Queryable, o: { tokenHash: string; clientId: string; expiresAt: Date }): Promise<void> {
  await q.query('insert into api_tokens (token_hash, client_id, expires_at) values ($1, $2, $3)', [o.tokenHash, o.clientId, o.expiresAt]);
}

/** The client behind a live token, as an actor scoped to its practices (within its organisation). */
export async function actorForToken(q: Queryable, tokenHash: string, at: Date): Promise<{ actor: Actor; scopes: ApiScope[] } | null> {
  const { rows } = await q.query<{ user_id: string; organisation_id: string; name: string; client_id: string; scopes: ApiScope[]; practice_ids: string[] }>(
    `select c.user_id, c.organisation_id, c.name, c.id as client_id, c.scopes,
            array(select p.id from practices p where p.id = any(c.practice_ids) and p.organisation_id = c.organisation_id order by 1) as practice_ids
       from api_tokens t join api_clients c on c.id = t.client_id
      where t.token_hash = $1 and t.expires_at > $2 and c.active`,
    [tokenHash, at],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    scopes: r.scopes,
    actor: {
      userId: r.user_id,
      organisationId: r.organisation_id,
      role: 'agent',
      email: `api-client+${r.client_id}@relais.invalid`,
      displayName: `API : ${r.name}`,
      locale: 'fr',
      practitionerId: null,
      practiceIds: r.practice_ids,
    },
  };
}
