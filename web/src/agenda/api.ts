/** Agenda queries and changes: motifs, appointments of an agenda or a patient, free slots, book, move, cancel. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { get, post, query } from '../app/api.ts';
import type { AppointmentDto, AppointmentListItemDto, MotifDto, SlotDto } from '../../../src/agenda/schemas.ts';

export type Appointment = AppointmentListItemDto;
export type Slot = SlotDto;
export type Motif = MotifDto;
export type CancelledBy = 'patient' | 'practitioner' | 'secretariat';

/** Every practitioner's motifs, in the practitioners' order. */
export function useMotifs(practitionerIds: readonly string[]) {
  return useQuery({
    queryKey: ['motifs', ...practitionerIds],
    queryFn: async () => (await Promise.all(practitionerIds.map((id) => get<Motif[]>(`/api/practitioners/${encodeURIComponent(id)}/motifs`)))).flat(),
    enabled: practitionerIds.length > 0,
    staleTime: 60_000,
  });
}

/** One agenda's appointments over [from, to) (ISO instants). */
export function useAgendaAppointments(practitionerId: string | null, from: string, to: string) {
  return useQuery({
    queryKey: ['appointments', 'practitioner', practitionerId, from, to],
    queryFn: () => get<Appointment[]>(`/api/appointments${query({ practitionerId, from, to })}`),
    enabled: practitionerId !== null,
    placeholderData: (previous) => previous,
  });
}

/** A patient's appointments, past and future (an audited read). */
export function usePatientAppointments(patientId: string | null) {
  return useQuery({
    queryKey: ['appointments', 'patient', patientId],
    queryFn: () => get<Appointment[]>(`/api/appointments${query({ patientId })}`),
    enabled: patientId !== null,
  });
}

/** Free slots of one agenda for one motif over local dates [fromDate, toDate]. */
export function useFreeSlots(practitionerId: string | null, motifId: string | null, fromDate: string, toDate: string) {
  return useQuery({
    queryKey: ['slots', practitionerId, motifId, fromDate, toDate],
    queryFn: () => get<Slot[]>(`/api/practitioners/${encodeURIComponent(practitionerId ?? '')}/slots${query({ motifId, from: fromDate, to: toDate })}`),
    enabled: practitionerId !== null && motifId !== null,
    placeholderData: (previous) => previous,
  });
}

export interface NextSlotsSearch {
  practitionerIds: string[];
  motifIds: string[];
  partOfDay?: 'morning' | 'afternoon';
  weekdays?: number[];
  limit: number;
}

/**
 * The next free slots. Not refetched on its own: the answer the agent reads stays the one she books
 * (a slot taken meanwhile answers 409 with the next ones).
 */
export function useNextSlots(search: NextSlotsSearch | null) {
  return useQuery({
    queryKey: ['next-slots', search],
    queryFn: () =>
      get<Slot[]>(
        `/api/slots/next${query({
          practitionerIds: search?.practitionerIds.join(','),
          motifId: search?.motifIds.join(','),
          partOfDay: search?.partOfDay,
          weekdays: search?.weekdays?.length ? search.weekdays.join(',') : undefined,
          limit: search?.limit,
        })}`,
      ),
    enabled: search !== null && search.practitionerIds.length > 0 && search.motifIds.length > 0,
    staleTime: Infinity,
  });
}

/** After any change: agendas, free slots and the finder's answers are stale. */
function refreshAgenda(qc: QueryClient) {
  return qc.invalidateQueries({ predicate: (q) => ['appointments', 'slots', 'next-slots'].includes(String(q.queryKey[0])) });
}

export interface BookInput {
  practitionerId: string;
  patientId: string;
  motifId: string;
  start: string;
}

export function useBook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BookInput) => post<AppointmentDto>('/api/appointments', { ...input, channel: 'phone' }),
    onSettled: () => refreshAgenda(qc),
  });
}

export function useMove() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; start: string; practitionerId: string; motifId: string }) =>
      post<{ appointment: AppointmentDto }>(`/api/appointments/${encodeURIComponent(id)}/move`, input),
    onSettled: () => refreshAgenda(qc),
  });
}

export function useCancelAppointment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; by: CancelledBy; reason: string }) =>
      post<{ appointment: AppointmentDto }>(`/api/appointments/${encodeURIComponent(id)}/cancel`, input),
    onSettled: () => refreshAgenda(qc),
  });
}
