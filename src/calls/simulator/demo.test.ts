import { it } from 'node:test';
import assert from 'node:assert/strict';
import { demoCallsSettings } from './demo-service.ts';

it('demo calls are off unless asked for; a number is calls per hour', () => {
  assert.equal(demoCallsSettings({}), null);
  assert.equal(demoCallsSettings({ RELAIS_DEMO_CALLS: '0' }), null);
  assert.equal(demoCallsSettings({ RELAIS_DEMO_CALLS: 'false' }), null);
  assert.deepEqual(demoCallsSettings({ RELAIS_DEMO_CALLS: '1' }), { callsPerHour: 60, agents: 4 });
  assert.deepEqual(demoCallsSettings({ RELAIS_DEMO_CALLS: 'on' }), { callsPerHour: 60, agents: 4 });
  assert.deepEqual(demoCallsSettings({ RELAIS_DEMO_CALLS: '120', RELAIS_DEMO_CALLS_AGENTS: '6' }), { callsPerHour: 120, agents: 6 });
  assert.deepEqual(demoCallsSettings({ RELAIS_DEMO_CALLS: '1', RELAIS_DEMO_CALLS_AGENTS: 'many' }), { callsPerHour: 60, agents: 4 });
});
