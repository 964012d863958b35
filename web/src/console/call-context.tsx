/**
 * The agent's current call, and the one entry point through which a call reaches the screen:
 * `onIncomingCall`. The "simulate an incoming call" control calls it, and so do the live 'call.offered'
 * events of the telephony (GET /api/ws) for a signed-in agent. For a live call the buttons act through
 * the calls API (answer, hang up, end the wrap-up); a simulated call stays on this screen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../app/session.ts';
import { callReducer, IDLE, type CallState, type IncomingCall } from './call-machine.ts';
import { answerCall, finishWrapUp, hangUpCall, isLiveCall, MY_STATE_KEY } from './calls-api.ts';
import { connectLive } from './live-socket.ts';

export interface CallController {
  state: CallState;
  /** Epoch ms, refreshed every second while a call is on screen (drives the timer). */
  now: number;
  onIncomingCall(call: IncomingCall): void;
  answer(): void;
  hangUp(): void;
  finishWrapUp(): void;
  dismiss(): void;
  /** True while the live connection that brings real calls is open (agents only). */
  live: boolean;
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

  // Real calls: the screen-pop and the call's life as the server sees it (another tab, the caller hanging up…).
  const me = useMe();
  const isAgent = me.data?.role === 'agent';
  const qc = useQueryClient();
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  });
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!isAgent) return undefined;
    const onThisCall = (callId: string) => current.current.call?.callId === callId;
    return connectLive((m) => {
      const at = Date.now();
      switch (m.type) {
        case 'call.offered':
          onIncomingCall({ callId: m.callId, calledNumber: m.calledNumber, callerNumber: m.callerNumber });
          break;
        case 'call.withdrawn':
          if (onThisCall(m.callId) && current.current.phase === 'ringing') dispatch({ type: 'hangUp', at });
          break;
        case 'call.state':
          if (!onThisCall(m.callId)) break;
          if (m.status === 'wrap_up' && current.current.phase === 'answered') dispatch({ type: 'hangUp', at });
          if (m.status === 'completed' && current.current.phase === 'wrapUp') dispatch({ type: 'finishWrapUp', at });
          break;
        case 'agent.state':
          qc.setQueryData(MY_STATE_KEY, m.agent);
          break;
        default:
          break;
      }
    }, setLive);
  }, [isAgent, onIncomingCall, qc]);

  const liveId = () => {
    const id = current.current.call?.callId;
    return id && isLiveCall(id) ? id : null;
  };
  const value = useMemo<CallController>(
    () => ({
      state,
      now,
      onIncomingCall,
      live,
      answer: () => {
        const id = liveId();
        if (!id) return dispatch({ type: 'answer', at: Date.now() });
        // Taken elsewhere or withdrawn meanwhile: the ring ends on this screen.
        answerCall(id).then(
          () => dispatch({ type: 'answer', at: Date.now() }),
          () => dispatch({ type: 'hangUp', at: Date.now() }),
        );
      },
      hangUp: () => {
        const id = liveId();
        dispatch({ type: 'hangUp', at: Date.now() });
        // Already ended by the caller: nothing left to do on the server.
        if (id) hangUpCall(id).catch(() => undefined);
      },
      finishWrapUp: () => {
        const id = liveId();
        dispatch({ type: 'finishWrapUp', at: Date.now() });
        if (id) finishWrapUp(id).catch(() => undefined);
      },
      dismiss: () => dispatch({ type: 'dismiss' }),
    }),
    [state, now, onIncomingCall, live],
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
