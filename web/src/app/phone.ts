/** Phone numbers as the agent types and reads them; normalised exactly as the server does. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
export { toE164 } from '../../../src/core/identifiers.ts';

// France and its overseas departments and territories: numbers written the national way ("0596 …").
const FRENCH = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF']);

/** "+33612345678" → "06 12 34 56 78", "+596596000001" → "0596 00 00 01"; other countries in international format. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country && FRENCH.has(parsed.country) ? parsed.formatNational() : parsed.formatInternational();
}
