/**
 * Known-device cookie: after a successful sign-in, the browser keeps a token signed (HMAC-SHA256) for that
 * account; it holds a random nonce and the signature, not the account. One cookie holds the tokens of up to
 * MAX_DEVICE_TOKENS accounts, for workstations shared between shifts.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'relais_device';
export const DEVICE_COOKIE_DAYS = 180;
const MAX_DEVICE_TOKENS = 8;

const signature = (secret: string, userId: string, nonce: string) => createHmac('sha256', secret).update(`device:${userId}:${nonce}`).digest('base64url');

function tokensOf(cookie: string | undefined): string[] {
  return (cookie ?? '')
    .split('~')
    .filter((t) => /^[\w-]{16}\.[\w-]{43}$/.test(t))
    .slice(0, MAX_DEVICE_TOKENS);
}

/** The nonce of the cookie's token for this account, if one is validly signed. */
export function knownDeviceNonce(secret: string, cookie: string | undefined, userId: string): string | undefined {
  for (const token of tokensOf(cookie)) {
    const [nonce, sig] = token.split('.') as [string, string];
    const expected = Buffer.from(signature(secret, userId, nonce));
    const given = Buffer.from(sig);
    if (expected.length === given.length && timingSafeEqual(expected, given)) return nonce;
  }
  return undefined;
}

/** The cookie with a fresh token for this account first (its older one dropped). */
export function withDevice(secret: string, cookie: string | undefined, userId: string): string {
  const old = knownDeviceNonce(secret, cookie, userId);
  const nonce = randomBytes(12).toString('base64url');
  const others = tokensOf(cookie).filter((t) => !old || !t.startsWith(`${old}.`));
  return [`${nonce}.${signature(secret, userId, nonce)}`, ...others].slice(0, MAX_DEVICE_TOKENS).join('~');
}
