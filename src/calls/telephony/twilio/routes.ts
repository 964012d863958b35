/**
 * Twilio Programmable Voice webhooks: form-encoded POSTs signed with X-Twilio-Signature, answered with
 * TwiML. No session: each request is authenticated by its signature (forged or unsigned → 403
 * signature_invalid before anything is read or written). Configure the number's voice URL as
 * {RELAIS_PUBLIC_URL}/api/telephony/twilio/voice and its status callback as …/status.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toE164 } from '../../../core/identifiers.ts';
import { AppError } from '../../../core/errors/catalogue.ts';
import { callEnded, callIncoming, callLeftQueue, callMenu, callVoicemail, callWaiting } from '../../intake-service.ts';
import type { CallsRuntime } from '../../runtime.ts';
import type { CallScript } from '../port.ts';
import { validTwilioSignature } from '../../../core/http/twilio-signature.ts';
import { renderTwiml, type TwilioUrls } from './twiml.ts';

export const TWILIO = 'twilio';
export const TWILIO_PATH = '/api/telephony/twilio';

export function twilioUrls(base: string): TwilioUrls {
  const root = `${base}${TWILIO_PATH}`;
  return { menu: `${root}/menu`, wait: `${root}/wait`, queueExit: `${root}/queue-exit`, voicemail: `${root}/voicemail` };
}

const ENDED_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

// Twilio sends many more parameters than Relais reads, and adds new ones without notice: bodies are loose.
const zCallSid = z.string().min(1).max(64);
const zVoice = z.looseObject({ CallSid: zCallSid, To: z.string().max(40), From: z.string().max(40).optional() });
const zMenu = z.looseObject({ CallSid: zCallSid, Digits: z.string().max(20).optional() });
const zWait = z.looseObject({ CallSid: zCallSid });
const zQueueExit = z.looseObject({ CallSid: zCallSid, QueueResult: z.string().max(40).optional() });
const zVoicemail = z.looseObject({
  CallSid: zCallSid,
  RecordingUrl: z.string().max(500).optional(),
  RecordingDuration: z.string().max(10).optional(),
});
const zStatus = z.looseObject({ CallSid: zCallSid, CallStatus: z.string().max(20) });
const zTwiml = z.string().meta({ description: 'TwiML (text/xml)' });

export interface TwilioRouteOptions {
  authToken: string | undefined;
  /** The public base URL Twilio calls (RELAIS_PUBLIC_URL); from the request's Host when not configured. */
  publicUrl: string | undefined;
}

function baseOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

export function twilioRoutes(rt: CallsRuntime, o: TwilioRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      const params: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) params[k] = v;
      done(null, params);
    });

    // Before validation: a forged request learns nothing about what a valid one looks like.
    app.addHook('preValidation', async (request) => {
      const body = request.body;
      const params = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, string>) : {};
      const url = `${baseOf(request, o.publicUrl)}${request.url}`;
      const signature = request.headers['x-twilio-signature'];
      const ok =
        o.authToken !== undefined &&
        Object.values(params).every((v) => typeof v === 'string') &&
        validTwilioSignature(o.authToken, url, params, typeof signature === 'string' ? signature : undefined);
      if (!ok) throw new AppError('signature_invalid');
    });

    const twiml = (request: FastifyRequest, script: CallScript) => renderTwiml(script, twilioUrls(baseOf(request, o.publicUrl)));
    const tags = ['telephony'];
    const route = { config: { public: true } } as const;

    app.post(
      '/voice',
      { ...route, schema: { tags, summary: 'Twilio : appel entrant / Twilio: incoming call', body: zVoice, response: { 200: zTwiml } } },
      async (request, reply) => {
        const b = request.body;
        const calledNumber = toE164(b.To) ?? b.To;
        const callerNumber = b.From ? toE164(b.From) : null;
        const script = await callIncoming(rt, TWILIO, { kind: 'incoming', providerCallId: b.CallSid, calledNumber, callerNumber });
        return reply
          .type('text/xml')
          .serializer((p: unknown) => p as string)
          .send(twiml(request, script));
      },
    );

    app.post(
      '/menu',
      { ...route, schema: { tags, summary: 'Twilio : touche du menu vocal / Twilio: voice menu key', body: zMenu, response: { 200: zTwiml } } },
      async (request, reply) => {
        const script = await callMenu(rt, TWILIO, { kind: 'menu', providerCallId: request.body.CallSid, digits: request.body.Digits ?? '' });
        return reply
          .type('text/xml')
          .serializer((p: unknown) => p as string)
          .send(twiml(request, script));
      },
    );

    app.post(
      '/wait',
      { ...route, schema: { tags, summary: "Twilio : musique d'attente / Twilio: hold (wait URL)", body: zWait, response: { 200: zTwiml } } },
      async (request, reply) => {
        const script = await callWaiting(rt, TWILIO, { kind: 'waiting', providerCallId: request.body.CallSid });
        return reply
          .type('text/xml')
          .serializer((p: unknown) => p as string)
          .send(twiml(request, script));
      },
    );

    app.post(
      '/queue-exit',
      { ...route, schema: { tags, summary: "Twilio : sortie de file d'attente / Twilio: left the queue", body: zQueueExit, response: { 200: zTwiml } } },
      async (request, reply) => {
        const r = request.body.QueueResult ?? '';
        const result = r === 'hangup' ? 'hangup' : r.startsWith('bridg') ? 'bridged' : r === 'redirected' || r === 'leave' ? 'redirected' : 'error';
        const script = await callLeftQueue(rt, TWILIO, { kind: 'left_queue', providerCallId: request.body.CallSid, result });
        return reply
          .type('text/xml')
          .serializer((p: unknown) => p as string)
          .send(twiml(request, script));
      },
    );

    app.post(
      '/voicemail',
      {
        ...route,
        schema: { tags, summary: 'Twilio : message vocal enregistré / Twilio: voice message recorded', body: zVoicemail, response: { 200: zTwiml } },
      },
      async (request, reply) => {
        const b = request.body;
        const duration = Number(b.RecordingDuration ?? 0);
        const script = await callVoicemail(rt, TWILIO, {
          kind: 'voicemail',
          providerCallId: b.CallSid,
          recording: b.RecordingUrl ?? null,
          durationSeconds: Number.isFinite(duration) ? duration : 0,
        });
        return reply
          .type('text/xml')
          .serializer((p: unknown) => p as string)
          .send(twiml(request, script));
      },
    );

    app.post(
      '/status',
      { ...route, schema: { tags, summary: "Twilio : état de l'appel / Twilio: call status callback", body: zStatus, response: { 200: zTwiml } } },
      async (request, reply) => {
        if (ENDED_STATUSES.has(request.body.CallStatus)) await callEnded(rt, TWILIO, { kind: 'ended', providerCallId: request.body.CallSid });
        return reply
          .type('text/xml')
          .serializer((p: unknown) => p as string)
          .send(twiml(request, []));
      },
    );
  };
}
