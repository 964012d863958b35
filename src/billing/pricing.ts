/**
 * A month of a contract priced from its usage: the invoice lines, each with the units (calls,
 * appointments, messages, SMS) it bills. Pure: versions and events in, lines out.
 *
 * Rules (stated once, applied everywhere):
 * - The month is split into segments, one per contract version in force (a version applies from its
 *   date; the contract's start and end dates bound it). Each event belongs to the segment of its local
 *   date in its practice's zone.
 * - Subscription and options are prorated by days in force (half-up to the cent); so is the included
 *   volume (half-up to the unit). A full month bills the plain amounts.
 * - In each segment the contract's units (answered calls, or appointments booked by the secretariat),
 *   oldest first, are first counted against the included volume (a line at 0 €, kept so that every unit
 *   is reconciled), then priced by graduated tiers (each unit at its own tier's price).
 * - Every answered call in a time band (holiday > Sunday > Saturday > evening) bears that band's surcharge.
 * - Per-item fees: each appointment booked, message taken, SMS sent.
 */
import { bandOf, BANDS, type Band, type Place } from './bands.ts';
import { prorate, divRound } from './money.ts';
import type { ContractTerms } from './terms.ts';
import { dateOfDayNumber, dayNumberOf, localDateOf } from '../core/time/local-time.ts';

export type UnitSource = 'call' | 'appointment' | 'message' | 'sms';

export interface UsageEvent {
  source: UnitSource;
  id: string;
  /** Instant, ms. */
  at: number;
  practiceId: string;
}

export interface PricedUnit {
  source: UnitSource;
  id: string;
  at: number;
}

export type LineKind = 'subscription' | 'units' | 'surcharge' | 'fee' | 'option' | 'free';

export interface PricedLine {
  kind: LineKind;
  code: string;
  label: string;
  quantity: number;
  unitPriceCents: number;
  netCents: number;
  vatRateBp: number;
  units: PricedUnit[];
}

export interface ContractVersion {
  validFrom: string;
  terms: ContractTerms;
}

export interface PriceMonthInput {
  /** 'YYYY-MM' */
  month: string;
  contract: { startsOn: string; endsOn: string | null };
  /** Sorted by validFrom. */
  versions: readonly ContractVersion[];
  places: ReadonlyMap<string, Place>;
  events: readonly UsageEvent[];
}

export interface Segment {
  from: string;
  to: string;
  days: number;
  terms: ContractTerms;
}

const BAND_LABEL: Record<Band, string> = {
  holiday: 'Majoration jour férié',
  sunday: 'Majoration dimanche',
  saturday: 'Majoration samedi',
  evening: 'Majoration soirée et nuit',
};

const UNIT_LABEL = { call: 'Appels traités', appointment: 'Rendez-vous pris' } as const;

