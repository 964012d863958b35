import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decide, DEFAULT_QUEUE_CONFIG, type FreeAgent, type QueueConfig, type WaitingCall } from './decide.ts';

const T0 = Date.UTC(2026, 2, 2, 8, 0, 0); // a Monday morning
const s = (seconds: number) => T0 + seconds * 1000;

function call(id: string, o: Partial<WaitingCall> = {}): WaitingCall {
  return { callId: id, practiceId: 'A', enqueuedAt: T0, urgent: false, attempts: 0, ...o };
}
function agent(id: string, o: { idleSince?: number; dedicated?: string[]; assigned?: string[] } = {}): FreeAgent {
  return { agentId: id, idleSince: o.idleSince ?? T0 - 60_000, dedicated: new Set(o.dedicated ?? []), assigned: new Set(o.assigned ?? o.dedicated ?? []) };
}
const configs = (entries: Record<string, Partial<QueueConfig>> = {}) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, { ...DEFAULT_QUEUE_CONFIG, ...v }]));

describe('routing decision', () => {
  it('widens from the dedicated secretary to trained agents, then to the pool, as the wait grows', () => {
    const agents = [agent('trained', { assigned: ['A'] }), agent('pool', { assigned: ['B'] })];
    const cfg = configs({ A: { dedicatedAfterSeconds: 0, trainedAfterSeconds: 15, poolAfterSeconds: 45 } });
    const at = (now: number) => decide({ now, calls: [call('c1')], agents, configs: cfg }).assignments;
    assert.deepEqual(at(s(14)), [], 'before 15 s only the dedicated secretary may take it (and she is busy)');
    assert.deepEqual(at(s(15)), [{ callId: 'c1', agentId: 'trained', tier: 'trained' }]);
    assert.deepEqual(decide({ now: s(44), calls: [call('c1')], agents: [agents[1]!], configs: cfg }).assignments, []);
    assert.deepEqual(decide({ now: s(45), calls: [call('c1')], agents: [agents[1]!], configs: cfg }).assignments, [
      { callId: 'c1', agentId: 'pool', tier: 'pool' },
    ]);
  });

  it('prefers the dedicated secretary even over a trained agent idle for longer', () => {
    const agents = [agent('trained', { assigned: ['A'], idleSince: T0 - 3_600_000 }), agent('dedicated', { dedicated: ['A'], idleSince: T0 })];
    const { assignments } = decide({ now: s(30), calls: [call('c1')], agents, configs: configs() });
    assert.deepEqual(assignments, [{ callId: 'c1', agentId: 'dedicated', tier: 'dedicated' }]);
  });

  it('gives the call to the agent idle longest within a tier', () => {
    const agents = [
      agent('recent', { assigned: ['A'], idleSince: T0 - 10_000 }),
      agent('longest', { assigned: ['A'], idleSince: T0 - 300_000 }),
      agent('middle', { assigned: ['A'], idleSince: T0 - 60_000 }),
    ];
    const { assignments } = decide({ now: s(20), calls: [call('c1'), call('c2', { enqueuedAt: s(1) })], agents, configs: configs() });
    assert.deepEqual(
      assignments.map((a) => [a.callId, a.agentId]),
      [
        ['c1', 'longest'],
        ['c2', 'middle'],
      ],
    );
  });

  it('serves urgent calls first, then the oldest', () => {
    const calls = [call('old'), call('urgent', { enqueuedAt: s(10), urgent: true }), call('newer', { enqueuedAt: s(5) })];
    const one = decide({ now: s(20), calls, agents: [agent('x', { dedicated: ['A'] })], configs: configs() });
    assert.deepEqual(
      one.assignments.map((a) => a.callId),
      ['urgent'],
    );
    const two = decide({ now: s(20), calls, agents: [agent('x', { dedicated: ['A'] }), agent('y', { dedicated: ['A'] })], configs: configs() });
    assert.deepEqual(
      two.assignments.map((a) => a.callId),
      ['urgent', 'old'],
    );
  });

  it('serves a call put back after an unanswered ring before calls that came after it', () => {
    // 'requeued' rang once, nobody answered: its place (enqueuedAt) is unchanged.
    const calls = [call('later', { enqueuedAt: s(30) }), call('requeued', { enqueuedAt: s(0), attempts: 1 })];
    const { assignments } = decide({ now: s(40), calls, agents: [agent('x', { dedicated: ['A'] })], configs: configs() });
    assert.deepEqual(
      assignments.map((a) => a.callId),
      ['requeued'],
    );
  });

  it('never rings one agent for two calls nor one call at two agents', () => {
    const calls = Array.from({ length: 30 }, (_, i) => call(`c${i}`, { practiceId: i % 2 ? 'A' : 'B', enqueuedAt: s(i) }));
    const agents = Array.from({ length: 12 }, (_, i) => agent(`a${i}`, { assigned: [i % 3 ? 'A' : 'B'], idleSince: T0 - i * 1000 }));
    const { assignments } = decide({ now: s(100), calls, agents, configs: configs({ A: { maxQueueLength: 100 }, B: { maxQueueLength: 100 } }) });
    assert.equal(assignments.length, 12);
    assert.equal(new Set(assignments.map((a) => a.agentId)).size, 12);
    assert.equal(new Set(assignments.map((a) => a.callId)).size, 12);
  });

  it('overflows a call that waited the maximum wait, to the practice target', () => {
    const cfg = configs({ A: { maxWaitSeconds: 120, overflowTarget: 'callback' } });
    assert.deepEqual(decide({ now: s(119), calls: [call('c1')], agents: [], configs: cfg }).overflows, []);
    assert.deepEqual(decide({ now: s(120), calls: [call('c1')], agents: [], configs: cfg }).overflows, [
      { callId: 'c1', reason: 'max_wait', target: 'callback', queueLength: 1 },
    ]);
  });

  it('takes a free agent rather than overflowing a call at its maximum wait', () => {
    const cfg = configs({ A: { maxWaitSeconds: 60 } });
    const d = decide({ now: s(90), calls: [call('c1')], agents: [agent('x', { assigned: ['A'] })], configs: cfg });
    assert.deepEqual(d.overflows, []);
    assert.equal(d.assignments.length, 1);
  });

  it('overflows the last calls beyond the maximum queue length, never an urgent one', () => {
    const cfg = configs({ A: { maxQueueLength: 2 } });
    const calls = [call('c1'), call('c2', { enqueuedAt: s(1) }), call('c3', { enqueuedAt: s(2) }), call('c4', { enqueuedAt: s(3), urgent: true })];
    const { overflows } = decide({ now: s(5), calls, agents: [], configs: cfg });
    assert.deepEqual(
      overflows.map((o) => [o.callId, o.reason, o.queueLength]),
      [
        ['c2', 'queue_length', 4],
        ['c3', 'queue_length', 4],
      ],
    );
  });

  it('counts queue length per practice', () => {
    const cfg = configs({ A: { maxQueueLength: 1 }, B: { maxQueueLength: 1 } });
    const { overflows } = decide({ now: s(5), calls: [call('a1'), call('b1', { practiceId: 'B' })], agents: [], configs: cfg });
    assert.deepEqual(overflows, []);
  });
});
