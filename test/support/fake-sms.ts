/**
 * A local server speaking Twilio's Programmable Messaging API as Relais uses it:
 *   POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic AccountSid:AuthToken,
 *   form To, From | MessagingServiceSid, Body, StatusCallback → 201 {sid, status: 'queued', …};
 *   bad credentials → 401 {code: 20003}; an invalid To → 400 {code: 21211}.
 * It keeps every accepted SMS, can fail the next requests on purpose, and can post the delivery
 * report Twilio would send, signed like Twilio signs it.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from '../../src/core/http/twilio-signature.ts';

export interface FakeSms {
  sid: string;
  from: string;
  body: string;
  to: string;
  statusCallback: string | undefined;
}

export interface FakeTwilio {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  sent: FakeSms[];
  to(number: string): FakeSms[];
  /** The next `n` requests (to `to` only, when given) answer 500 (a provider outage). */
  failNext(n: number, to?: string): void;
  /** Requests received, accepted or not. */
  requests(): number;
  /**
   * Posts Twilio's status callback for a message to `postTo`, signed with the auth token for
   * `signedUrl` (Twilio signs the StatusCallback URL it was given; behind a proxy, the server is
   * reached at another address). Answers the HTTP status.
   */
  report(sid: string, status: 'delivered' | 'undelivered' | 'failed', postTo: string, signedUrl: string): Promise<number>;
  close(): Promise<void>;
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = 'AC' + randomBytes(16).toString('hex');
  const authToken = randomBytes(16).toString('hex');
  const sent: FakeSms[] = [];
  let failures = 0;
  let failTo: string | undefined;
  let requests = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
        return json(404, { code: 20404, message: 'not found', status: 404 });
      if (req.headers.authorization !== 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64')) {
        return json(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        return json(415, { code: 0, message: 'form expected', status: 415 });
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      if (failures > 0 && (failTo === undefined || failTo === to)) {
        failures--;
        return json(500, { code: 20500, message: 'Internal Server Error', status: 500 });
      }
      const from = form.get('From') ?? form.get('MessagingServiceSid') ?? '';
      const body = form.get('Body') ?? '';
      if (!/^\+[1-9]\d{6,14}$/.test(to)) return json(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      if (!from || !body) return json(400, { code: 21602, message: 'Message body is required.', status: 400 });
      const sid = 'SM' + randomBytes(16).toString('hex');
      sent.push({ sid, from, body, to, statusCallback: form.get('StatusCallback') ?? undefined });
      json(201, { sid, account_sid: accountSid, to, from, body, status: 'queued', num_segments: '1', direction: 'outbound-api', error_code: null });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    sent,
    to: (n) => sent.filter((s) => s.to === n),
    failNext: (n, to) => {
      failures = n;
      failTo = to;
    },
    requests: () => requests,
    async report(sid, status, postTo, signedUrl) {
      const params: Record<string, string> = { MessageSid: sid, MessageStatus: status, AccountSid: accountSid, SmsSid: sid };
      if (status !== 'delivered') params['ErrorCode'] = '30003';
      const res = await fetch(postTo, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(authToken, signedUrl, params) },
        body: new URLSearchParams(params).toString(),
      });
      return res.status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
