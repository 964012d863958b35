/**
 * The life of one call on the agent's screen: ringing → answered → wrap-up → ended. Pure: the same
 * transitions serve the "simulate an incoming call" control today and the real call events later.
 */
export interface IncomingCall {
  callId: string;
  /** The number the caller dialled: the practice's forwarded number (E.164). */
  calledNumber: string;
  /** The caller's number (E.164), or null when withheld. */
  callerNumber: string | null;
}

export type CallPhase = 'idle' | 'ringing' | 'answered' | 'wrapUp' | 'ended';

export interface CallState {
  phase: CallPhase;
  call: IncomingCall | null;
  /** Epoch ms of each step reached, for the timer and the call log. */
  ringingAt: number | null;
  answeredAt: number | null;
  hungUpAt: number | null;
  endedAt: number | null;
  /** The call ended without being answered (the caller hung up or the agent declined). */
  missed: boolean;
}

export type CallEvent =
  | { type: 'incoming'; call: IncomingCall; at: number }
  | { type: 'answer'; at: number }
  | { type: 'hangUp'; at: number }
  | { type: 'finishWrapUp'; at: number }
  | { type: 'dismiss' };

export const IDLE: CallState = { phase: 'idle', call: null, ringingAt: null, answeredAt: null, hungUpAt: null, endedAt: null, missed: false };

/** Applies an event; an event that makes no sense in the current phase leaves the state unchanged. */
export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'incoming':
      // One call at a time: a second ring while busy is the queue's business, not this screen's.
      if (state.phase !== 'idle' && state.phase !== 'ended') return state;
      return { ...IDLE, phase: 'ringing', call: event.call, ringingAt: event.at };
    case 'answer':
      return state.phase === 'ringing' ? { ...state, phase: 'answered', answeredAt: event.at } : state;
    case 'hangUp':
      if (state.phase === 'ringing') return { ...state, phase: 'ended', hungUpAt: event.at, endedAt: event.at, missed: true };
      return state.phase === 'answered' ? { ...state, phase: 'wrapUp', hungUpAt: event.at } : state;
    case 'finishWrapUp':
      return state.phase === 'wrapUp' ? { ...state, phase: 'ended', endedAt: event.at } : state;
    case 'dismiss':
      return state.phase === 'ended' ? IDLE : state;
  }
}

/** Milliseconds shown by the timer: time ringing, then talking, then in wrap-up; frozen once ended. */
export function phaseElapsed(state: CallState, now: number): number {
  switch (state.phase) {
    case 'ringing':
      return now - (state.ringingAt ?? now);
    case 'answered':
      return now - (state.answeredAt ?? now);
    case 'wrapUp':
      return now - (state.hungUpAt ?? now);
    case 'ended':
      return (state.hungUpAt ?? state.endedAt ?? 0) - (state.answeredAt ?? state.ringingAt ?? 0);
    case 'idle':
      return 0;
  }
}

/** "m:ss", or "h:mm:ss" past an hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
