/** Onboarding's reads and writes: a practice's practitioners, their motifs and weekly ranges, its agents. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../app/api.ts';
import type { MotifDto, RangeDto } from '../../../src/agenda/schemas.ts';
import type { UserView } from '../app/contracts.ts';

export type { MotifDto, RangeDto, UserView };

const pr = (id: string) => `/api/practitioners/${encodeURIComponent(id)}`;

/** Every motif and range of these practitioners (one request each: the API has no practice-wide list). */
export function useAgendaSetup(practitionerIds: readonly string[]) {
  return useQuery({
    queryKey: ['onboarding-agenda', ...practitionerIds],
    queryFn: async () =>
      Promise.all(
        practitionerIds.map(async (id) => ({
          practitionerId: id,
          motifs: await get<MotifDto[]>(`${pr(id)}/motifs`),
          ranges: await get<RangeDto[]>(`${pr(id)}/opening-ranges`),
        })),
      ),
  });
}

/** Any write of onboarding: the practice's file, its agenda set-up and the team are read again. */
export function useOnboardingWrite<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => ['practice', 'onboarding-agenda', 'users', 'practices'].includes(String(q.queryKey[0])) }),
  });
}

export const createPractitioner = (input: {
  firstName: string;
  lastName: string;
  profession: string;
  specialty: string | null;
  rpps: string;
  practiceIds: string[];
}) => post<{ id: string }>('/api/practitioners', input);
export const createMotif = (practitionerId: string, input: { label: string; durationMinutes: number }) => post<MotifDto>(`${pr(practitionerId)}/motifs`, input);
export const createWeeklyRange = (
  practitionerId: string,
  input: { practiceId: string; weekday: number; start: string; end: string; motifIds: string[]; urgent: boolean },
) => post<RangeDto>(`${pr(practitionerId)}/opening-ranges`, { kind: 'weekly', ...input });
export const assignAgent = (user: UserView, practiceId: string, dedicated: boolean) =>
  patch<UserView>(`/api/users/${encodeURIComponent(user.id)}`, {
    practiceIds: [...new Set([...user.practices.map((p) => p.practiceId), practiceId])],
    dedicatedPracticeIds: [...new Set([...user.practices.filter((p) => p.dedicated).map((p) => p.practiceId), ...(dedicated ? [practiceId] : [])])],
  });

export function useAgents() {
  return useQuery({ queryKey: ['users', 'agents'], queryFn: () => get<{ users: UserView[] }>('/api/users?role=agent&active=true') });
}
