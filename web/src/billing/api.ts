/** The billing screens' data access: one query-key factory, one hook per query or action. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, post, query } from '../app/api.ts';

export type InvoiceStatus = 'draft' | 'issued' | 'sent' | 'paid' | 'overdue';

export interface InvoiceSummary {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string | null;
  status: InvoiceStatus;
  month: string;
  clientName: string;
  issueDate: string | null;
  dueDate: string | null;
  netCents: number;
  vatCents: number;
  grossCents: number;
  paidCents: number;
  correctsId: string | null;
  correctsNumber: string | null;
  creditedBy: string | null;
}

export interface InvoiceLine {
  position: number;
  kind: string;
  code: string;
  label: string;
  quantity: number;
  unitPriceCents: number;
  netCents: number;
  vatRateBp: number;
  units: number;
}

export interface InvoiceDetail extends InvoiceSummary {
  periodStart: string;
  periodEnd: string;
  lines: InvoiceLine[];
  vat: { rateBp: number; basisCents: number; vatCents: number }[];
  payments: { id: string; amountCents: number; paidOn: string; method: string; reference: string | null }[];
  balanceCents: number;
}

export type Figures = Record<
  | 'received'
  | 'answered'
  | 'abandoned'
  | 'shortAbandoned'
  | 'overflowed'
  | 'closed'
  | 'afterHours'
  | 'appointmentsBooked'
  | 'appointmentsMoved'
  | 'appointmentsCancelled'
  | 'messages'
  | 'waitlistRefills',
  number
> & { averageWaitSeconds: number | null };

export interface ValueReport {
  month: string;
  previousMonth: string;
  current: Figures;
  previous: Figures;
  lines: { position: number; label: string; invoiced: number; recomputed: number | null; matches: boolean }[];
}

export const billingKeys = {
  all: ['billing'] as const,
  list: (month: string, status: string) => ['billing', 'list', month, status] as const,
  invoice: (id: string) => ['billing', 'invoice', id] as const,
  report: (id: string) => ['billing', 'report', id] as const,
};

export function useInvoices(month: string, status: string) {
  return useQuery({
    queryKey: billingKeys.list(month, status),
    queryFn: () => get<{ items: InvoiceSummary[] }>(`/api/invoices${query({ month, status: status === 'all' ? undefined : status })}`),
  });
}

export const useInvoice = (id: string) => useQuery({ queryKey: billingKeys.invoice(id), queryFn: () => get<InvoiceDetail>(`/api/invoices/${id}`) });
export const useValueReport = (id: string) => useQuery({ queryKey: billingKeys.report(id), queryFn: () => get<ValueReport>(`/api/invoices/${id}/report`) });

/** An action on the billing data; everything billing shows is refreshed after it. */
function useBillingAction<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: billingKeys.all }) });
}

export const useRun = () => useBillingAction((month: string) => post<{ drafts: number; skipped: number }>('/api/billing/runs', { month }));
export const useIssue = (id: string) => useBillingAction(() => post<InvoiceDetail>(`/api/invoices/${id}/issue`));
export const useMarkSent = (id: string) => useBillingAction(() => post<InvoiceDetail>(`/api/invoices/${id}/sent`));
export const useAddLine = (id: string) =>
  useBillingAction((line: { label: string; quantity: number; unitPriceCents: number }) => post<InvoiceDetail>(`/api/invoices/${id}/lines`, line));
export const useRemoveLine = (id: string) => useBillingAction((position: number) => del<InvoiceDetail>(`/api/invoices/${id}/lines/${position}`));
export const useCreditNote = (id: string) => useBillingAction((reason: string) => post<InvoiceDetail>(`/api/invoices/${id}/credit-note`, { reason }));
export const usePayment = (id: string) =>
  useBillingAction((p: { amountCents: number; paidOn: string; reference: string | null }) => post<InvoiceDetail>(`/api/invoices/${id}/payments`, p));
