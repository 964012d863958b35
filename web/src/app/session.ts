/** The signed-in user (GET /api/me), sign-in and sign-out. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, del, get, patch, post } from './api.ts';
import type { Locale } from './messages.ts';

export type Role = 'admin' | 'supervisor' | 'trainer' | 'agent' | 'practitioner';

export interface Me {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  practitionerId: string | null;
  practiceIds: string[];
}

export const ME_KEY = ['me'] as const;

/** null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await get<Me>('/api/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => post<void>('/api/session', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => del<void>('/api/session'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}

/** Stores the user's language on the server so error messages and emails follow it; best effort. */
export async function saveLocale(locale: Locale): Promise<void> {
  try {
    await patch('/api/me', { locale });
  } catch {
    // The choice is kept in this browser anyway.
  }
}
