/**
 * Agenda rules turned once into lookup tables (ranges per weekday and per date, in minutes and day
 * numbers), cached per rules object and per motif so repeated queries skip the parsing. Rules
 * objects are treated as immutable once passed to the engine.
 */
import { dayNumberOf, minutesOfTime } from '../../core/time/local-time.ts';
import type { AgendaRules, Interval } from './types.ts';

export interface CompiledRange {
  /** Minutes after local midnight, end > start, end ≤ 1440. */
  start: number;
  end: number;
  urgent: boolean;
  exceptional: boolean;
  /** Inclusive day numbers of validity (weekly ranges), ±Infinity when open. */
  validFrom: number;
  validTo: number;
  accepts: readonly string[];
}

export interface CompiledRules {
  /** Index 1..7 (ISO weekday); index 0 unused. */
  weekly: CompiledRange[][];
  exceptional: Map<number, CompiledRange[]>;
  holidays: Set<number>;
  /** Absences sorted by start, empty ones dropped. */
  absences: Interval[];
  /** Per motif id: the same tables holding only the ranges that accept it. */
  byMotif: Map<string, { all: RangeTables; regular: RangeTables }>;
}

const cache = new WeakMap<AgendaRules, CompiledRules>();
/** Holiday sets are usually shared by every practitioner of a region: convert each once. */
const holidaySets = new WeakMap<ReadonlySet<string>, Set<number>>();

function compileRange(
  r: { start: string; end: string; motifIds: readonly string[]; urgent?: boolean },
  exceptional: boolean,
  validFrom: number,
  validTo: number,
): CompiledRange {
  const start = minutesOfTime(r.start);
  const end = minutesOfTime(r.end);
  if (end <= start) throw new RangeError(`opening range ends before it starts: ${r.start}–${r.end}`);
  return { start, end, urgent: r.urgent === true, exceptional, validFrom, validTo, accepts: r.motifIds };
}

/** The compiled form of `rules` (cached while the rules object lives). Throws a RangeError on malformed rules. */
export function compileRules(rules: AgendaRules): CompiledRules {
  let compiled = cache.get(rules);
  if (compiled !== undefined) return compiled;
  const weekly: CompiledRange[][] = [[], [], [], [], [], [], [], []];
  for (const r of rules.weekly) {
    if (!Number.isInteger(r.weekday) || r.weekday < 1 || r.weekday > 7) throw new RangeError(`not an ISO weekday: ${r.weekday}`);
    const validFrom = r.validFrom === undefined ? -Infinity : dayNumberOf(r.validFrom);
    const validTo = r.validTo === undefined ? Infinity : dayNumberOf(r.validTo);
    weekly[r.weekday]?.push(compileRange(r, false, validFrom, validTo));
  }
  const exceptional = new Map<number, CompiledRange[]>();
  for (const r of rules.exceptional) {
    const day = dayNumberOf(r.date);
    const list = exceptional.get(day) ?? [];
    list.push(compileRange(r, true, day, day));
    exceptional.set(day, list);
  }
  let holidays = holidaySets.get(rules.holidays);
  if (holidays === undefined) {
    holidays = new Set<number>();
    for (const date of rules.holidays) holidays.add(dayNumberOf(date));
    holidaySets.set(rules.holidays, holidays);
  }
  const absences = rules.absences.filter((a) => a.end > a.start).sort((a, b) => a.start - b.start);
  compiled = { weekly, exceptional, holidays, absences, byMotif: new Map() };
  cache.set(rules, compiled);
  return compiled;
}

export interface RangeTables {
  weekly: CompiledRange[][];
  exceptional: Map<number, CompiledRange[]>;
}

function filterTables(tables: RangeTables, keep: (r: CompiledRange) => boolean): RangeTables {
  const weekly = tables.weekly.map((list) => list.filter(keep));
  const exceptional = new Map<number, CompiledRange[]>();
  for (const [day, list] of tables.exceptional) {
    const kept = list.filter(keep);
    if (kept.length > 0) exceptional.set(day, kept);
  }
  return { weekly, exceptional };
}

/** The ranges that accept `motifId` (`all`), and the same without urgent ones (`regular`); ranges sorted by start. */
export function rangesForMotif(compiled: CompiledRules, motifId: string): { all: RangeTables; regular: RangeTables } {
  let tables = compiled.byMotif.get(motifId);
  if (tables === undefined) {
    const all = filterTables(compiled, (r) => r.accepts.includes(motifId));
    for (const list of all.weekly) list.sort((a, b) => a.start - b.start);
    for (const list of all.exceptional.values()) list.sort((a, b) => a.start - b.start);
    tables = { all, regular: filterTables(all, (r) => !r.urgent) };
    compiled.byMotif.set(motifId, tables);
  }
  return tables;
}

/** The ranges open on a local day (weekly ones unless a holiday, plus exceptional ones), from given tables. */
export function openRanges(tables: RangeTables, holidays: ReadonlySet<number>, dayNumber: number, weekday: number): CompiledRange[] {
  const exceptional = tables.exceptional.get(dayNumber);
  if (holidays.has(dayNumber)) return exceptional ?? [];
  const weekly = tables.weekly[weekday] ?? [];
  let open: CompiledRange[] = weekly;
  for (const r of weekly) {
    if (r.validFrom > dayNumber || r.validTo < dayNumber) {
      open = weekly.filter((x) => x.validFrom <= dayNumber && x.validTo >= dayNumber);
      break;
    }
  }
  return exceptional === undefined ? open : open.concat(exceptional);
}
