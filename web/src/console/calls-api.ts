/** The calls API as the console uses it: the agent's status and her hands on the current call. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, post } from '../app/api.ts';
import type { AgentView } from '../../../src/calls/live/messages.ts';
import type { AgentStatus } from '../../../src/calls/events.ts';
import type { CallOut, OutcomeInput } from '../../../src/calls/schemas.ts';

export type { AgentView, AgentStatus, CallOut, OutcomeInput };

export const MY_STATE_KEY = ['agents', 'me'] as const;

/** A call that came through the telephony (its id is the server's), not the "simulate" control. */
export const isLiveCall = (callId: string) => !callId.startsWith('sim-');

export const answerCall = (callId: string) => post<CallOut>(`/api/calls/${callId}/answer`);
export const hangUpCall = (callId: string) => post<CallOut>(`/api/calls/${callId}/hangup`);
export const finishWrapUp = (callId: string) => post<CallOut>(`/api/calls/${callId}/wrap-up-done`);
export const saveOutcome = (callId: string, input: OutcomeInput) => post<CallOut>(`/api/calls/${callId}/outcome`, input);

export function useMyAgentState(enabled: boolean) {
  return useQuery({ queryKey: MY_STATE_KEY, queryFn: () => get<AgentView>('/api/agents/me'), enabled });
}

export function useSetMyStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: AgentStatus) => api<AgentView>('PUT', '/api/agents/me/status', { status }),
    onSuccess: (view) => qc.setQueryData(MY_STATE_KEY, view),
  });
}
