/** Patient queries: who is calling (by number), search, and quick creation. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../app/api.ts';
import type { CreatePatientInput, PatientSearchResult, PatientView } from '../app/contracts.ts';

export function usePatientSearch(practiceId: string | null, q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['patients', practiceId, text],
    queryFn: () => get<PatientSearchResult>(`/api/patients${query({ q: text, practiceId, limit: 20 })}`),
    enabled: practiceId !== null && text.length > 0,
    placeholderData: (previous) => previous,
  });
}

/** The practice's patients whose mobile is the caller's number: the caller, most likely. */
export function useCallerMatches(practiceId: string | null, callerNumber: string | null) {
  return useQuery({
    queryKey: ['caller-matches', practiceId, callerNumber],
    queryFn: () => get<PatientSearchResult>(`/api/patients${query({ q: callerNumber, practiceId, limit: 10 })}`),
    enabled: practiceId !== null && callerNumber !== null,
  });
}

export type NewPatient = Omit<CreatePatientInput, 'identityStatus'>;

export function useCreatePatient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPatient) => post<PatientView>('/api/patients', input),
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'patients' || q.queryKey[0] === 'caller-matches' }),
  });
}

/** One patient's file (an audited read on the server). */
export function usePatient(id: string | null) {
  return useQuery({
    queryKey: ['patient', id],
    queryFn: () => get<PatientView>(`/api/patients/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}
