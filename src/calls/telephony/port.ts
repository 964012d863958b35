/**
 * The telephony port: what any carrier tells Relais about a call (events) and what Relais asks of it,
 * either as the answer to an event (a script for the caller's line) or out of band on a live call
 * (commands). Adapters (twilio/) translate their wire protocol to and from these types.
 */

/** Events a carrier reports. `providerCallId` is the carrier's id of the caller's leg. */
export type TelephonyEvent =
  | { kind: 'incoming'; providerCallId: string; calledNumber: string; callerNumber: string | null }
  /** The caller pressed keys in the voice menu. */
  | { kind: 'menu'; providerCallId: string; digits: string }
  /** The carrier asks what the waiting caller should hear next. */
  | { kind: 'waiting'; providerCallId: string }
  /** The caller's leg left the queue (bridged, redirected, or the carrier gave up). */
  | { kind: 'left_queue'; providerCallId: string; result: 'bridged' | 'redirected' | 'hangup' | 'error' }
  /** The agent's leg answered (when the carrier, not the console, reports it). */
  | { kind: 'answered'; providerCallId: string }
  /** The caller's leg ended, whatever the reason. */
  | { kind: 'ended'; providerCallId: string }
  /** The carrier put the caller through to another number. */
  | { kind: 'transferred'; providerCallId: string; toNumber: string }
  /** The caller left a voice message. */
  | { kind: 'voicemail'; providerCallId: string; recording: string | null; durationSeconds: number };

/** One step of what the caller's line does next; a script is run in order. Texts are French. */
export type CallStep =
  | { do: 'say'; text: string }
  | { do: 'pause'; seconds: number }
  /** Plays `prompt` while listening for one key; on a key, the carrier reports a 'menu' event. */
  | { do: 'menu'; prompt: string; timeoutSeconds: number }
  /** Puts the caller in the practice's waiting line (hold music / 'waiting' events until taken out). */
  | { do: 'enqueue'; queue: string }
  /** Takes the caller out of the waiting line (the carrier then reports 'left_queue'). */
  | { do: 'leave' }
  /** Bridges the caller to the agent's softphone. */
  | { do: 'connect_agent'; agentId: string }
  | { do: 'transfer'; toNumber: string }
  /** Records a message (the carrier then reports 'voicemail'). */
  | { do: 'voicemail'; maxSeconds: number }
  | { do: 'hangup' };

export type CallScript = CallStep[];

/** A live call as a carrier knows it. */
export interface CallRef {
  callId: string;
  provider: string;
  providerCallId: string;
  /** The practice, whose queue the caller waits in. */
  practiceId: string;
}

/** Commands on a live call, out of band (the caller is on hold, or talking to an agent). */
export interface TelephonyCommands {
  /** The agent's softphone rings (the console's screen-pop is the ring when the softphone is simulated). */
  ringAgent(call: CallRef, agentId: string): Promise<void>;
  /** Bridges the caller to the agent who answered. */
  connect(call: CallRef, agentId: string): Promise<void>;
  transfer(call: CallRef, toNumber: string): Promise<void>;
  playAnnouncement(call: CallRef, text: string): Promise<void>;
  /** Takes the caller to voicemail (overflow). */
  voicemail(call: CallRef): Promise<void>;
  /** Takes the caller to the callback announcement, then hangs up (overflow). */
  callback(call: CallRef): Promise<void>;
  hangUp(call: CallRef): Promise<void>;
}

/** Commands for a provider that has no out-of-band channel (simulated softphones, tests): nothing to do. */
export const NO_COMMANDS: TelephonyCommands = {
  ringAgent: async () => undefined,
  connect: async () => undefined,
  transfer: async () => undefined,
  playAnnouncement: async () => undefined,
  voicemail: async () => undefined,
  callback: async () => undefined,
  hangUp: async () => undefined,
};

/** What Relais says on the line (French first: the callers are French). */
export const ANNOUNCEMENTS = {
  unknownNumber: "Ce numéro n'est pas attribué. Au revoir.",
  welcome: (practiceName: string) =>
    `Bonjour, vous êtes bien au secrétariat de ${practiceName}. En cas d'urgence vitale, raccrochez et composez le 15. ` +
    'Si votre appel est urgent, tapez 1. Sinon, restez en ligne, un secrétaire va vous répondre.',
  urgentNoted: 'Votre appel est signalé comme urgent. Un secrétaire va vous répondre.',
  pleaseHold: 'Tous nos secrétaires sont en ligne. Merci de patienter, votre appel va être traité.',
  closed: (practiceName: string) =>
    `Vous êtes bien au secrétariat de ${practiceName}. Le secrétariat est actuellement fermé. ` + "En cas d'urgence médicale, composez le 15.",
  leaveMessage: 'Vous pouvez laisser un message après le bip. Appuyez sur dièse pour terminer.',
  overflowVoicemail: 'Tous nos secrétaires sont occupés.',
  callback: 'Tous nos secrétaires sont occupés. Votre demande de rappel est enregistrée : nous vous rappellerons dès que possible. Au revoir.',
  messageRecorded: 'Votre message a bien été enregistré. Au revoir.',
  goodbye: 'Au revoir.',
} as const;

export const VOICEMAIL_MAX_SECONDS = 120;
