/**
 * The availability engine's data: what a practitioner's agenda rules look like once loaded, and
 * what the engine answers. Instants are epoch milliseconds (numbers); intervals are half-open
 * `[start, end)`. Wall times ('HH:MM') and dates ('YYYY-MM-DD') are local to `AgendaRules.timeZone`.
 */

/** A half-open interval of instants `[start, end)`, epoch milliseconds. Empty when `end <= start`. */
export interface Interval {
  start: number;
  end: number;
}

import type { IsoWeekday } from '../../core/time/local-time.ts';

export type { IsoWeekday };

/**
 * A weekly recurring opening range (plage), in local wall time.
 * `start` and `end` are 'HH:MM' (00:00–24:00, end after start, so a range never crosses midnight;
 * '24:00' means the next local midnight). `validFrom` / `validTo` are inclusive local dates.
 */
export interface WeeklyRange {
  id?: string;
  weekday: IsoWeekday;
  start: string;
  end: string;
  /** The motifs this range accepts; a slot for another motif is never offered here. */
  motifIds: readonly string[];
  validFrom?: string;
  validTo?: string;
  /** Urgent slots (créneaux d'urgence): held back, offered only with `includeUrgent` (see freeSlots). */
  urgent?: boolean;
}

/**
 * An opening range for one local date. It ADDS to that date's weekly ranges, and it opens even on a
 * public holiday (the only way to work on one). To close a day, enter an absence.
 */
export interface ExceptionalRange {
  id?: string;
  date: string;
  start: string;
  end: string;
  motifIds: readonly string[];
  urgent?: boolean;
}

/** Everything the engine needs to know about one practitioner's agenda. */
export interface AgendaRules {
  practitionerId: string;
  /** IANA zone of the practice, e.g. 'Europe/Paris', 'America/Martinique'. */
  timeZone: string;
  /** Agenda step in minutes (grid spacing). Default: the motif's duration. */
  stepMinutes?: number;
  weekly: readonly WeeklyRange[];
  exceptional: readonly ExceptionalRange[];
  /** Absences / congés as instants; any order, overlaps allowed. No slot overlaps one. */
  absences: readonly Interval[];
  /** Local dates 'YYYY-MM-DD' on which weekly ranges do not open (public holidays of the region). */
  holidays: ReadonlySet<string>;
}

/** An appointment type as far as the engine cares. `durationMinutes` is a positive integer. */
export interface Motif {
  id: string;
  durationMinutes: number;
}

/** A free slot: `[start, end)` with `end = start + duration`. `urgent` when only urgent ranges offer it. */
export interface Slot {
  practitionerId: string;
  start: number;
  end: number;
  urgent: boolean;
}

/** One practitioner's rules and busy intervals (appointments), for `nextFreeSlots`. */
export interface AgendaInput {
  rules: AgendaRules;
  /** Appointments, SORTED BY START ascending (overlaps allowed). A RangeError reports unsorted input. */
  busy: readonly Interval[];
}

export interface FreeSlotsOptions {
  /** Offer slots of urgent ranges (same-day booking); see `freeSlots`. Default false. */
  includeUrgent?: boolean;
  /** Slots starting before `now` are not offered. Also decides "same day" for urgent ranges. */
  now?: number;
}

/** Part of the day, in the practice's local time: morning = slot starts before 12:00, afternoon = from 12:00. */
export type PartOfDay = 'morning' | 'afternoon';

export interface NextFreeSlotsOptions extends FreeSlotsOptions {
  /** How many slots to return at most (≥ 1). */
  limit: number;
  /** Search window `[from, from + horizonDays × 24 h)`. Default 84 days. */
  horizonDays?: number;
  partOfDay?: PartOfDay;
  /** ISO weekdays (1 = Monday … 7 = Sunday) of the slot's local date. */
  weekdays?: readonly number[];
  /** Local date 'YYYY-MM-DD': only slots on this date or later (in each practitioner's zone). */
  notBefore?: string;
}

/** Why a booking does not fit the rules (for a 422 answer), in the order they are checked. */
export type RuleViolation = 'in_past' | 'absence' | 'holiday' | 'motif_not_accepted' | 'outside_opening_hours';

export interface RuleViolationOptions {
  now: number;
  /** An agent forcing a booking with a written reason: waives `motif_not_accepted` and `outside_opening_hours`. */
  force?: boolean;
  /** Let urgent ranges accept the booking (same local day as `now` only). Default false. */
  includeUrgent?: boolean;
}
