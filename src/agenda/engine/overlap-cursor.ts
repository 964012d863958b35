import type { Interval } from './types.ts';

/**
 * Answers "does [s, e) overlap any interval of the list?" for queries whose `e` never decreases, in
 * O(1) amortised: a pointer moves over the list (sorted by start; overlaps allowed) and keeps the
 * largest end seen. Nothing is built up front (only an O(n) order check), so a lazy search does
 * work only for the part of the list it reaches.
 */
export class OverlapCursor {
  private index = 0;
  private maxEnd = -Infinity;

  /** Throws a RangeError when the list is not sorted by start. */
  constructor(
    private readonly list: readonly Interval[],
    what: string,
  ) {
    for (let i = 1; i < list.length; i++) {
      if ((list[i] as Interval).start < (list[i - 1] as Interval).start) throw new RangeError(`${what} must be sorted by start`);
    }
  }

  private lastEnd = -Infinity;

  /** True when some non-empty interval of the list meets [s, e). Fast while `e` does not decrease. */
  overlaps(s: number, e: number): boolean {
    const list = this.list;
    if (e < this.lastEnd) {
      // Only odd zones (a DST change at midnight) can step back; start over rather than answer wrong.
      this.index = 0;
      this.maxEnd = -Infinity;
    }
    this.lastEnd = e;
    while (this.index < list.length) {
      const item = list[this.index] as Interval;
      if (item.start >= e) break;
      if (item.end > item.start && item.end > this.maxEnd) this.maxEnd = item.end;
      this.index++;
    }
    return this.maxEnd > s;
  }

  /**
   * After `overlaps(s, e)` answered true: no [s', s' + (e − s)) with s ≤ s' < reach is free either,
   * since the interval ending at `reach` starts before e.
   */
  get reach(): number {
    return this.maxEnd;
  }
}
