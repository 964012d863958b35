/** The team: users of the organisation, their creation and changes, and the practitioners a user may be. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../../app/api.ts';
import type { UserView } from '../../app/contracts.ts';
import type { CreateUserInput, UpdateUserInput } from '../../../../src/users/schemas.ts';
import type { Practitioner } from '../../../../src/practitioners/schemas.ts';

export type { UserView, CreateUserInput, UpdateUserInput, Practitioner };

const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: () => get<{ users: UserView[] }>('/api/users') });
}

export function usePractitionerList() {
  return useQuery({
    queryKey: ['practitioners', 'all'],
    queryFn: () => get<{ items: Practitioner[] }>('/api/practitioners?limit=500'),
    staleTime: 60_000,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => post<UserView>('/api/users', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) => patch<UserView>(`/api/users/${encodeURIComponent(id)}`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_KEY }),
  });
}
