/** Practice queries: the list, one practice's file, and the practice a forwarded number belongs to. */
import { useQuery } from '@tanstack/react-query';
import { get, query } from '../app/api.ts';
import type { PracticeFile, PracticeSummary } from '../app/contracts.ts';

export function usePractices(q = '') {
  return useQuery({
    queryKey: ['practices', q],
    queryFn: () => get<{ items: PracticeSummary[] }>(`/api/practices${query({ q, limit: 500 })}`),
  });
}

export function usePracticeFile(id: string | null) {
  return useQuery({
    queryKey: ['practice', id],
    queryFn: () => get<PracticeFile>(`/api/practices/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
    staleTime: 30_000,
  });
}

/** The practice whose forwarded number was called (the screen-pop's first question). */
export function usePracticeByNumber(e164: string | null) {
  return useQuery({
    queryKey: ['practice-by-number', e164],
    queryFn: () => get<PracticeFile>(`/api/practices/by-number/${encodeURIComponent(e164 ?? '')}`),
    enabled: e164 !== null,
    retry: false,
    staleTime: 30_000,
  });
}
