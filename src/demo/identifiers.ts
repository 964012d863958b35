/** Demo identifiers that pass the real checks: SIREN, SIRET and RPPS with their Luhn key, valid phone numbers. */
import { toE164 } from '../core/identifiers.ts';
import type { Rng } from './random.ts';

/** The digit that, appended to `digits`, makes the whole pass the Luhn check. */
export function luhnKey(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Positions counted from the right once the key is appended: the key is position 0, so these start at 1.
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function fakeSiren(rng: Rng): string {
  // Health professionals' companies registered in the 1990s–2010s have SIRENs in the 3xx–8xx millions.
  const body = String(rng.int(3, 8)) + rng.digits(7);
  return body + luhnKey(body);
}

/** The SIRET of a company's establishment number `n` (1 = head office). */
export function siretOf(siren: string, n = 1): string {
  const nic = String(n).padStart(4, '0');
  return siren + nic + luhnKey(siren + nic);
}

/** RPPS numbers start with 10 (the 11th digit is the Luhn key). */
export function fakeRpps(rng: Rng): string {
  const body = '10' + rng.digits(8);
  return body + luhnKey(body);
}

/**
 * A valid E.164 number under the given national prefix ("+331", "+336", "+596696"…), `total` digits long
 * after the country code; never one already in `taken`.
 */
export function fakePhone(rng: Rng, prefix: string, taken: Set<string>): string {
  const country = prefix.startsWith('+596') ? '+596' : prefix.startsWith('+262') ? '+262' : '+33';
  const nationalLength = 9;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const national = prefix.slice(country.length) + rng.digits(nationalLength - (prefix.length - country.length));
    const e164 = toE164(country + national);
    if (e164 && !taken.has(e164)) {
      taken.add(e164);
      return e164;
    }
  }
  throw new Error(`no valid number under ${prefix}`);
}
