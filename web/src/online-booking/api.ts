/** The public booking API as the booking page uses it (no session). */
import { useQuery } from '@tanstack/react-query';
import { get, post, query } from '../app/api.ts';

export interface BookingPage {
  name: string;
  timeZone: string;
  requiresConfirmation: boolean;
  sites: { label: string; addressLine: string; postalCode: string; city: string; transport: string | null; parking: string | null }[];
  practitioners: {
    id: string;
    name: string;
    specialty: string | null;
    motifs: { id: string; label: string; durationMinutes: number; newPatientsAllowed: boolean }[];
  }[];
}
export interface Slot {
  start: string;
  end: string;
}
export interface Identity {
  birthName: string;
  firstGivenName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  mobilePhone: string;
  email: string | null;
}
export interface Confirmation {
  appointment: { id: string; start: string; end: string };
  awaitingConfirmation: boolean;
  practice: {
    name: string;
    timeZone: string;
    phone: string | null;
    sites: {
      label: string;
      addressLine: string;
      postalCode: string;
      city: string;
      floor: string | null;
      digicode: string | null;
      parking: string | null;
      transport: string | null;
      accessNotes: string | null;
    }[];
  };
  practitioner: string;
  motif: { label: string; instructions: string | null };
  manageUrl: string;
}

const base = (slug: string) => `/api/public/booking/${encodeURIComponent(slug)}`;

export const useBookingPage = (slug: string) => useQuery({ queryKey: ['online', slug], queryFn: () => get<BookingPage>(base(slug)) });

export const useOnlineSlots = (slug: string, practitionerId: string | null, motifId: string | null) =>
  useQuery({
    queryKey: ['online', slug, 'slots', practitionerId, motifId],
    queryFn: () => get<{ items: Slot[] }>(`${base(slug)}/slots${query({ practitionerId, motifId })}`),
    enabled: practitionerId !== null && motifId !== null,
  });

export const askCode = (slug: string, body: Identity & { practitionerId: string; motifId: string; start: string }) =>
  post<{ requestId: string; expiresAt: string }>(`${base(slug)}/requests`, body);

export const confirmCode = (slug: string, requestId: string, body: { code: string; start?: string }) =>
  post<Confirmation>(`${base(slug)}/requests/${requestId}/confirm`, body);
