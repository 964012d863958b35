import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { noShowCounts } from './no-shows.ts';

describe('no-shows per patient', () => {
  it('counts unexcused and excused no-shows apart, most missed first, and ignores other outcomes', () => {
    const a = (patientId: string, status: string, noShowExcused: boolean | null = null) => ({
      patientId,
      patientName: `Patient ${patientId}`,
      status,
      noShowExcused,
    });
    const counts = noShowCounts([
      a('x', 'no_show', false),
      a('y', 'no_show', false),
      a('y', 'no_show', true),
      a('y', 'no_show', false),
      a('x', 'honoured'),
      a('z', 'cancelled'),
      a('w', 'no_show', true),
    ]);
    assert.deepEqual(
      counts.map((c) => [c.patientId, c.unexcused, c.excused]),
      [
        ['y', 2, 1],
        ['x', 1, 0],
        ['w', 0, 1],
      ],
    );
  });
});
