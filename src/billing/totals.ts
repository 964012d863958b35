/**
 * An invoice's totals per EN 16931: BT-106 sum of line net amounts, one VAT breakdown per rate whose tax
 * is computed on the rate's basis (BR-CO-17), BT-110 their sum, BT-112 = BT-106 + BT-110, BT-115 = BT-112
 * minus what was paid. Pure, integer cents.
 */
import { vatOf } from './money.ts';

export interface TotalsLine {
  netCents: number;
  vatRateBp: number;
}

export interface VatBreakdown {
  rateBp: number;
  basisCents: number;
  vatCents: number;
}

export interface Totals {
  netCents: number;
  vatCents: number;
  grossCents: number;
  vat: VatBreakdown[];
}

export function totalsOf(lines: readonly TotalsLine[]): Totals {
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.vatRateBp, (byRate.get(l.vatRateBp) ?? 0) + l.netCents);
  const vat = [...byRate.entries()].sort((a, b) => b[0] - a[0]).map(([rateBp, basisCents]) => ({ rateBp, basisCents, vatCents: vatOf(basisCents, rateBp) }));
  const netCents = lines.reduce((s, l) => s + l.netCents, 0);
  const vatCents = vat.reduce((s, v) => s + v.vatCents, 0);
  return { netCents, vatCents, grossCents: netCents + vatCents, vat };
}
