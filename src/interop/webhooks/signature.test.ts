import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signatureHeader, verifySignature } from './signature.ts';

describe('webhook signature', () => {
  const body = '{"type":"appointment.created"}';
  const header = signatureHeader('s3cret', 1_800_000_000, body);
  it('verifies a fresh signature of the exact body', () => {
    assert.ok(verifySignature({ secret: 's3cret', header, body, nowSeconds: 1_800_000_010 }));
  });
  it('refuses another secret, an altered body, or an old timestamp (replay)', () => {
    assert.equal(verifySignature({ secret: 'other', header, body, nowSeconds: 1_800_000_010 }), false);
    assert.equal(verifySignature({ secret: 's3cret', header, body: body + ' ', nowSeconds: 1_800_000_010 }), false);
    assert.equal(verifySignature({ secret: 's3cret', header, body, nowSeconds: 1_800_000_000 + 301 }), false);
    assert.equal(verifySignature({ secret: 's3cret', header: 'v1=zz', body, nowSeconds: 1_800_000_000 }), false);
  });
});
