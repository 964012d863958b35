/**
 * Signed links for patients and practitioners: what they may do (the action), on what (one or two
 * ids), until when. The token is binary then base64url, short enough for an SMS:
 *   version (1) | action (1) | expiry, epoch seconds (4) | subject uuid (16) | [second uuid (16)] | HMAC-SHA256 truncated (16)
 * A token altered by one bit, or signed with another secret, is 'invalid'; a genuine one past its
 * expiry is 'expired'. Pure: the secret and the clock are arguments.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const LINK_ACTIONS = ['appointment', 'offer', 'ack'] as const;
/** appointment: confirm, cancel or move one appointment; offer: accept or decline a waitlist offer; ack: acknowledge an urgent message. */
export type LinkAction = (typeof LINK_ACTIONS)[number];

export interface LinkClaims {
  action: LinkAction;
  /** The appointment, the offer, or the message. */
  subject: string;
  /** The waitlist entry an offer was made to, or the escalation contact an ack link was sent to. */
  party?: string;
  /** Epoch milliseconds (kept to the second). */
  expiresAt: number;
}

const VERSION = 1;
const MAC_BYTES = 16;

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('not a uuid');
  return Buffer.from(hex, 'hex');
}

function uuidText(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function mac(secret: string, body: Buffer): Buffer {
  return createHmac('sha256', secret).update(body).digest().subarray(0, MAC_BYTES);
}

export function signLink(secret: string, claims: LinkClaims): string {
  const head = Buffer.alloc(6);
  head.writeUInt8(VERSION, 0);
  head.writeUInt8(LINK_ACTIONS.indexOf(claims.action), 1);
  head.writeUInt32BE(Math.floor(claims.expiresAt / 1000), 2);
  const parts = [head, uuidBytes(claims.subject)];
  if (claims.party) parts.push(uuidBytes(claims.party));
  const body = Buffer.concat(parts);
  return Buffer.concat([body, mac(secret, body)]).toString('base64url');
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyLink(secret: string, token: string, now: number): LinkCheck {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return { ok: false, reason: 'invalid' };
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== 6 + 16 + MAC_BYTES && raw.length !== 6 + 32 + MAC_BYTES) return { ok: false, reason: 'invalid' };
  const body = raw.subarray(0, raw.length - MAC_BYTES);
  const given = raw.subarray(raw.length - MAC_BYTES);
  if (!timingSafeEqual(given, mac(secret, body))) return { ok: false, reason: 'invalid' };
  const action = LINK_ACTIONS[body.readUInt8(1)];
  if (body.readUInt8(0) !== VERSION || !action) return { ok: false, reason: 'invalid' };
  const expiresAt = body.readUInt32BE(2) * 1000;
  const claims: LinkClaims = { action, subject: uuidText(body.subarray(6, 22)), expiresAt };
  if (body.length > 22) claims.party = uuidText(body.subarray(22, 38));
  if (now >= expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
