import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instantToLocal, localDateOf, localDaysInterval, localToInstant, minutesOfTime, offsetAt } from './local-time.ts';

const iso = (t: number) => new Date(t).toISOString();
const HOUR = 3_600_000;

describe('local time conversions', () => {
  it('converts Paris wall times both ways, winter and summer', () => {
    assert.equal(iso(localToInstant('Europe/Paris', '2026-01-15', '09:00')), '2026-01-15T08:00:00.000Z');
    assert.equal(iso(localToInstant('Europe/Paris', '2026-07-15', '09:00')), '2026-07-15T07:00:00.000Z');
    const l = instantToLocal('Europe/Paris', Date.parse('2026-07-15T07:00:00Z'));
    assert.deepEqual([l.date, l.time, l.weekday], ['2026-07-15', '09:00', 3]);
  });

  it('moves a wall time of the spring gap forward by the gap length', () => {
    assert.equal(iso(localToInstant('Europe/Paris', '2026-03-29', '02:30')), '2026-03-29T01:30:00.000Z');
    assert.equal(instantToLocal('Europe/Paris', localToInstant('Europe/Paris', '2026-03-29', '02:30')).time, '03:30');
    assert.equal(instantToLocal('Australia/Adelaide', localToInstant('Australia/Adelaide', '2026-10-04', '02:15')).time, '03:15');
  });

  it('takes the earlier instant of an autumn overlap', () => {
    assert.equal(iso(localToInstant('Europe/Paris', '2026-10-25', '02:30')), '2026-10-25T00:30:00.000Z');
    assert.equal(iso(localToInstant('Europe/Paris', '2026-10-25', '03:00')), '2026-10-25T02:00:00.000Z');
    // Adelaide leaves summer time on 2026-04-05: 02:30 happens at +10:30 then at +09:30.
    assert.equal(iso(localToInstant('Australia/Adelaide', '2026-04-05', '02:30')), '2026-04-04T16:00:00.000Z');
  });

  it('knows half-hour offsets and their DST (St John’s)', () => {
    assert.equal(offsetAt('America/St_Johns', Date.parse('2026-01-15T12:00:00Z')), -3.5 * HOUR);
    assert.equal(offsetAt('America/St_Johns', Date.parse('2026-07-15T12:00:00Z')), -2.5 * HOUR);
    assert.equal(iso(localToInstant('America/St_Johns', '2026-11-01', '01:30')), '2026-11-01T04:00:00.000Z');
  });

  it('gives local days of 23, 24 and 25 hours', () => {
    const length = (date: string) => {
      const { start, end } = localDaysInterval('Europe/Paris', date, date);
      return (end - start) / HOUR;
    };
    assert.deepEqual([length('2026-03-29'), length('2026-03-30'), length('2026-10-25')], [23, 24, 25]);
    assert.equal(
      localDaysInterval('Indian/Reunion', '2026-12-31', '2027-01-01').end - localDaysInterval('Indian/Reunion', '2026-12-31', '2027-01-01').start,
      48 * HOUR,
    );
  });

  it('reads the local date of an instant across the date line of the zone', () => {
    const instant = Date.parse('2026-12-31T22:30:00Z');
    assert.equal(localDateOf('Europe/Paris', instant), '2026-12-31');
    assert.equal(localDateOf('Indian/Reunion', instant), '2027-01-01');
    assert.equal(localDateOf('America/Martinique', instant), '2026-12-31');
  });

  it('refuses malformed times and dates', () => {
    assert.equal(minutesOfTime('24:00'), 1440);
    for (const bad of ['24:30', '9:00', '12:60', 'noon']) assert.throws(() => minutesOfTime(bad), RangeError, bad);
    assert.throws(() => localToInstant('Europe/Paris', '2026-02-30', '09:00'), RangeError);
  });
});
