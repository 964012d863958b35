/**
 * A local stand-in for Twilio Programmable Voice: it posts webhooks to the real server signed exactly
 * as Twilio signs them, reads the TwiML answers, and (optionally) serves the REST API's "update a call"
 * to record the commands Relais sends on live calls.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface TwimlNode {
  verb: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

function unescape(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/** Parses the TwiML subset Relais writes (elements, attributes, text; no comments or CDATA). */
export function parseTwiml(xml: string): TwimlNode[] {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '').trim();
  const re = /<(\/?)([A-Za-z]+)((?:\s+[A-Za-z]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  const root: TwimlNode = { verb: '#root', attrs: {}, text: '', children: [] };
  const stack = [root];
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += unescape(m[5]);
      continue;
    }
    if (m[1]) {
      if (top.verb !== m[2]) throw new Error(`TwiML: </${m[2]}> closes <${top.verb}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([A-Za-z]+)="([^"]*)"/g)) attrs[a[1]!] = unescape(a[2]!);
    const node: TwimlNode = { verb: m[2]!, attrs, text: '', children: [] };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  if (stack.length !== 1) throw new Error('TwiML: unclosed element');
  const response = root.children[0];
  if (!response || response.verb !== 'Response') throw new Error('TwiML: no <Response>');
  return response.children;
}

export function twilioSign(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(data).digest('base64');
}

export interface WebhookAnswer {
  status: number;
  text: string;
  /** The verbs of the TwiML answer (empty when the answer is not TwiML). */
  verbs: TwimlNode[];
}

export interface Command {
  callSid: string;
  fields: Record<string, string>;
  /** Parsed Twiml field, when the command sent one. */
  verbs: TwimlNode[];
}

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

export class FakeTwilio {
  readonly accountSid = `AC${randomBytes(16).toString('hex')}`;
  readonly commands: Command[] = [];
  private rest: Server | null = null;

  /** The Relais server the webhooks go to (set once it listens). */
  baseUrl = '';

  constructor(readonly authToken = randomBytes(16).toString('hex')) {}

  /** Posts a webhook like Twilio. signature: undefined = sign properly, null = no header, a string = that header. */
  async post(path: string, params: Record<string, string>, signature?: string | null): Promise<WebhookAnswer> {
    const url = `${this.baseUrl}/api/telephony/twilio${path}`;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const sig = signature === undefined ? twilioSign(this.authToken, url, params) : signature;
    if (sig !== null) headers['x-twilio-signature'] = sig;
    const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
    const text = await res.text();
    return { status: res.status, text, verbs: text.startsWith('<?xml') ? parseTwiml(text) : [] };
  }

  incoming(o: { to: string; from?: string | null; callSid?: string }): Promise<WebhookAnswer & { callSid: string }> {
    const callSid = o.callSid ?? newCallSid();
    const params: Record<string, string> = {
      CallSid: callSid,
      AccountSid: this.accountSid,
      To: o.to,
      Called: o.to,
      Direction: 'inbound',
      CallStatus: 'ringing',
      ApiVersion: '2010-04-01',
    };
    if (o.from !== null) params.From = o.from ?? '+33612345678';
    return this.post('/voice', params).then((a) => ({ ...a, callSid }));
  }

  press(callSid: string, digits: string): Promise<WebhookAnswer> {
    return this.post('/menu', { CallSid: callSid, AccountSid: this.accountSid, Digits: digits });
  }

  waiting(callSid: string): Promise<WebhookAnswer> {
    return this.post('/wait', { CallSid: callSid, AccountSid: this.accountSid, QueueTime: '10' });
  }

  leftQueue(callSid: string, result: string): Promise<WebhookAnswer> {
    return this.post('/queue-exit', { CallSid: callSid, AccountSid: this.accountSid, QueueResult: result });
  }

  hangUp(callSid: string): Promise<WebhookAnswer> {
    return this.post('/status', { CallSid: callSid, AccountSid: this.accountSid, CallStatus: 'completed', CallDuration: '42' });
  }

  recorded(callSid: string, seconds: number): Promise<WebhookAnswer> {
    return this.post('/voicemail', {
      CallSid: callSid,
      AccountSid: this.accountSid,
      RecordingUrl: `https://api.twilio.test/Recordings/RE${callSid.slice(2)}`,
      RecordingDuration: String(seconds),
    });
  }

  /** Serves the REST API's call update; returns its base URL (RELAIS_TWILIO_API_URL). */
  async startRestApi(): Promise<string> {
    const expectedAuth = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    this.rest = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/.exec(req.url ?? '');
        if (req.method !== 'POST' || !m || m[1] !== this.accountSid || req.headers.authorization !== expectedAuth) {
          res.writeHead(401).end();
          return;
        }
        const fields = Object.fromEntries(new URLSearchParams(body));
        this.commands.push({ callSid: decodeURIComponent(m[2]!), fields, verbs: fields.Twiml ? parseTwiml(fields.Twiml) : [] });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: m[2], status: 'in-progress' }));
      });
    });
    await new Promise<void>((resolve) => this.rest!.listen(0, '127.0.0.1', resolve));
    const a = this.rest.address();
    if (!a || typeof a === 'string') throw new Error('no address');
    return `http://127.0.0.1:${a.port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.rest ? this.rest.close(() => resolve()) : resolve()));
  }
}

/** The verbs' names, nested ones after their parent: "Gather>Say, Enqueue". */
export function verbNames(verbs: TwimlNode[]): string[] {
  return verbs.flatMap((v) => [v.verb, ...v.children.filter((c) => c.verb !== '#text').map((c) => `${v.verb}>${c.verb}`)]);
}
