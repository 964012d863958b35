/** API clients: the admin creates them (secret shown once); a client trades its credentials for a short-lived token. */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../core/auth/actor.ts';
import type { Db } from '../../core/db/types.ts';
import { audit } from '../../core/audit.ts';
import { notFound } from '../../core/errors/catalogue.ts';
import type { Clock } from '../../core/time/clock.ts';
import { actorForToken, clientSecretHash, insertClient, insertToken, listClients, type ApiClientDto } from './clients-repo.ts';
import type { ApiScope } from './scopes.ts';

export const TOKEN_TTL_SECONDS = 900;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createApiClient(
  db: Db,
  ctx: RequestContext,
  input: { name: string; scopes: ApiScope[]; practiceIds: string[] },
): Promise<ApiClientDto & { clientSecret: string }> {
  if (input.practiceIds.some((p) => !ctx.actor.practiceIds.includes(p))) throw notFound();
  const id = randomUUID();
  const clientSecret = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const c = await insertClient(tx, ctx.actor, {
      id,
      name: input.name,
      secretHash: sha256(clientSecret),
      scopes: input.scopes,
      practiceIds: input.practiceIds,
    });
    await audit(tx, ctx, { action: 'api_client.create', outcome: 'ok', detail: { clientId: id, scopes: input.scopes, practiceIds: input.practiceIds } });
    return { ...c, clientSecret };
  });
}

export const getApiClients = (db: Db, ctx: RequestContext) => listClients(db, ctx.actor);

/** OAuth 2 client credentials: null when the client is unknown, inactive or the secret wrong. */
export async function issueToken(
  db: Db,
  o: { clientId: string; clientSecret: string; clock: Clock },
): Promise<{ accessToken: string; expiresIn: number; scope: string } | null> {
  if (!/^[0-9a-f-]{36}$/.test(o.clientId)) return null;
  const client = await clientSecretHash(db, o.clientId);
  const given = Buffer.from(sha256(o.clientSecret));
  if (!client || !timingSafeEqual(given, Buffer.from(client.secretHash))) return null;
  const accessToken = randomBytes(32).toString('base64url');
  await insertToken(db, { tokenHash: sha256(accessToken), clientId: o.clientId, expiresAt: new Date(o.clock.nowMs() + TOKEN_TTL_SECONDS * 1000) });
  return { accessToken, expiresIn: TOKEN_TTL_SECONDS, scope: client.scopes.join(' ') };
}

export function clientForToken(db: Db, token: string, clock: Clock) {
  return actorForToken(db, sha256(token), clock.now());
}
