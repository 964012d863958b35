import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callReducer, formatDuration, IDLE, phaseElapsed, type CallState } from './call-machine.ts';

const call = { callId: 'c1', calledNumber: '+33140000000', callerNumber: '+33612345678' };

function run(...events: Parameters<typeof callReducer>[1][]): CallState {
  return events.reduce(callReducer, IDLE);
}

describe('call machine', () => {
  it('goes ringing → answered → wrap-up → ended → idle', () => {
    let s = run({ type: 'incoming', call, at: 1000 });
    assert.equal(s.phase, 'ringing');
    assert.equal(s.call?.calledNumber, '+33140000000');
    s = callReducer(s, { type: 'answer', at: 4000 });
    assert.equal(s.phase, 'answered');
    assert.equal(phaseElapsed(s, 64_000), 60_000);
    s = callReducer(s, { type: 'hangUp', at: 94_000 });
    assert.equal(s.phase, 'wrapUp');
    s = callReducer(s, { type: 'finishWrapUp', at: 100_000 });
    assert.equal(s.phase, 'ended');
    assert.equal(s.missed, false);
    assert.equal(phaseElapsed(s, 999_999), 90_000, 'the talk time stays on screen once ended');
    assert.equal(callReducer(s, { type: 'dismiss' }).phase, 'idle');
  });

  it('a call hung up while ringing is missed, with no wrap-up', () => {
    const s = run({ type: 'incoming', call, at: 0 }, { type: 'hangUp', at: 5000 });
    assert.equal(s.phase, 'ended');
    assert.equal(s.missed, true);
  });

  it('ignores events that make no sense now, and a second ring while busy', () => {
    assert.deepEqual(callReducer(IDLE, { type: 'answer', at: 1 }), IDLE);
    const busy = run({ type: 'incoming', call, at: 0 }, { type: 'answer', at: 1 });
    assert.equal(callReducer(busy, { type: 'incoming', call: { ...call, callId: 'c2' }, at: 2 }).call?.callId, 'c1');
    assert.equal(callReducer(busy, { type: 'finishWrapUp', at: 3 }).phase, 'answered');
    assert.equal(callReducer(busy, { type: 'dismiss' }).phase, 'answered');
  });

  it('a new call can ring once the previous one has ended', () => {
    const ended = run({ type: 'incoming', call, at: 0 }, { type: 'hangUp', at: 1 });
    assert.equal(callReducer(ended, { type: 'incoming', call: { ...call, callId: 'c2' }, at: 2 }).call?.callId, 'c2');
  });

  it('formats durations as m:ss and h:mm:ss', () => {
    assert.equal(formatDuration(0), '0:00');
    assert.equal(formatDuration(65_400), '1:05');
    assert.equal(formatDuration(3_725_000), '1:02:05');
  });
});
