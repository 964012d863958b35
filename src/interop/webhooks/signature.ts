/**
 * The webhook signature scheme (docs/webhooks.md): HMAC-SHA256 over `{timestamp}.{body}` with the
 * subscription's secret, sent as `Relais-Signature: t={timestamp},v1={hex}`. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'relais-signature';
export const EVENT_ID_HEADER = 'relais-event-id';
export const DELIVERY_ID_HEADER = 'relais-delivery-id';
/** A receiver should refuse a signature older (or newer) than this. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signatureHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureHex(secret, timestamp, body)}`;
}

/** What a receiver does: parse, check the age, compare in constant time. */
export function verifySignature(o: { secret: string; header: string; body: string; nowSeconds: number; toleranceSeconds?: number }): boolean {
  const parts = new Map(o.header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(o.nowSeconds - t) > (o.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  return timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(signatureHex(o.secret, t, o.body), 'hex'));
}
