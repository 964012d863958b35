/**
 * Money in integer cents, and the roundings of EN 16931: amounts have two decimals, each line's net amount
 * is rounded once, and the VAT of a rate is computed on the sum of its lines (never summed per line).
 * Pure.
 */

/** a / b rounded half away from zero, for integers (b > 0). */
export function divRound(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b <= 0) throw new RangeError(`divRound(${a}, ${b})`);
  const q = Math.floor((2 * Math.abs(a) + b) / (2 * b));
  return a < 0 ? -q : q;
}

/** VAT of a taxable basis at a rate in basis points (2000 = 20 %), rounded to the cent. */
export function vatOf(basisCents: number, rateBp: number): number {
  return divRound(basisCents * rateBp, 10_000);
}

/** A share of a monthly amount for `days` of a `daysInMonth`-day month, rounded to the cent. */
export function prorate(monthlyCents: number, days: number, daysInMonth: number): number {
  return days === daysInMonth ? monthlyCents : divRound(monthlyCents * days, daysInMonth);
}

/** '1234.5' style decimal of cents for XML: '1234.50'. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Rate in basis points as a percentage string: 2000 → '20', 550 → '5.5'. */
export function percent(rateBp: number): string {
  return String(rateBp / 100);
}

/** French display: 1 234,50 € (plain spaces, so that every PDF font can draw it). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')} €`;
}