/** First and last local dates of a month, and its length. */
export function monthDays(month: string): { first: string; last: string; days: number } {
  const first = `${month}-01`;
  const start = dayNumberOf(first);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = dayNumberOf(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`);
  return { first, last: dateOfDayNumber(next - 1), days: next - start };
}

/** The month before the one holding an instant in a zone, 'YYYY-MM'. */
export function lastMonthOf(now: number, zone = 'Europe/Paris'): string {
  const [y, m] = localDateOf(zone, now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The segments of a month, one per version in force, within the contract's dates. */
export function segmentsOf(input: Pick<PriceMonthInput, 'month' | 'contract' | 'versions'>): Segment[] {
  const { first, last } = monthDays(input.month);
  const from = Math.max(dayNumberOf(first), dayNumberOf(input.contract.startsOn));
  const to = Math.min(dayNumberOf(last), input.contract.endsOn === null ? Infinity : dayNumberOf(input.contract.endsOn));
  const out: Segment[] = [];
  input.versions.forEach((v, i) => {
    const next = input.versions[i + 1];
    const a = Math.max(from, dayNumberOf(v.validFrom));
    const b = Math.min(to, next ? dayNumberOf(next.validFrom) - 1 : Infinity);
    if (a <= b) out.push({ from: dateOfDayNumber(a), to: dateOfDayNumber(b), days: b - a + 1, terms: v.terms });
  });
  return out;
}

const short = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

function line(o: {
  kind: LineKind;
  code: string;
  label: string;
  unitPriceCents: number;
  vatRateBp: number;
  units?: PricedUnit[];
  quantity?: number;
}): PricedLine {
  const quantity = o.quantity ?? o.units?.length ?? 1;
  return {
    kind: o.kind,
    code: o.code,
    label: o.label,
    quantity,
    unitPriceCents: o.unitPriceCents,
    netCents: quantity * o.unitPriceCents,
    vatRateBp: o.vatRateBp,
    units: o.units ?? [],
  };
}

const unitOf = (e: UsageEvent): PricedUnit => ({ source: e.source, id: e.id, at: e.at });

function priceSegment(seg: Segment, monthLength: number, events: readonly UsageEvent[], places: ReadonlyMap<string, Place>): PricedLine[] {
  const t = seg.terms;
  const vatRateBp = t.vatRateBp;
  const partial = seg.days !== monthLength;
  const suffix = partial ? ` (du ${short(seg.from)} au ${short(seg.to)})` : '';
  const lines: PricedLine[] = [];
  if (t.subscriptionCents > 0) {
    lines.push(
      line({
        kind: 'subscription',
        code: 'SUB',
        label: `Abonnement mensuel${suffix}`,
        unitPriceCents: prorate(t.subscriptionCents, seg.days, monthLength),
        vatRateBp,
      }),
    );
  }
  for (const o of t.options) {
    lines.push(
      line({
        kind: 'option',
        code: `OPT-${o.code}`,
        label: `Option : ${o.label}${suffix}`,
        unitPriceCents: prorate(o.monthlyCents, seg.days, monthLength),
        vatRateBp,
      }),
    );
  }

  const volume = events.filter((e) => e.source === t.unit);
  const included = Math.min(volume.length, partial ? divRound(t.includedUnits * seg.days, monthLength) : t.includedUnits);
  const label = UNIT_LABEL[t.unit];
  if (included > 0) {
    lines.push(
      line({
        kind: 'units',
        code: `${t.unit.toUpperCase()}-INC`,
        label: `${label}, inclus dans l'abonnement${suffix}`,
        unitPriceCents: 0,
        vatRateBp,
        units: volume.slice(0, included).map(unitOf),
      }),
    );
  }
  let rest = volume.slice(included);
  let floor = 0;
  t.tiers.forEach((tier, i) => {
    const size = tier.upTo === null ? rest.length : Math.min(rest.length, tier.upTo - floor);
    if (size > 0) {
      const range = tier.upTo === null ? `au-delà de ${floor}` : `${floor + 1} à ${tier.upTo}`;
      const what = t.includedUnits > 0 ? (t.tiers.length > 1 ? `hors forfait, ${range}` : 'hors forfait') : t.tiers.length > 1 ? range : 'à l’unité';
      lines.push(
        line({
          kind: 'units',
          code: `${t.unit.toUpperCase()}-T${i + 1}`,
          label: `${label} ${what}${suffix}`,
          unitPriceCents: tier.unitCents,
          vatRateBp,
          units: rest.slice(0, size).map(unitOf),
        }),
      );
      rest = rest.slice(size);
    }
    floor = tier.upTo ?? floor;
  });
  if (rest.length > 0 && t.tiers.length === 0) {
    // No tier: units beyond the volume are not charged, but they are still reconciled.
    lines.push(
      line({
        kind: 'units',
        code: `${t.unit.toUpperCase()}-FREE`,
        label: `${label} au-delà du forfait, non facturés${suffix}`,
        unitPriceCents: 0,
        vatRateBp,
        units: rest.map(unitOf),
      }),
    );
  }

  const byBand = new Map<Band, PricedUnit[]>();
  for (const e of events) {
    if (e.source !== 'call') continue;
    const place = places.get(e.practiceId);
    if (!place) continue;
    const band = bandOf(e.at, place, t);
    if (band === null || t.surcharges[band] === 0) continue;
    const list = byBand.get(band) ?? [];
    list.push(unitOf(e));
    byBand.set(band, list);
  }
  for (const band of BANDS) {
    const units = byBand.get(band);
    if (units)
      lines.push(line({ kind: 'surcharge', code: `SUR-${band}`, label: `${BAND_LABEL[band]}${suffix}`, unitPriceCents: t.surcharges[band], vatRateBp, units }));
  }

  const fees: [UnitSource, number, string, string][] = [
    ['appointment', t.fees.appointmentBooked, 'FEE-APPT', 'Rendez-vous pris (frais par rendez-vous)'],
    ['message', t.fees.messageTaken, 'FEE-MSG', 'Messages transmis'],
    ['sms', t.fees.smsSent, 'FEE-SMS', 'SMS envoyés'],
  ];
  for (const [source, cents, code, text] of fees) {
    const units = events.filter((e) => e.source === source).map(unitOf);
    if (cents > 0 && units.length > 0) lines.push(line({ kind: 'fee', code, label: `${text}${suffix}`, unitPriceCents: cents, vatRateBp, units }));
  }
  return lines;
}

/** The priced lines of one month of a contract. */
export function priceMonth(input: PriceMonthInput): PricedLine[] {
  const { days } = monthDays(input.month);
  const sorted = [...input.events].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const lines: PricedLine[] = [];
  for (const seg of segmentsOf(input)) {
    const inSegment = sorted.filter((e) => {
      const place = input.places.get(e.practiceId);
      if (!place) return false;
      const date = localDateOf(place.zone, e.at);
      return date >= seg.from && date <= seg.to;
    });
    lines.push(...priceSegment(seg, days, inSegment, input.places));
  }
  return lines;
}
