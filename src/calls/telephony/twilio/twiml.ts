/** Renders a provider-neutral call script as TwiML (Twilio's XML). Pure. */
import type { CallScript, CallStep } from '../port.ts';

/** The absolute URLs of the webhooks TwiML points back to. */
export interface TwilioUrls {
  menu: string;
  wait: string;
  queueExit: string;
  voicemail: string;
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const say = (text: string) => `<Say language="fr-FR">${xmlEscape(text)}</Say>`;

/** Twilio Client identities allow letters, digits and underscores. */
export const clientIdentity = (agentId: string) => `agent_${agentId.replace(/-/g, '')}`;
/** The Twilio queue of a practice (queue names are at most 64 characters). */
export const queueName = (practiceId: string) => `relais_${practiceId}`;

function step(s: CallStep, urls: TwilioUrls): string {
  switch (s.do) {
    case 'say':
      return say(s.text);
    case 'pause':
      return `<Pause length="${Math.max(1, Math.round(s.seconds))}"/>`;
    case 'menu':
      return `<Gather numDigits="1" timeout="${s.timeoutSeconds}" action="${xmlEscape(urls.menu)}" method="POST">${say(s.prompt)}</Gather>`;
    case 'enqueue':
      return `<Enqueue waitUrl="${xmlEscape(urls.wait)}" waitUrlMethod="POST" action="${xmlEscape(urls.queueExit)}" method="POST">${xmlEscape(queueName(s.queue))}</Enqueue>`;
    case 'leave':
      return '<Leave/>';
    case 'connect_agent':
      return `<Dial><Client>${xmlEscape(clientIdentity(s.agentId))}</Client></Dial><Hangup/>`;
    case 'transfer':
      return `<Dial>${xmlEscape(s.toNumber)}</Dial><Hangup/>`;
    case 'voicemail':
      return `<Record maxLength="${s.maxSeconds}" finishOnKey="#" playBeep="true" action="${xmlEscape(urls.voicemail)}" method="POST"/>`;
    case 'hangup':
      return '<Hangup/>';
  }
}

export function renderTwiml(script: CallScript, urls: TwilioUrls): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${script.map((s) => step(s, urls)).join('')}</Response>`;
}
