/** /fhir/R4: token endpoint, metadata, Patient, Appointment. Bearer tokens of API clients; errors as OperationOutcome. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.ts';
import type { Db } from '../../core/db/types.ts';
import type { RequestContext } from '../../core/auth/actor.ts';
import { toAppError } from '../../core/http/error-handler.ts';
import type { Clock } from '../../core/time/clock.ts';
import { VERSION } from '../../core/version.ts';
import { clientForToken, issueToken } from '../api-clients/clients-service.ts';
import type { ApiScope } from '../api-clients/scopes.ts';
import { capabilityStatement, outcome, searchBundle } from './resources.ts';
import * as fhir from './fhir-service.ts';

const ISSUE_CODE: Record<number, string> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'deleted',
  422: 'business-rule',
  429: 'throttled',
};

class Unauthorized extends Error {}
class MissingScope extends Error {}

export function fhirRoutes(db: Db, o: { config: Config; clock: Clock }) {
  return async (app: FastifyInstance) => {
    const json = (body: string, done: (e: Error | null, v?: unknown) => void) => {
      try {
        done(null, body ? JSON.parse(body) : undefined);
      } catch {
        done(new fhir.FhirInvalid('Body is not valid JSON'));
      }
    };
    app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_r, body, done) => json(body as string, done));
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    app.setErrorHandler((error, request, reply) => {
      reply.header('content-type', 'application/fhir+json; charset=utf-8');
      if (error instanceof fhir.FhirInvalid) return reply.status(400).send(outcome(error.code, error.diagnostics, error.expression));
      if (error instanceof Unauthorized)
        return reply.status(401).header('www-authenticate', 'Bearer').send(outcome('login', 'A valid bearer token is required'));
      if (error instanceof MissingScope) return reply.status(403).send(outcome('forbidden', error.message));
      const e = toAppError(error);
      if (e.status >= 500) request.log.error({ err: error }, 'FHIR request failed');
      const details = e.options.details ? ` ${JSON.stringify(e.options.details)}` : '';
      return reply.status(e.status).send(outcome(ISSUE_CODE[e.status] ?? 'exception', `${e.code}${details}`, e.options.field));
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) reply.header('content-type', 'application/fhir+json; charset=utf-8');
      return payload;
    });
    const base = (request: FastifyRequest) => `${o.config.publicUrl ?? `${request.protocol}://${request.host}`}/fhir/R4`;

    async function context(request: FastifyRequest, scope: ApiScope): Promise<RequestContext> {
      const header = request.headers.authorization ?? '';
      const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header)?.[1];
      const client = token ? await clientForToken(db, token, o.clock) : null;
      if (!client) throw new Unauthorized();
      if (!client.scopes.includes(scope)) throw new MissingScope(`The scope ${scope} is required`);
      return { actor: client.actor, requestId: String(request.id), clock: o.clock };
    }

    app.post(
      '/token',
      { config: { public: true }, schema: { tags: ['FHIR'], summary: 'Jeton OAuth 2 (client credentials) / OAuth 2 token (client credentials)' } },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, string | undefined>;
        let clientId = body['client_id'];
        let clientSecret = body['client_secret'];
        const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (basic) [clientId, clientSecret] = Buffer.from(basic, 'base64').toString().split(':');
        reply.header('cache-control', 'no-store').header('content-type', 'application/json');
        if (body['grant_type'] !== 'client_credentials') return reply.status(400).send({ error: 'unsupported_grant_type' });
        const issued = clientId && clientSecret ? await issueToken(db, { clientId, clientSecret, clock: o.clock }) : null;
        if (!issued) return reply.status(401).send({ error: 'invalid_client' });
        return { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, scope: issued.scope };
      },
    );
    app.get('/metadata', { config: { public: true }, schema: { tags: ['FHIR'], summary: 'CapabilityStatement FHIR R4' } }, async (request) =>
      capabilityStatement({ baseUrl: base(request), version: VERSION, date: o.clock.now().toISOString() }),
    );
    app.get<{ Params: { id: string } }>('/Patient/:id', { schema: { tags: ['FHIR'], summary: 'Lire un Patient / Read a Patient' } }, async (request) =>
      fhir.readPatient(db, await context(request, 'patients.read'), request.params.id),
    );
    app.get<{ Params: { id: string } }>(
      '/Appointment/:id',
      { schema: { tags: ['FHIR'], summary: 'Lire un rendez-vous / Read an Appointment' } },
      async (request) => fhir.readAppointment(db, await context(request, 'agenda.read'), request.params.id),
    );
    app.get('/Appointment', { schema: { tags: ['FHIR'], summary: 'Chercher des rendez-vous / Search Appointments' } }, async (request) => {
      const ctx = await context(request, 'agenda.read');
      return searchBundle(await fhir.searchAppointments(db, ctx, { params: request.query as Record<string, string>, clock: o.clock }), base(request));
    });
    app.post('/Appointment', { schema: { tags: ['FHIR'], summary: 'Prendre un rendez-vous / Book an Appointment' } }, async (request, reply) => {
      const created = await fhir.createAppointment(db, await context(request, 'agenda.book'), (request.body ?? {}) as never);
      return reply
        .status(201)
        .header('location', `${base(request)}/Appointment/${created.id}`)
        .send(created);
    });
    app.put<{ Params: { id: string } }>(
      '/Appointment/:id',
      { schema: { tags: ['FHIR'], summary: 'Annuler un rendez-vous (status cancelled) / Cancel an Appointment' } },
      async (request) => fhir.updateAppointment(db, await context(request, 'agenda.book'), request.params.id, (request.body ?? {}) as never),
    );
  };
}
