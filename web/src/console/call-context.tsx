/**
 * The agent's current call, and the one entry point through which a call reaches the screen:
 * `onIncomingCall`. The "simulate an incoming call" control calls it today; the calls capability's
 * live events will call the same function.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { callReducer, IDLE, type CallState, type IncomingCall } from './call-machine.ts';

export interface CallController {
  state: CallState;
  /** Epoch ms, refreshed every second while a call is on screen (drives the timer). */
  now: number;
  onIncomingCall(call: IncomingCall): void;
  answer(): void;
  hangUp(): void;
  finishWrapUp(): void;
  dismiss(): void;
}

const CallContext = createContext<CallController | null>(null);

export function CallProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(callReducer, IDLE);
  const [now, setNow] = useState(() => Date.now());
  const active = state.phase !== 'idle' && state.phase !== 'ended';
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);

  const onIncomingCall = useCallback((call: IncomingCall) => dispatch({ type: 'incoming', call, at: Date.now() }), []);
  const value = useMemo<CallController>(
    () => ({
      state,
      now,
      onIncomingCall,
      answer: () => dispatch({ type: 'answer', at: Date.now() }),
      hangUp: () => dispatch({ type: 'hangUp', at: Date.now() }),
      finishWrapUp: () => dispatch({ type: 'finishWrapUp', at: Date.now() }),
      dismiss: () => dispatch({ type: 'dismiss' }),
    }),
    [state, now, onIncomingCall],
  );
  return <CallContext.Provider value={value}>{children}</CallContext.Provider>;
}

export function useCall(): CallController {
  const v = useContext(CallContext);
  if (!v) throw new Error('useCall outside CallProvider');
  return v;
}

/** A fresh id for a simulated call (real calls carry the telephony provider's id). */
export function simulatedCallId(): string {
  // crypto.randomUUID needs a secure context; an agent's browser may reach the server over plain HTTP on a LAN.
  return `sim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
