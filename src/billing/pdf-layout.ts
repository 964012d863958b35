/**
 * The printed invoice (or credit note) drawn with pdf-lib: seller and buyer with their SIREN and VAT
 * numbers, number and dates, lines, VAT breakdown, totals and the mandatory mentions. Pure (bytes out).
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { InvoiceDocument, Party } from './document.ts';
import { euros, percent } from './money.ts';
import { frDate, mentionsOf } from './mentions.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const GREY = rgb(0.35, 0.35, 0.35);

/** Text the standard fonts can draw (WinAnsi): exotic spaces and quotes replaced. */
function printable(s: string): string {
  return s
    .replace(/[\u202f\u00a0\u2009]/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/[^\x20-\x7e\u00a0-\u00ff€œŒ]/g, '?');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of printable(text).split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

interface Pen {
  page: PDFPage;
  y: number;
}

export async function drawInvoice(doc: PDFDocument, inv: InvoiceDocument): Promise<void> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  const pen: Pen = { page: doc.addPage(A4), y: A4[1] - MARGIN };
  const text = (s: string, o: { x?: number; size?: number; f?: PDFFont; right?: number; color?: ReturnType<typeof rgb> } = {}) => {
    const size = o.size ?? 9;
    const f = o.f ?? font;
    const t = printable(s);
    const x = o.right !== undefined ? o.right - f.widthOfTextAtSize(t, size) : (o.x ?? MARGIN);
    pen.page.drawText(t, { x, y: pen.y, size, font: f, color: o.color ?? rgb(0, 0, 0) });
  };
  const newline = (h = 12) => {
    pen.y -= h;
    if (pen.y < MARGIN + 20) {
      pen.page = doc.addPage(A4);
      pen.y = A4[1] - MARGIN;
    }
  };
  const partyBlock = (title: string, p: Party, x: number) => {
    const lines = [
      p.legalName,
      p.addressLine,
      `${p.postalCode} ${p.city}`,
      `SIREN ${p.siren}`,
      p.vatNumber ? `TVA intracommunautaire ${p.vatNumber}` : '',
    ].filter(Boolean);
    const top = pen.y;
    text(title, { x, f: bold, color: GREY });
    for (const l of lines) {
      pen.y -= 12;
      text(l, { x });
    }
    return top - pen.y;
  };

  const top = pen.y;
  const used = partyBlock('Émetteur', inv.seller, MARGIN);
  pen.y = top;
  partyBlock('Client', inv.buyer, MARGIN + width / 2);
  pen.y = top - used;
  newline(30);
  text(`${inv.kind === 'credit_note' ? 'AVOIR' : 'FACTURE'} n° ${inv.number}`, { size: 16, f: bold });
  newline(18);
  text(
    `Date d'émission : ${frDate(inv.issueDate)}    Échéance : ${frDate(inv.dueDate)}    Période : du ${frDate(inv.periodStart)} au ${frDate(inv.periodEnd)}`,
  );
  if (inv.corrects) {
    newline();
    text(`Annule et remplace la facture n° ${inv.corrects.number} du ${frDate(inv.corrects.issueDate)}`);
  }
  newline(24);

  const cols = { qty: MARGIN + width * 0.62, price: MARGIN + width * 0.76, vat: MARGIN + width * 0.85, net: MARGIN + width };
  text('Désignation', { f: bold });
  text('Qté', { f: bold, right: cols.qty });
  text('PU HT', { f: bold, right: cols.price });
  text('TVA', { f: bold, right: cols.vat });
  text('Montant HT', { f: bold, right: cols.net });
  newline(4);
  pen.page.drawLine({ start: { x: MARGIN, y: pen.y }, end: { x: MARGIN + width, y: pen.y }, thickness: 0.5, color: GREY });
  for (const l of inv.lines) {
    const label = wrap(l.label, font, 9, width * 0.55);
    newline(13);
    text(label[0] ?? '');
    text(String(l.quantity), { right: cols.qty });
    text(euros(l.unitPriceCents), { right: cols.price });
    text(`${percent(l.vatRateBp)} %`, { right: cols.vat });
    text(euros(l.netCents), { right: cols.net });
    for (const more of label.slice(1)) {
      newline(11);
      text(more);
    }
  }
  newline(8);
  pen.page.drawLine({ start: { x: MARGIN, y: pen.y }, end: { x: MARGIN + width, y: pen.y }, thickness: 0.5, color: GREY });
  newline(16);
  text('Total HT', { right: cols.vat });
  text(euros(inv.totals.netCents), { right: cols.net });
  for (const v of inv.totals.vat) {
    newline();
    text(`TVA ${percent(v.rateBp)} % sur ${euros(v.basisCents)}`, { right: cols.vat });
    text(euros(v.vatCents), { right: cols.net });
  }
  newline(14);
  text(inv.kind === 'credit_note' ? 'Total TTC à déduire' : 'Total TTC à payer', { right: cols.vat, f: bold, size: 11 });
  text(euros(inv.totals.grossCents), { right: cols.net, f: bold, size: 11 });
  newline(28);
  for (const m of mentionsOf(inv)) {
    for (const l of wrap(m.text, font, 8, width)) {
      text(l, { size: 8, color: GREY });
      newline(10);
    }
  }
  if (inv.seller.iban) {
    text(`Règlement par virement : IBAN ${inv.seller.iban}${inv.seller.bic ? ` — BIC ${inv.seller.bic}` : ''} — référence ${inv.number}`, { size: 8 });
    newline(10);
  }
  text('Le fichier factur-x.xml joint à ce PDF (Factur-X, profil EN 16931) fait foi.', { size: 7, color: GREY });
}
