/** The abuse limits of public booking, and the SMS code. Pure. */
import { createHash, randomInt } from 'node:crypto';

export const LIMITS = {
  /** Codes sent to one mobile number per hour. */
  perPhonePerHour: 4,
  /** Requests from one network address per hour. */
  perAddressPerHour: 20,
  /** Requests still waiting for their code, per mobile number. */
  pendingPerPhone: 2,
  /** Upcoming online appointments per mobile number and practice. */
  upcomingOnlinePerPhone: 3,
  /** Wrong codes before the request is dropped. */
  codeAttempts: 5,
  codeTtlMinutes: 10,
} as const;

export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** The code is stored hashed with its request id: a leaked table does not give codes away by lookup. */
export const hashCode = (requestId: string, code: string): string => createHash('sha256').update(`${requestId}:${code}`).digest('hex');

export function codeSms(code: string): string {
  // No health data in an SMS (DESIGN invariant 7): no practitioner, motif or specialty.
  return `Relais : votre code de confirmation est ${code}. Il expire dans ${LIMITS.codeTtlMinutes} minutes. Ne le communiquez à personne.`;
}
