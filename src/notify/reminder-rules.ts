/**
 * When to remind a patient of an appointment (pure). Counted in the practice's local days:
 * - booked for today or tomorrow → at once;
 * - booked more than `longLeadDays` days ahead → `longRemindDays` days before, at `remindTime`;
 * - otherwise → `shortRemindDays` days before, at `remindTime`;
 * - a motif may instead fix its own number of days before, or want no reminder at all.
 * Local days and wall times go through the zone, so a reminder across a DST change keeps its wall time.
 */
import { dateOfDayNumber, instantToLocal, localToInstant } from '../core/time/local-time.ts';

export interface ReminderSettings {
  enabled: boolean;
  longLeadDays: number;
  longRemindDays: number;
  shortRemindDays: number;
  /** 'HH:MM' local. */
  remindTime: string;
}

export interface MotifReminderSettings {
  enabled: boolean;
  daysBefore: number | null;
}

export type ReminderRule = 'long' | 'short' | 'immediate' | 'motif';

export interface PlannedReminder {
  rule: ReminderRule;
  dueAt: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: true,
  longLeadDays: 7,
  longRemindDays: 2,
  shortRemindDays: 1,
  remindTime: '10:00',
};

/** The reminder of an appointment starting at `start`, booked (or moved) at `bookedAt`; null for none. */
export function planReminder(p: {
  zone: string;
  bookedAt: number;
  start: number;
  settings: ReminderSettings;
  motif?: MotifReminderSettings | null;
  optedOut?: boolean;
}): PlannedReminder | null {
  if (!p.settings.enabled || p.optedOut || p.motif?.enabled === false) return null;
  if (p.start <= p.bookedAt) return null;
  const startDay = instantToLocal(p.zone, p.start).dayNumber;
  const lead = startDay - instantToLocal(p.zone, p.bookedAt).dayNumber;
  if (lead <= 1) return { rule: 'immediate', dueAt: p.bookedAt };
  const motifDays = p.motif?.daysBefore ?? null;
  const rule: ReminderRule = motifDays !== null ? 'motif' : lead > p.settings.longLeadDays ? 'long' : 'short';
  const days = motifDays ?? (rule === 'long' ? p.settings.longRemindDays : p.settings.shortRemindDays);
  const dueAt = localToInstant(p.zone, dateOfDayNumber(startDay - days), p.settings.remindTime);
  // Too late for the planned day (a motif asking for more days than the lead): remind at once.
  if (dueAt <= p.bookedAt) return { rule: 'immediate', dueAt: p.bookedAt };
  if (dueAt >= p.start) return { rule: 'immediate', dueAt: p.bookedAt };
  return { rule, dueAt };
}
