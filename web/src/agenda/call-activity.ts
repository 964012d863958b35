/**
 * What the agenda did during each call (booked, moved, cancelled), so the wrap-up can propose the call's
 * outcome and link the appointment without asking the agent again. A tiny store outside React state:
 * it survives the agenda panel unmounting and is read with `useCallActivity(callId)`.
 */
import { useSyncExternalStore } from 'react';

export type AgendaAction = 'booked' | 'moved' | 'cancelled';

export interface CallAgendaActivity {
  action: AgendaAction;
  appointmentId: string;
  patientId: string;
  at: number;
}

const EMPTY: readonly CallAgendaActivity[] = [];
const byCall = new Map<string, readonly CallAgendaActivity[]>();
const listeners = new Set<() => void>();

export function recordCallActivity(callId: string, activity: Omit<CallAgendaActivity, 'at'>): void {
  byCall.set(callId, [...(byCall.get(callId) ?? EMPTY), { ...activity, at: Date.now() }]);
  // Only the last few calls matter to the screen.
  if (byCall.size > 20) byCall.delete(byCall.keys().next().value as string);
  listeners.forEach((l) => l());
}

export function callActivity(callId: string | null): readonly CallAgendaActivity[] {
  return (callId && byCall.get(callId)) || EMPTY;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The agenda actions of a call, oldest first; re-renders when one is added. */
export function useCallActivity(callId: string | null): readonly CallAgendaActivity[] {
  return useSyncExternalStore(subscribe, () => callActivity(callId));
}
