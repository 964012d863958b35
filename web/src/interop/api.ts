/** The practitioner's ICS feed as the web app uses it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, patch, post } from '../app/api.ts';

export type PatientLabel = 'full_name' | 'initials' | 'none';
export interface IcsFeed {
  id: string;
  patientLabel: PatientLabel;
  createdAt: string;
  lastReadAt: string | null;
}

const KEY = ['interop', 'ics-feed'];

export function useIcsFeed() {
  return useQuery({ queryKey: KEY, queryFn: () => get<{ feed: IcsFeed | null }>('/api/me/ics-feed') });
}

export function useCreateIcsFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patientLabel: PatientLabel) => post<IcsFeed & { url: string }>('/api/me/ics-feed', { patientLabel }),
    onSuccess: ({ url: _url, ...feed }) => qc.setQueryData(KEY, { feed }),
  });
}

export function useRelabelIcsFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patientLabel: PatientLabel) => patch<IcsFeed>('/api/me/ics-feed', { patientLabel }),
    onSuccess: (feed) => qc.setQueryData(KEY, { feed }),
  });
}

export function useRevokeIcsFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => del<undefined>('/api/me/ics-feed'),
    onSuccess: () => qc.setQueryData(KEY, { feed: null }),
  });
}
