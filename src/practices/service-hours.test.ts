import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dayProblems, normaliseServiceHours, zServiceHoursInput } from './service-hours.ts';

describe('service hours', () => {
  it('accepts a usual week and fills the missing days as closed, sorted', () => {
    const hours = zServiceHoursInput.parse({
      mon: [
        ['14:00', '19:00'],
        ['08:00', '12:00'],
      ],
      sat: [['08:00', '12:00']],
    });
    assert.deepEqual(hours.mon, [
      ['08:00', '12:00'],
      ['14:00', '19:00'],
    ]);
    assert.deepEqual(hours.sat, [['08:00', '12:00']]);
    assert.deepEqual(hours.sun, []);
    assert.deepEqual(Object.keys(hours), ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  });

  it('treats ranges as half-open: back-to-back ranges do not overlap, and 24:00 ends a day', () => {
    assert.deepEqual(
      dayProblems([
        ['08:00', '12:00'],
        ['12:00', '24:00'],
      ]),
      [],
    );
  });

  it('names the range at fault', () => {
    assert.deepEqual(
      dayProblems([
        ['08:00', '12:00'],
        ['11:30', '13:00'],
      ]).map(([i]) => i),
      [1],
    );
    assert.deepEqual(
      dayProblems([['12:00', '08:00']]).map(([i]) => i),
      [0],
    );
    assert.deepEqual(
      dayProblems([
        ['08:00', '12:00'],
        ['8h', '9h'],
      ]).map(([i]) => i),
      [1],
    );
    assert.deepEqual(
      dayProblems([['24:00', '24:00']]).map(([i]) => i),
      [0],
    );
    assert.deepEqual(
      dayProblems([['08:00', '25:00']]).map(([i]) => i),
      [0],
    );
  });

  it('reports the path of the bad range and refuses unknown days', () => {
    const r = zServiceHoursInput.safeParse({
      tue: [
        ['08:00', '12:00'],
        ['10:00', '11:00'],
      ],
    });
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues[0]?.path, ['tue', 1]);
    assert.equal(zServiceHoursInput.safeParse({ monday: [] }).success, false);
  });

  it('normalises what the database holds, even an empty object', () => {
    assert.deepEqual(normaliseServiceHours({}).wed, []);
    assert.deepEqual(normaliseServiceHours(null).fri, []);
  });
});
