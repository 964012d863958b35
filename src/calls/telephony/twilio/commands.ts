/**
 * Commands on a live Twilio call through its REST API: the call's instructions are replaced by new TwiML
 * (POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json with Twiml=…, or Status=completed).
 */
import { ANNOUNCEMENTS, VOICEMAIL_MAX_SECONDS, type CallRef, type CallScript, type TelephonyCommands } from '../port.ts';
import { renderTwiml, type TwilioUrls } from './twiml.ts';

export interface TwilioRestOptions {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** The webhooks' URLs (TwiML sent by command points back to them). */
  urls(): TwilioUrls;
}

export function twilioCommands(o: TwilioRestOptions): TelephonyCommands {
  const auth = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`;

  async function update(call: CallRef, fields: Record<string, string>): Promise<void> {
    const url = `${o.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(o.accountSid)}/Calls/${encodeURIComponent(call.providerCallId)}.json`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`Twilio call update answered ${res.status} (call ${call.callId})`);
  }
  const play = (call: CallRef, script: CallScript) => update(call, { Twiml: renderTwiml(script, o.urls()) });

  return {
    // The agent's softphone is the console: its screen-pop is the ring.
    ringAgent: async () => undefined,
    connect: (call, agentId) => play(call, [{ do: 'connect_agent', agentId }]),
    transfer: (call, toNumber) => play(call, [{ do: 'transfer', toNumber }]),
    playAnnouncement: (call, text) =>
      play(call, [
        { do: 'say', text },
        { do: 'enqueue', queue: call.practiceId },
      ]),
    voicemail: (call) =>
      play(call, [
        { do: 'say', text: ANNOUNCEMENTS.overflowVoicemail },
        { do: 'say', text: ANNOUNCEMENTS.leaveMessage },
        { do: 'voicemail', maxSeconds: VOICEMAIL_MAX_SECONDS },
      ]),
    callback: (call) => play(call, [{ do: 'say', text: ANNOUNCEMENTS.callback }, { do: 'hangup' }]),
    hangUp: (call) => update(call, { Status: 'completed' }),
  };
}
