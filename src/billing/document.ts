/** An invoice or credit note as issued: what the CII XML and the PDF are both written from. Pure types. */
import type { Totals } from './totals.ts';

export interface Party {
  legalName: string;
  siren: string;
  vatNumber: string | null;
  addressLine: string;
  postalCode: string;
  city: string;
  country: string;
  email: string | null;
}

export interface SellerParty extends Party {
  iban: string | null;
  bic: string | null;
  penaltyRate: string;
  paymentDays: number;
}

export interface DocumentLine {
  position: number;
  code: string;
  label: string;
  quantity: number;
  unitPriceCents: number;
  netCents: number;
  vatRateBp: number;
}

export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string;
  periodStart: string;
  periodEnd: string;
  seller: SellerParty;
  buyer: Party;
  lines: DocumentLine[];
  totals: Totals;
  /** The invoice a credit note corrects. */
  corrects: { number: string; issueDate: string } | null;
  creditReason: string | null;
}
