/**
 * SMS through Twilio's Programmable Messaging REST API:
 *   POST {api}/2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic (AccountSid:AuthToken),
 *   form fields To, From | MessagingServiceSid, Body, StatusCallback → 201 {sid, status, …};
 *   an error answers {code, message, more_info, status}.
 * Delivery reports come back on the StatusCallback URL (see public-routes.ts).
 */
import { PermanentFailure, type SendResult, type SmsMessage, type Transport } from './types.ts';

export interface TwilioSmsConfig {
  accountSid: string;
  authToken: string;
  apiUrl: string;
  from?: string | undefined;
  messagingServiceSid?: string | undefined;
  /** Where Twilio reports the delivery status, when the server is reachable from the internet. */
  statusCallbackUrl?: string | undefined;
  timeoutMs?: number;
}

// Twilio error codes that retrying cannot fix: invalid or unreachable number, opted out, region not allowed.
const PERMANENT_CODES = new Set([21211, 21408, 21610, 21612, 21614, 21606, 21659]);

export function twilioSmsTransport(c: TwilioSmsConfig): Transport<SmsMessage> {
  if (!c.from && !c.messagingServiceSid) throw new Error('Twilio SMS needs a sender (RELAIS_SMS_FROM) or a Messaging Service');
  const url = `${c.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(c.accountSid)}/Messages.json`;
  const auth = 'Basic ' + Buffer.from(`${c.accountSid}:${c.authToken}`).toString('base64');
  return {
    name: 'twilio',
    async send(m: SmsMessage): Promise<SendResult> {
      const form = new URLSearchParams({ To: m.to, Body: m.body });
      if (c.messagingServiceSid) form.set('MessagingServiceSid', c.messagingServiceSid);
      else form.set('From', c.from!);
      if (c.statusCallbackUrl) form.set('StatusCallback', c.statusCallbackUrl);
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(c.timeoutMs ?? 15_000),
      });
      const body = (await res.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
      if (res.ok && typeof body.sid === 'string') return { providerId: body.sid };
      const detail = `Twilio ${res.status}${body.code ? ` (${body.code})` : ''}`;
      if (res.status === 401 || res.status === 403) throw new Error(`${detail}: credentials refused`);
      if ((res.status === 400 || res.status === 404) && (body.code === undefined || PERMANENT_CODES.has(body.code) || res.status === 404)) {
        throw new PermanentFailure(detail, body.code);
      }
      throw new Error(detail);
    },
  };
}
