/**
 * The simulator's two ways into a Relais server, both over plain HTTP like real clients: the carrier's
 * signed webhooks (Twilio's protocol, signed with the same shared auth token), and the JSON API with a
 * session cookie (the simulated agents, the administrator who prepares the run).
 */
import { twilioSignature } from '../../core/http/twilio-signature.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'HttpError';
  }
  /** The error code of the API's error body, if any. */
  get code(): string | undefined {
    try {
      return (JSON.parse(this.body) as { error?: { code?: string } }).error?.code;
    } catch {
      return undefined;
    }
  }
}

/** A signed-in API user (its session cookie kept between requests). */
export class ApiSession {
  private cookie = '';
  constructor(readonly baseUrl: string) {}

  /** The Cookie header of this session (for the live WebSocket). */
  get cookieHeader(): string {
    return this.cookie;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      if (pair.startsWith('relais_session=')) this.cookie = pair;
    }
    const text = await res.text();
    if (!res.ok) throw new HttpError(res.status, method, path, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }
  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  async login(email: string, password: string): Promise<void> {
    await this.post('/api/session', { email, password });
  }
}

/** The verbs of a TwiML answer, in document order (nested ones included): 'Gather', 'Say', 'Enqueue'… */
export function twimlVerbs(xml: string): string[] {
  return [...xml.matchAll(/<([A-Z][A-Za-z]*)\b/g)].map((m) => m[1] as string).filter((v) => v !== 'Response');
}

/** The carrier: posts Twilio-style webhooks for a caller's leg, signed with the account's auth token. */
export class Carrier {
  readonly accountSid = 'ACsimulator00000000000000000000000';
  constructor(
    /** Where the server listens. */
    readonly baseUrl: string,
    readonly authToken: string,
    /** The URL the server believes Twilio calls (RELAIS_PUBLIC_URL); the signature covers it. */
    readonly publicUrl: string = baseUrl,
  ) {}

  async post(path: string, params: Record<string, string>): Promise<string[]> {
    const signedUrl = `${this.publicUrl}/api/telephony/twilio${path}`;
    const res = await fetch(`${this.baseUrl}/api/telephony/twilio${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(this.authToken, signedUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    const text = await res.text();
    if (!res.ok) throw new HttpError(res.status, 'POST', `/api/telephony/twilio${path}`, text);
    return twimlVerbs(text);
  }

  incoming(callSid: string, to: string, from: string): Promise<string[]> {
    return this.post('/voice', {
      CallSid: callSid,
      AccountSid: this.accountSid,
      To: to,
      Called: to,
      From: from,
      Caller: from,
      Direction: 'inbound',
      CallStatus: 'ringing',
      ApiVersion: '2010-04-01',
    });
  }
  press(callSid: string, digits: string): Promise<string[]> {
    return this.post('/menu', { CallSid: callSid, AccountSid: this.accountSid, Digits: digits });
  }
  waiting(callSid: string, queueSeconds: number): Promise<string[]> {
    return this.post('/wait', { CallSid: callSid, AccountSid: this.accountSid, QueueTime: String(queueSeconds) });
  }
  leftQueue(callSid: string, result: 'bridged' | 'redirected' | 'leave' | 'hangup'): Promise<string[]> {
    return this.post('/queue-exit', { CallSid: callSid, AccountSid: this.accountSid, QueueResult: result });
  }
  recorded(callSid: string, seconds: number): Promise<string[]> {
    return this.post('/voicemail', {
      CallSid: callSid,
      AccountSid: this.accountSid,
      RecordingUrl: `https://simulator.invalid/Recordings/RE${callSid.slice(2)}`,
      RecordingDuration: String(seconds),
    });
  }
  /** The status callback at the end of the caller's leg (whoever hung up). */
  ended(callSid: string, durationSeconds: number): Promise<string[]> {
    return this.post('/status', { CallSid: callSid, AccountSid: this.accountSid, CallStatus: 'completed', CallDuration: String(durationSeconds) });
  }
}
