/**
 * Writes an iCalendar (RFC 5545) document for a practitioner's appointments. Pure: no I/O, no clock.
 * Each appointment keeps one UID for life; its SEQUENCE grows with every move and with its cancellation, so
 * that calendar clients replace the event they hold instead of adding a new one.
 */

export type PatientLabel = 'full_name' | 'initials' | 'none';

export interface CalendarAppointment {
  id: string;
  start: string;
  end: string;
  status: 'booked' | 'honoured' | 'cancelled' | 'no_show';
  /** Number of moves so far. */
  moves: number;
  updatedAt: string;
  motifLabel: string;
  /** "BIRTHNAME Given" as the agenda lists it. */
  patientName: string;
}

export interface CalendarOptions {
  name: string;
  label: PatientLabel;
  /** The host part of every UID (stable across deployments of one site). */
  uidDomain: string;
  /** DTSTAMP: when the document was produced. */
  stamp: string;
}

/** "DUPONT Jean" → "J. D."; the given name is the last word, the family name the first. */
export function initials(patientName: string): string {
  const words = patientName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const given = words[words.length - 1]!;
  const family = words[0]!;
  return words.length === 1 ? `${family[0]!.toUpperCase()}.` : `${given[0]!.toUpperCase()}. ${family[0]!.toUpperCase()}.`;
}

export function patientLabel(patientName: string, label: PatientLabel): string | null {
  if (label === 'full_name') return patientName;
  if (label === 'initials') return initials(patientName);
  return null;
}

/** SEQUENCE: 0 when booked, +1 per move, +1 when cancelled. */
export function sequenceOf(a: Pick<CalendarAppointment, 'moves' | 'status'>): number {
  return a.moves + (a.status === 'cancelled' ? 1 : 0);
}

/** 2026-03-01T08:00:00.000Z → 20260301T080000Z */
export function icsInstant(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT escaping (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function event(a: CalendarAppointment, o: CalendarOptions): string[] {
  const who = patientLabel(a.patientName, o.label);
  const summary = who ? `${a.motifLabel} — ${who}` : a.motifLabel;
  return [
    'BEGIN:VEVENT',
    `UID:${a.id}@${o.uidDomain}`,
    `DTSTAMP:${icsInstant(o.stamp)}`,
    `LAST-MODIFIED:${icsInstant(a.updatedAt)}`,
    `DTSTART:${icsInstant(a.start)}`,
    `DTEND:${icsInstant(a.end)}`,
    `SEQUENCE:${sequenceOf(a)}`,
    `STATUS:${a.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(summary)}`,
    'TRANSP:OPAQUE',
    'CLASS:PRIVATE',
    'END:VEVENT',
  ];
}

export function renderCalendar(appointments: readonly CalendarAppointment[], o: CalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Relais//Agenda//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(o.name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
    'X-PUBLISHED-TTL:PT15M',
    ...appointments.flatMap((a) => event(a, o)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
