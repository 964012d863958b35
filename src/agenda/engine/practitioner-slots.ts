/**
 * One practitioner's free slots, produced one local day at a time: the building block of both
 * `freeSlots` (drain it) and `nextFreeSlots` (merge several, stop early).
 */
import { DAY_MS, dayMinuteToInstant, localDay, offsetAt, type LocalDay } from '../../core/time/local-time.ts';
import { compileRules, openRanges, rangesForMotif, type CompiledRange, type CompiledRules } from './compile.ts';
import { OverlapCursor } from './overlap-cursor.ts';
import type { AgendaRules, Interval, Motif, PartOfDay, Slot } from './types.ts';

const MINUTE = 60_000;
const NOON = 12 * 60;

export interface StreamOptions {
  from: number;
  to: number;
  now?: number;
  includeUrgent?: boolean;
  partOfDay?: PartOfDay;
  weekdays?: ReadonlySet<number>;
  /** Day number (days since 1970-01-01) of the first local date allowed. */
  notBeforeDay?: number;
}

function positiveMinutes(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${what} must be a positive whole number of minutes`);
  return value;
}

export class PractitionerSlots {
  private readonly compiled: CompiledRules;
  private readonly tables: ReturnType<typeof rangesForMotif>;
  private readonly zone: string;
  private readonly practitionerId: string;
  private readonly duration: number;
  private readonly step: number;
  private readonly lo: number;
  private readonly to: number;
  private readonly urgentDay: number | null | undefined;
  private readonly busy: OverlapCursor;
  private readonly absences: OverlapCursor;
  private day: number;
  private readonly lastDay: number;

  constructor(
    rules: AgendaRules,
    busy: readonly Interval[],
    motif: Motif,
    private readonly opts: StreamOptions,
  ) {
    this.compiled = compileRules(rules);
    this.tables = rangesForMotif(this.compiled, motif.id);
    this.zone = rules.timeZone;
    this.practitionerId = rules.practitionerId;
    this.duration = positiveMinutes(motif.durationMinutes, 'motif duration') * MINUTE;
    this.step = positiveMinutes(rules.stepMinutes ?? motif.durationMinutes, 'agenda step') * MINUTE;
    this.lo = opts.now === undefined ? opts.from : Math.max(opts.from, opts.now);
    this.to = opts.to;
    // Urgent ranges: closed without includeUrgent (null), else open on now's local date, or every date.
    this.urgentDay = opts.includeUrgent !== true ? null : opts.now === undefined ? undefined : this.dayNumberOf(opts.now);
    this.busy = new OverlapCursor(busy, 'busy intervals');
    this.absences = new OverlapCursor(this.compiled.absences, 'absences');
    // One spare day each side: only zones with a DST change at midnight could need it.
    this.day = Math.max(this.dayNumberOf(this.lo) - 1, opts.notBeforeDay ?? -Infinity);
    this.lastDay = this.to > this.lo ? this.dayNumberOf(this.to - 1) + 1 : this.day - 1;
  }

  private dayNumberOf(instant: number): number {
    return Math.floor((instant + offsetAt(this.zone, instant)) / DAY_MS);
  }

  /**
   * No slot of the days not yet produced starts before this instant (null when none remain): the
   * next day's local midnight, less 3 h for a wall time moved forward out of a DST gap.
   */
  pendingLowerBound(): number | null {
    if (this.day > this.lastDay) return null;
    return Math.max(this.lo, dayMinuteToInstant(this.zone, localDay(this.zone, this.day), 0) - 3 * 3_600_000);
  }

  /** The free slots of the next local day (maybe none), in start order; null once past the window. */
  nextDay(): Slot[] | null {
    if (this.day > this.lastDay) return null;
    const dayNumber = this.day++;
    const weekday = ((((dayNumber + 3) % 7) + 7) % 7) + 1;
    if (this.opts.weekdays !== undefined && !this.opts.weekdays.has(weekday)) return [];
    const tables = this.urgentDay === undefined || this.urgentDay === dayNumber ? this.tables.all : this.tables.regular;
    const ranges = openRanges(tables, this.compiled.holidays, dayNumber, weekday);
    if (ranges.length === 0) return [];
    return this.slotsOf(ranges, localDay(this.zone, dayNumber));
  }

  private slotsOf(ranges: readonly CompiledRange[], day: LocalDay): Slot[] {
    const out: Slot[] = [];
    const firsts: number[] = [];
    const ends: number[] = [];
    let disjoint = true;
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i] as CompiledRange;
      firsts.push(dayMinuteToInstant(this.zone, day, r.start));
      ends.push(dayMinuteToInstant(this.zone, day, r.end));
      if (i > 0 && (firsts[i] as number) < (ends[i - 1] as number)) disjoint = false;
    }
    if (disjoint) {
      // The usual day (morning, afternoon): ranges in order, none overlapping, so slots come sorted.
      for (let i = 0; i < ranges.length; i++) this.rangeSlots(out, day, firsts[i] as number, ends[i] as number, (ranges[i] as CompiledRange).urgent);
      return out;
    }
    // Overlapping ranges: grid points of all, sorted; a start offered by a non-urgent range is not urgent.
    const { duration, step, lo, to } = this;
    const keys: number[] = [];
    for (let i = 0; i < ranges.length; i++) {
      const urgent = (ranges[i] as CompiledRange).urgent ? 1 : 0;
      const end = ends[i] as number;
      for (let t = firsts[i] as number; t + duration <= end && t < to; t += step) {
        if (t >= lo) keys.push(t * 2 + urgent);
      }
    }
    keys.sort((a, b) => a - b);
    let previous = NaN;
    let blockedUntil = -Infinity;
    for (const key of keys) {
      const t = Math.floor(key / 2);
      if (t === previous || t < blockedUntil) continue;
      previous = t;
      blockedUntil = this.offer(out, day, t, key - t * 2 === 1);
    }
    return out;
  }

  /** The free slots of one range [first, end), skipping the grid points an appointment or absence covers. */
  private rangeSlots(out: Slot[], day: LocalDay, first: number, end: number, urgent: boolean): void {
    const { duration, step, lo, to } = this;
    let t = first < lo ? first + Math.ceil((lo - first) / step) * step : first;
    while (t + duration <= end && t < to) {
      const blockedUntil = this.offer(out, day, t, urgent);
      t = blockedUntil > t ? first + Math.ceil((blockedUntil - first) / step) * step : t + step;
    }
  }

  /**
   * Adds the slot at `t` if the preferences want it and nothing overlaps it. Returns the instant
   * before which no slot can start because of what overlaps this one (−Infinity when nothing does).
   */
  private offer(out: Slot[], day: LocalDay, t: number, urgent: boolean): number {
    const end = t + this.duration;
    if (this.busy.overlaps(t, end)) return this.busy.reach;
    if (this.absences.overlaps(t, end)) return this.absences.reach;
    const part = this.opts.partOfDay;
    if (part !== undefined) {
      const wall = t + (day.offset ?? offsetAt(this.zone, t));
      const minutes = (wall - Math.floor(wall / DAY_MS) * DAY_MS) / MINUTE;
      if (minutes < NOON !== (part === 'morning')) return -Infinity;
    }
    out.push({ practitionerId: this.practitionerId, start: t, end, urgent });
    return -Infinity;
  }
}
