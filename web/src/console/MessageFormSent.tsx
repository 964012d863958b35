/**
 * The messages left during each call, so the wrap-up can link the call to them. A tiny store outside
 * React state (it survives the form closing), read with `useCallMessages(callId)`.
 */
import { useSyncExternalStore } from 'react';

export interface SentMessage {
  messageId: string;
  patientId: string | null;
}

const EMPTY: readonly SentMessage[] = [];
const byCall = new Map<string, readonly SentMessage[]>();
const listeners = new Set<() => void>();

export function recordSentMessage(callId: string, m: SentMessage): void {
  byCall.set(callId, [...(byCall.get(callId) ?? EMPTY), m]);
  // Only the last few calls matter to the screen.
  if (byCall.size > 20) byCall.delete(byCall.keys().next().value as string);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The messages sent during a call, oldest first; re-renders when one is added. */
export function useCallMessages(callId: string | null): readonly SentMessage[] {
  return useSyncExternalStore(subscribe, () => (callId && byCall.get(callId)) || EMPTY);
}
