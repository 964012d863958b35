import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signLink, verifyLink } from './links.ts';

const secret = 'a-test-secret-of-at-least-32-characters!';
const subject = '0d4f6a1e-6c2b-4a51-9d0e-2b7f3c9a1e55';
const party = '7b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const now = Date.parse('2026-05-04T10:00:00Z');

describe('signed links', () => {
  it('round-trips action, subject, party and expiry, short enough for an SMS', () => {
    const token = signLink(secret, { action: 'offer', subject, party, expiresAt: now + 3_600_000 });
    assert.ok(token.length <= 80, `token of ${token.length} characters`);
    assert.deepEqual(verifyLink(secret, token, now), { ok: true, claims: { action: 'offer', subject, party, expiresAt: now + 3_600_000 } });
  });

  it('refuses a token with any character changed, or signed with another secret', () => {
    const token = signLink(secret, { action: 'appointment', subject, expiresAt: now + 3_600_000 });
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + c + token.slice(i + 1);
      const check = verifyLink(secret, tampered, now);
      assert.ok(!check.ok || (check.claims.subject === subject && check.claims.action === 'appointment'), `position ${i}`);
    }
    assert.deepEqual(verifyLink('another-secret-of-at-least-32-characters', token, now), { ok: false, reason: 'invalid' });
    assert.deepEqual(verifyLink(secret, token.slice(0, -2), now), { ok: false, reason: 'invalid' });
    assert.deepEqual(verifyLink(secret, 'not a token', now), { ok: false, reason: 'invalid' });
  });

  it('an action cannot be swapped: changing the action byte breaks the signature', () => {
    const raw = Buffer.from(signLink(secret, { action: 'appointment', subject, expiresAt: now + 60_000 }), 'base64url');
    raw[1] = 2; // 'ack'
    assert.deepEqual(verifyLink(secret, raw.toString('base64url'), now), { ok: false, reason: 'invalid' });
  });

  it('a genuine token past its expiry is expired, not invalid', () => {
    const token = signLink(secret, { action: 'appointment', subject, expiresAt: now - 1000 });
    assert.deepEqual(verifyLink(secret, token, now), { ok: false, reason: 'expired' });
  });
});
