/** The webhooks API as the admin screen uses it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, patch, post } from '../app/api.ts';

export const WEBHOOK_EVENTS = [
  'appointment.created',
  'appointment.moved',
  'appointment.cancelled',
  'appointment.no_show',
  'message.created',
  'message.processed',
  'call.ended',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface Subscription {
  id: string;
  practiceId: string | null;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  active: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}
export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  replayOf: string | null;
}

const KEY = ['interop', 'webhooks'];

export const useSubscriptions = () => useQuery({ queryKey: KEY, queryFn: () => get<{ items: Subscription[] }>('/api/webhooks') });

export const useDeliveries = (id: string | null) =>
  useQuery({
    queryKey: [...KEY, id, 'deliveries'],
    queryFn: () => get<{ items: Delivery[] }>(`/api/webhooks/${id}/deliveries`),
    enabled: id !== null,
    refetchInterval: 5000,
  });

export function useWebhookMutations() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: KEY });
  return {
    create: useMutation({
      mutationFn: (b: { url: string; practiceId: string | null; events: WebhookEvent[]; description: string | null }) =>
        post<Subscription & { secret: string }>('/api/webhooks', b),
      onSuccess: refresh,
    }),
    setActive: useMutation({
      mutationFn: (o: { id: string; active: boolean }) => patch<Subscription>(`/api/webhooks/${o.id}`, { active: o.active }),
      onSuccess: refresh,
    }),
    rotate: useMutation({ mutationFn: (id: string) => post<Subscription & { secret: string }>(`/api/webhooks/${id}/rotate-secret`), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => del<undefined>(`/api/webhooks/${id}`), onSuccess: refresh }),
    replay: useMutation({ mutationFn: (deliveryId: string) => post<{ id: string }>(`/api/webhooks/deliveries/${deliveryId}/replay`), onSuccess: refresh }),
  };
}
