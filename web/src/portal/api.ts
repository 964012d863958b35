/** The practitioner's self-service: absences and their impact, outcomes of appointments, delivery status, channels. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, del, get, post, query } from '../app/api.ts';
import type { AbsenceDto, AppointmentDto, AppointmentListItemDto } from '../../../src/agenda/schemas.ts';
import type { PrefsDto, PrefsInput } from '../../../src/messages/schemas.ts';

export type Appointment = AppointmentListItemDto;
export type Absence = AbsenceDto;
export type { PrefsDto, PrefsInput };

/** What /api/deliveries answers for one notice (the fields the portal shows). */
export interface Delivery {
  id: string;
  appointmentId: string | null;
  channel: 'email' | 'sms';
  template: string;
  status: 'queued' | 'sending' | 'sent' | 'delivered' | 'failed';
}

const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
const practitionerPath = (id: string) => `/api/practitioners/${encodeURIComponent(id)}`;

function refreshAgenda(qc: QueryClient) {
  return qc.invalidateQueries({ predicate: (q) => ['appointments', 'slots', 'next-slots', 'absences'].includes(String(q.queryKey[0])) });
}

export function useAbsences(practitionerId: string, from: string) {
  return useQuery({
    queryKey: ['absences', practitionerId, from],
    queryFn: () => get<Absence[]>(`${practitionerPath(practitionerId)}/absences${query({ from })}`),
  });
}

/** The booked appointments an absence over [start, end) would cover; asked for on demand. */
export function useAbsenceImpact(practitionerId: string, span: { start: string; end: string } | null) {
  return useQuery({
    queryKey: ['appointments', 'absence-impact', practitionerId, span],
    queryFn: () => get<Appointment[]>(`${practitionerPath(practitionerId)}/absences/impact${query({ start: span?.start, end: span?.end })}`),
    enabled: span !== null,
    retry: false,
  });
}

export interface AbsenceInput {
  start: string;
  end: string;
  reason?: string;
  cancelImpacted: boolean;
  cancelReason?: string;
}

export function useCreateAbsence(practitionerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AbsenceInput) =>
      post<{ absence: Absence; impacted: Appointment[]; cancelled: boolean }>(`${practitionerPath(practitionerId)}/absences`, input),
    onSuccess: () => refreshAgenda(qc),
  });
}

export function useDeleteAbsence(practitionerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (absenceId: string) => del<void>(`${practitionerPath(practitionerId)}/absences/${encodeURIComponent(absenceId)}`),
    onSuccess: () => refreshAgenda(qc),
  });
}

/** The notices of one kind (template prefix) sent about these appointments; asked again while some are on their way. */
export function useDeliveriesOf(appointmentIds: readonly string[], templatePrefix: string) {
  return useQuery({
    queryKey: ['deliveries', templatePrefix, ...appointmentIds],
    queryFn: async () =>
      (await Promise.all(appointmentIds.map((id) => get<{ items: Delivery[] }>(`/api/deliveries${query({ appointmentId: id, limit: 50 })}`))))
        .flatMap((r) => r.items)
        .filter((d) => d.template.startsWith(templatePrefix)),
    enabled: appointmentIds.length > 0,
    refetchInterval: (q) => {
      const items = q.state.data;
      const pending = !items || items.length < appointmentIds.length || items.some((d) => d.status === 'queued' || d.status === 'sending');
      return pending ? 1500 : false;
    },
  });
}

export function useAppointmentsBetween(practitionerId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['appointments', 'practitioner', practitionerId, from, to],
    queryFn: () => get<Appointment[]>(`/api/appointments${query({ practitionerId, from, to })}`),
  });
}

export function useSetOutcome() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; outcome: 'honoured' | 'no_show'; excused?: boolean }) =>
      post<AppointmentDto>(`/api/appointments/${encodeURIComponent(id)}/outcome`, body),
    onSettled: () => refreshAgenda(qc),
  });
}

export function usePrefs(practitionerId: string) {
  return useQuery({
    queryKey: ['message-prefs', practitionerId],
    queryFn: () => get<PrefsDto>(`/api/messages/preferences/${encodeURIComponent(practitionerId)}`),
  });
}

export function useSetPrefs(practitionerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PrefsInput) => put<PrefsDto>(`/api/messages/preferences/${encodeURIComponent(practitionerId)}`, input),
    onSuccess: (prefs) => qc.setQueryData(['message-prefs', practitionerId], prefs),
  });
}
