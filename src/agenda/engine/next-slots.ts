import { DAY_MS, dayNumberOf } from '../../core/time/local-time.ts';
import { PractitionerSlots } from './practitioner-slots.ts';
import type { AgendaInput, Motif, NextFreeSlotsOptions, Slot } from './types.ts';

const DEFAULT_HORIZON_DAYS = 84;

/**
 * One practitioner's place in the merge. Its key is its next slot's start or, before its next day is
 * computed, a lower bound of that day's slots: a day is computed only when it could hold the earliest
 * slot of all.
 */
class Cursor {
  private slots: Slot[] = [];
  private index = 0;
  key = 0;
  /** The slot at `key`, or null while the cursor waits on an uncomputed day. */
  head: Slot | null = null;

  /** `rank`: the practitioner id's place in code-unit order, to break ties by id cheaply. */
  constructor(
    private readonly stream: PractitionerSlots,
    readonly rank: number,
  ) {}

  /** Moves to the next slot of the current day, or to the pending next day; false once exhausted. */
  advance(): boolean {
    if (this.index < this.slots.length) {
      this.head = this.slots[this.index++] as Slot;
      this.key = this.head.start;
      return true;
    }
    const bound = this.stream.pendingLowerBound();
    if (bound === null) return false;
    this.head = null;
    this.key = bound;
    return true;
  }

  /** Computes the pending day; false once exhausted. */
  loadDay(): boolean {
    this.slots = this.stream.nextDay() ?? [];
    this.index = 0;
    return this.advance();
  }
}

/** Heap order: key, then a pending day before a slot (it may hide an earlier-id slot), then id. */
function before(a: Cursor, b: Cursor): boolean {
  if (a.key !== b.key) return a.key < b.key;
  if ((a.head === null) !== (b.head === null)) return a.head === null;
  return a.rank < b.rank;
}

/** A binary min-heap of cursors ordered by their head slot. */
class CursorHeap {
  private readonly items: Cursor[] = [];

  push(cursor: Cursor): void {
    const items = this.items;
    let i = items.length;
    items.push(cursor);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = items[parent] as Cursor;
      if (!before(cursor, above)) break;
      items[i] = above;
      i = parent;
    }
    items[i] = cursor;
  }

  /** The cursor with the earliest key, left in place. */
  top(): Cursor | undefined {
    return this.items[0];
  }

  /** Removes the top cursor. */
  pop(): void {
    const last = this.items.pop();
    if (this.items.length > 0 && last !== undefined) this.siftDown(last);
  }

  /** The top cursor's key grew: moves it down to its place (cheaper than pop + push). */
  topChanged(): void {
    const top = this.items[0];
    if (top !== undefined) this.siftDown(top);
  }

  /** Puts `cursor` at the root and moves it down to its place. */
  private siftDown(cursor: Cursor): void {
    const items = this.items;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let child = items[l] as Cursor;
      if (l + 1 < n && before(items[l + 1] as Cursor, child)) {
        c = l + 1;
        child = items[c] as Cursor;
      }
      if (!before(child, cursor)) break;
      items[i] = child;
      i = c;
    }
    items[i] = cursor;
  }
}

/**
 * The first `opts.limit` free slots for `motif` starting in `[from, from + horizonDays × 24 h)` (and
 * not before `opts.now`) across all `agendas`, in start order, ties by practitioner id (code-unit
 * order). Preferences: `partOfDay` (morning = local start before 12:00), `weekdays` (ISO, of the
 * slot's local date), `notBefore` (local date, inclusive). Lazy: each practitioner's slots are made
 * one local day at a time and merged through a heap, so the work stops as soon as `limit` slots are
 * known; a practitioner's later days are never computed while
 * other practitioners have earlier slots. Each agenda's `busy` must be sorted by start. Same slot semantics as `freeSlots` (index.ts).
 */
export function nextFreeSlots(agendas: readonly AgendaInput[], motif: Motif, from: number, opts: NextFreeSlotsOptions): Slot[] {
  if (!Number.isInteger(opts.limit) || opts.limit < 0) throw new RangeError('limit must be a whole number ≥ 0');
  const horizonDays = opts.horizonDays ?? DEFAULT_HORIZON_DAYS;
  if (!(horizonDays >= 0)) throw new RangeError('horizonDays must be ≥ 0');
  if (opts.limit === 0) return [];
  const weekdays = opts.weekdays === undefined ? undefined : new Set(opts.weekdays);
  const notBeforeDay = opts.notBefore === undefined ? undefined : dayNumberOf(opts.notBefore);
  const to = from + horizonDays * DAY_MS;
  const heap = new CursorHeap();
  const ids = agendas.map((a) => a.rules.practitionerId).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rankOf = new Map(ids.map((id, i) => [id, i]));
  for (const agenda of agendas) {
    const stream = new PractitionerSlots(agenda.rules, agenda.busy, motif, {
      from,
      to,
      now: opts.now,
      includeUrgent: opts.includeUrgent,
      partOfDay: opts.partOfDay,
      weekdays,
      notBeforeDay,
    });
    const cursor = new Cursor(stream, rankOf.get(agenda.rules.practitionerId) ?? 0);
    if (cursor.advance()) heap.push(cursor);
  }
  const out: Slot[] = [];
  for (let cursor = heap.top(); cursor !== undefined && out.length < opts.limit; cursor = heap.top()) {
    let more: boolean;
    if (cursor.head === null) more = cursor.loadDay();
    else {
      out.push(cursor.head);
      more = cursor.advance();
    }
    if (more) heap.topChanged();
    else heap.pop();
  }
  return out;
}
