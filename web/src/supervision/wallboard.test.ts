import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boardState, duration, queueLines, DEFAULT_THRESHOLDS } from './wallboard.ts';

const now = Date.parse('2026-03-02T09:00:00Z');
const q = (practiceId: string, waitedSeconds: number | null, waiting = waitedSeconds === null ? 0 : 1) => ({
  practiceId,
  waiting,
  urgentWaiting: 0,
  oldestEnqueuedAt: waitedSeconds === null ? null : new Date(now - waitedSeconds * 1000).toISOString(),
  ringing: 0,
  connected: 0,
});

describe('wallboard', () => {
  it('a caller waiting past T turns the queue red; a low service level today too; the longest wait comes first', () => {
    const lines = queueLines(
      [q('calm', null), q('fresh', 12), q('late', 45), q('bad-day', null)],
      new Map([
        ['bad-day', 0.6],
        ['calm', 0.95],
      ]),
      {
        now,
        thresholds: DEFAULT_THRESHOLDS,
      },
    );
    assert.deepEqual(
      lines.map((l) => [l.practiceId, l.longestWaitSeconds, l.breach]),
      [
        ['late', 45, 'wait'],
        ['fresh', 12, null],
        ['bad-day', null, 'service_level'],
        ['calm', null, null],
      ],
    );
  });

  it('names the system state over the chosen one, since when it started', () => {
    const base = { id: 'a', displayName: 'A', statusReason: null, callId: null, practiceId: null };
    const onCall = boardState({
      ...base,
      status: 'available',
      statusSince: '2026-03-02T08:00:00Z',
      systemState: 'on_call',
      systemSince: '2026-03-02T08:59:00Z',
      idleSince: '2026-03-02T08:50:00Z',
    });
    assert.deepEqual(onCall, { state: 'on_call', since: '2026-03-02T08:59:00Z' });
    const idle = boardState({
      ...base,
      status: 'available',
      statusSince: '2026-03-02T08:00:00Z',
      systemState: 'idle',
      systemSince: '2026-03-02T08:59:00Z',
      idleSince: '2026-03-02T08:50:00Z',
    });
    assert.deepEqual(idle, { state: 'available', since: '2026-03-02T08:50:00Z' });
    const lunch = boardState({
      ...base,
      status: 'lunch',
      statusSince: '2026-03-02T08:30:00Z',
      systemState: 'idle',
      systemSince: '2026-03-02T08:59:00Z',
      idleSince: '2026-03-02T08:50:00Z',
    });
    assert.deepEqual(lunch, { state: 'lunch', since: '2026-03-02T08:30:00Z' });
  });

  it('formats durations as m:ss, then h:mm:ss', () => {
    assert.deepEqual([duration(0), duration(65), duration(3725)], ['0:00', '1:05', '1:02:05']);
  });
});
