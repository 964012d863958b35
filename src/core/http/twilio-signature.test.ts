import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { twilioSignature, validTwilioSignature } from './twilio-signature.ts';

describe('Twilio signature', () => {
  // The worked example of Twilio's security documentation.
  const token = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };

  it('matches the documented example', () => {
    assert.equal(twilioSignature(token, url, params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('refuses a changed parameter, another URL, another token, or no signature', () => {
    const good = twilioSignature(token, url, params);
    assert.equal(validTwilioSignature(token, url, params, good), true);
    assert.equal(validTwilioSignature(token, url, { ...params, Digits: '1' }, good), false);
    assert.equal(validTwilioSignature(token, 'https://mycompany.com/myapp.php', params, good), false);
    assert.equal(validTwilioSignature('54321', url, params, good), false);
    assert.equal(validTwilioSignature(token, url, params, undefined), false);
    assert.equal(validTwilioSignature(token, url, params, 'short'), false);
  });
});
