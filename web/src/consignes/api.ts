/** Consignes queries: the practice's current consignes with the changes since the agent last read them, and "J'ai lu". */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../app/api.ts';
import type { ConsigneSetView, ConsignesView } from '../../../src/consignes/schemas.ts';

export type { ConsigneSetView, ConsignesView };

const key = (practiceId: string | null) => ['consignes', practiceId] as const;

export function useConsignes(practiceId: string | null) {
  return useQuery({
    queryKey: key(practiceId),
    queryFn: () => get<ConsignesView>(`/api/practices/${encodeURIComponent(practiceId ?? '')}/consignes`),
    enabled: practiceId !== null,
  });
}

/** Acknowledges exactly the versions on screen: a version saved since is not covered. */
export function useMarkSeen(practiceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (view: ConsignesView) =>
      post<ConsignesView>(`/api/practices/${encodeURIComponent(practiceId)}/consignes/seen`, {
        items: view.items.map((i) => ({ consigneId: i.id, version: i.version })),
      }),
    onSuccess: (view) => qc.setQueryData(key(practiceId), view),
  });
}
