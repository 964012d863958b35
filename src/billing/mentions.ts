/**
 * The French mandatory mentions of an invoice (Code de commerce L441-9, CGI art. 242 nonies A): nature
 * of the service, payment terms, late-payment penalty rate, the 40 € fixed recovery indemnity and no
 * discount for early payment. Pure.
 */
import type { InvoiceDocument } from './document.ts';

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export interface Mention {
  /** UNTDID 4451 subject code used in the CII notes. */
  subject: 'AAI' | 'PMD' | 'PMT' | 'AAB' | 'ACC';
  text: string;
}

export function mentionsOf(doc: InvoiceDocument): Mention[] {
  const out: Mention[] = [
    { subject: 'AAI', text: `Nature : prestations de services de télésecrétariat médical, du ${frDate(doc.periodStart)} au ${frDate(doc.periodEnd)}.` },
  ];
  if (doc.kind === 'credit_note' && doc.corrects) {
    out.push({
      subject: 'ACC',
      text: `Avoir annulant la facture n° ${doc.corrects.number} du ${frDate(doc.corrects.issueDate)}${doc.creditReason ? ` : ${doc.creditReason}` : ''}.`,
    });
  }
  out.push(
    {
      subject: 'PMD',
      text: `Paiement à ${doc.seller.paymentDays} jours, au plus tard le ${frDate(doc.dueDate)}. En cas de retard, pénalités au taux de ${doc.seller.penaltyRate}, exigibles sans rappel.`,
    },
    { subject: 'PMT', text: 'Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : 40 € (article L441-10 du Code de commerce).' },
    { subject: 'AAB', text: 'Pas d’escompte pour paiement anticipé.' },
  );
  return out;
}

export function paymentTermsText(doc: InvoiceDocument): string {
  return `Paiement à ${doc.seller.paymentDays} jours par virement, échéance le ${frDate(doc.dueDate)}.`;
}

export { frDate };
