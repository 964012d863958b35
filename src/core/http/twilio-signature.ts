/**
 * Twilio's request signature (X-Twilio-Signature): base64(HMAC-SHA1(auth token, the full URL Twilio
 * requested + every POST parameter's name and value, sorted by name, no separators)). Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function twilioSignature(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** True when `signature` is the one Twilio would send; compared in constant time. */
export function validTwilioSignature(authToken: string, url: string, params: Readonly<Record<string, string>>, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  // Lengths first: timingSafeEqual needs equal lengths, and a digest's length is no secret.
  return expected.length === given.length && timingSafeEqual(expected, given);
}
