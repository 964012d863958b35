import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from './actor.ts';
import { SessionCache } from './session-cache.ts';

const actor = (userId: string): Actor => ({
  userId,
  organisationId: 'org',
  role: 'agent',
  email: `${userId}@test.relais.fr`,
  displayName: userId,
  locale: 'fr',
  practitionerId: null,
  practiceIds: ['p1'],
});

function cacheAt(start: number, ttlMs = 3000, maxEntries?: number) {
  const clock = { now: start };
  const cache = new SessionCache({ ttlMs, now: () => clock.now, ...(maxEntries ? { maxEntries } : {}) });
  return { cache, clock };
}

describe('session cache', () => {
  it('serves a session until its TTL, then asks for it again', () => {
    const { cache, clock } = cacheAt(1_000_000);
    cache.set('t1', { actor: actor('u1'), expiresAt: clock.now + 3_600_000 }, cache.mark());
    assert.equal(cache.get('t1')?.userId, 'u1');
    clock.now += 2999;
    assert.equal(cache.get('t1')?.userId, 'u1');
    clock.now += 1;
    assert.equal(cache.get('t1'), undefined);
  });

  it('never serves a session at or after its expiry, however long the TTL', () => {
    const { cache, clock } = cacheAt(1_000_000, 60_000);
    cache.set('t1', { actor: actor('u1'), expiresAt: clock.now + 500 }, cache.mark());
    clock.now += 499;
    assert.equal(cache.get('t1')?.userId, 'u1');
    clock.now += 1;
    assert.equal(cache.get('t1'), undefined);
    cache.set('t2', { actor: actor('u2'), expiresAt: clock.now }, cache.mark());
    assert.equal(cache.get('t2'), undefined, 'an already expired session is not kept');
  });

  it('drops a read that began before a sign-out or a change (it may hold the old state)', () => {
    const { cache, clock } = cacheAt(1_000_000);
    const mark = cache.mark();
    cache.forgetToken('t1');
    cache.set('t1', { actor: actor('u1'), expiresAt: clock.now + 60_000 }, mark);
    assert.equal(cache.get('t1'), undefined);
    const mark2 = cache.mark();
    cache.clear();
    cache.set('t1', { actor: actor('u1'), expiresAt: clock.now + 60_000 }, mark2);
    assert.equal(cache.get('t1'), undefined);
    cache.set('t1', { actor: actor('u1'), expiresAt: clock.now + 60_000 }, cache.mark());
    assert.equal(cache.get('t1')?.userId, 'u1');
  });

  it('forgets one token, or every token of a user', () => {
    const { cache, clock } = cacheAt(1_000_000);
    const later = clock.now + 60_000;
    cache.set('a1', { actor: actor('a'), expiresAt: later }, cache.mark());
    cache.set('a2', { actor: actor('a'), expiresAt: later }, cache.mark());
    cache.set('b1', { actor: actor('b'), expiresAt: later }, cache.mark());
    cache.forgetToken('b1');
    assert.equal(cache.get('b1'), undefined);
    assert.equal(cache.get('a1')?.userId, 'a');
    cache.forgetUser('a');
    assert.equal(cache.get('a1'), undefined);
    assert.equal(cache.get('a2'), undefined);
  });

  it('holds at most maxEntries, evicting the least recently used', () => {
    const { cache, clock } = cacheAt(1_000_000, 3000, 2);
    const later = clock.now + 60_000;
    cache.set('t1', { actor: actor('u1'), expiresAt: later }, cache.mark());
    cache.set('t2', { actor: actor('u2'), expiresAt: later }, cache.mark());
    cache.get('t1');
    cache.set('t3', { actor: actor('u3'), expiresAt: later }, cache.mark());
    assert.equal(cache.size, 2);
    assert.equal(cache.get('t2'), undefined);
    assert.equal(cache.get('t1')?.userId, 'u1');
    assert.equal(cache.get('t3')?.userId, 'u3');
  });

  it('keeps nothing when off, and hands out actors no request can change', () => {
    const off = new SessionCache({ ttlMs: 0 });
    off.set('t1', { actor: actor('u1'), expiresAt: Date.now() + 60_000 }, off.mark());
    assert.equal(off.enabled, false);
    assert.equal(off.get('t1'), undefined);
    const { cache, clock } = cacheAt(1_000_000);
    cache.set('t1', { actor: actor('u1'), expiresAt: clock.now + 60_000 }, cache.mark());
    const served = cache.get('t1')!;
    assert.throws(() => ((served as { role: string }).role = 'admin'), TypeError);
    assert.throws(() => (served.practiceIds as string[]).push('p2'), TypeError);
  });
});
