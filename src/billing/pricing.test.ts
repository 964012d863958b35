/** Pricing: tiers, surcharges on a Martinique holiday and across the DST change, mid-month contract change, rounding. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { priceMonth, type UsageEvent } from './pricing.ts';
import { bandOf, type Place } from './bands.ts';
import { totalsOf } from './totals.ts';
import { divRound, euros, prorate } from './money.ts';
import { frenchVatNumber, invoiceNumber } from './numbering.ts';
import { zContractTerms, type TermsInput } from './terms.ts';
import { localToInstant } from '../core/time/local-time.ts';

const base: TermsInput = {
  unit: 'call',
  subscriptionCents: 0,
  includedUnits: 0,
  tiers: [{ upTo: null, unitCents: 90 }],
  surcharges: { evening: 0, saturday: 0, sunday: 0, holiday: 0 },
  eveningFrom: '19:00',
  morningUntil: '08:00',
  fees: { appointmentBooked: 0, messageTaken: 0, smsSent: 0 },
  options: [],
  revision: null,
};
const terms = (over: Partial<TermsInput> = {}) => zContractTerms.parse({ ...base, ...over });
const PARIS = { zone: 'Europe/Paris', region: 'metropole' as const };
const MARTINIQUE = { zone: 'America/Martinique', region: 'martinique' as const };
const places = new Map<string, Place>([
  ['paris', PARIS],
  ['fdf', MARTINIQUE],
]);
const contract = { startsOn: '2026-01-01', endsOn: null };
let n = 0;
const call = (practiceId: string, zone: string, date: string, time: string): UsageEvent => ({
  source: 'call',
  id: `c${++n}`,
  at: localToInstant(zone, date, time),
  practiceId,
});
const weekdayCalls = (count: number) =>
  Array.from({ length: count }, (_, i) => call('paris', 'Europe/Paris', `2026-11-${String(2 + (i % 4)).padStart(2, '0')}`, '10:00'));

describe('pricing', () => {
  it('prices units beyond the included volume by graduated tiers, and reconciles every unit', () => {
    const t = terms({
      subscriptionCents: 60_000,
      includedUnits: 100,
      tiers: [
        { upTo: 200, unitCents: 90 },
        { upTo: 500, unitCents: 75 },
        { upTo: null, unitCents: 60 },
      ],
    });
    const events = weekdayCalls(450);
    const lines = priceMonth({ month: '2026-11', contract, versions: [{ validFrom: '2026-01-01', terms: t }], places, events });
    assert.deepEqual(
      lines.map((l) => [l.code, l.quantity, l.unitPriceCents, l.netCents]),
      [
        ['SUB', 1, 60_000, 60_000],
        ['CALL-INC', 100, 0, 0],
        ['CALL-T1', 200, 90, 18_000],
        ['CALL-T2', 150, 75, 11_250],
      ],
    );
    const billed = lines.flatMap((l) => (l.kind === 'units' ? l.units.map((u) => u.id) : []));
    assert.equal(new Set(billed).size, 450);
    assert.deepEqual(new Set(billed), new Set(events.map((e) => e.id)));
  });

  it('surcharges a call on 22 May in Martinique (abolition of slavery) but not the same day in Paris', () => {
    const t = terms({ surcharges: { evening: 20, saturday: 30, sunday: 50, holiday: 70 } });
    assert.equal(bandOf(localToInstant('America/Martinique', '2026-05-22', '10:00'), MARTINIQUE, t), 'holiday');
    assert.equal(bandOf(localToInstant('Europe/Paris', '2026-05-22', '10:00'), PARIS, t), null);
    const events = [
      call('fdf', 'America/Martinique', '2026-05-22', '10:00'),
      call('paris', 'Europe/Paris', '2026-05-22', '10:00'),
      call('paris', 'Europe/Paris', '2026-05-23', '10:00'),
    ];
    const lines = priceMonth({ month: '2026-05', contract, versions: [{ validFrom: '2026-01-01', terms: t }], places, events });
    const sur = lines.filter((l) => l.kind === 'surcharge').map((l) => [l.code, l.quantity, l.netCents, l.units.map((u) => u.id)]);
    assert.deepEqual(sur, [
      ['SUR-holiday', 1, 70, [events[0]!.id]],
      ['SUR-saturday', 1, 30, [events[2]!.id]],
    ]);
  });

  it('reads the evening band in local time across the end of summer time (25 October 2026)', () => {
    const t = terms({ surcharges: { evening: 25, saturday: 0, sunday: 0, holiday: 0 } });
    // 17:30 UTC is 19:30 in Paris on Friday 23 (UTC+2) but 18:30 on Monday 26 (UTC+1).
    const before = { source: 'call' as const, id: 'before', at: Date.parse('2026-10-23T17:30:00Z'), practiceId: 'paris' };
    const after = { source: 'call' as const, id: 'after', at: Date.parse('2026-10-26T17:30:00Z'), practiceId: 'paris' };
    const late = { source: 'call' as const, id: 'late', at: Date.parse('2026-10-26T18:00:00Z'), practiceId: 'paris' };
    const lines = priceMonth({ month: '2026-10', contract, versions: [{ validFrom: '2026-01-01', terms: t }], places, events: [before, after, late] });
    const evening = lines.find((l) => l.code === 'SUR-evening');
    assert.deepEqual(
      evening?.units.map((u) => u.id),
      ['before', 'late'],
    );
  });

  it('splits a month at a contract change: each part prorated, each call priced by the version of its day', () => {
    const v1 = terms({ subscriptionCents: 60_000, includedUnits: 300, tiers: [{ upTo: null, unitCents: 90 }] });
    const v2 = terms({ subscriptionCents: 90_000, includedUnits: 600, tiers: [{ upTo: null, unitCents: 70 }] });
    const events = [
      ...Array.from({ length: 160 }, () => call('paris', 'Europe/Paris', '2026-11-10', '10:00')),
      ...Array.from({ length: 310 }, () => call('paris', 'Europe/Paris', '2026-11-20', '10:00')),
    ];
    const lines = priceMonth({
      month: '2026-11',
      contract,
      versions: [
        { validFrom: '2026-01-01', terms: v1 },
        { validFrom: '2026-11-16', terms: v2 },
      ],
      places,
      events,
    });
    assert.deepEqual(
      lines.map((l) => [l.label, l.quantity, l.unitPriceCents]),
      [
        ['Abonnement mensuel (du 01/11 au 15/11)', 1, 30_000],
        ["Appels traités, inclus dans l'abonnement (du 01/11 au 15/11)", 150, 0],
        ['Appels traités hors forfait (du 01/11 au 15/11)', 10, 90],
        ['Abonnement mensuel (du 16/11 au 30/11)', 1, 45_000],
        ["Appels traités, inclus dans l'abonnement (du 16/11 au 30/11)", 300, 0],
        ['Appels traités hors forfait (du 16/11 au 30/11)', 10, 70],
      ],
    );
  });

  it('starts billing on the contract start date, prorated', () => {
    const t = terms({ subscriptionCents: 65_000, tiers: [] });
    const lines = priceMonth({
      month: '2026-11',
      contract: { startsOn: '2026-11-24', endsOn: null },
      versions: [{ validFrom: '2026-11-24', terms: t }],
      places,
      events: [],
    });
    // 650 € × 7 / 30 = 151.666… → 151.67
    assert.deepEqual(
      lines.map((l) => [l.label, l.netCents]),
      [['Abonnement mensuel (du 24/11 au 30/11)', 15_167]],
    );
  });

  it('rounds VAT on each rate total, not line by line (EN 16931 BR-CO-17)', () => {
    const t = totalsOf([
      { netCents: 13, vatRateBp: 2000 },
      { netCents: 13, vatRateBp: 2000 },
      { netCents: 13, vatRateBp: 2000 },
    ]);
    // Per line it would be 3 × 0.03 = 0.09; on the basis 0.39 × 20 % = 0.078 → 0.08.
    assert.deepEqual(t, { netCents: 39, vatCents: 8, grossCents: 47, vat: [{ rateBp: 2000, basisCents: 39, vatCents: 8 }] });
    assert.equal(divRound(5, 2), 3);
    assert.equal(divRound(-5, 2), -3);
    assert.equal(prorate(100, 1, 3), 33);
    assert.equal(euros(123456789), '1 234 567,89 €');
  });

  it('refuses tiers that do not grow or end bounded', () => {
    assert.equal(zContractTerms.safeParse({ ...base, tiers: [{ upTo: 100, unitCents: 90 }] }).success, false);
    assert.equal(
      zContractTerms.safeParse({
        ...base,
        tiers: [
          { upTo: 100, unitCents: 90 },
          { upTo: 50, unitCents: 80 },
          { upTo: null, unitCents: 70 },
        ],
      }).success,
      false,
    );
  });

  it('numbers invoices and derives French VAT numbers', () => {
    assert.equal(invoiceNumber('F', 2026, 42), 'F-2026-00042');
    assert.equal(frenchVatNumber('732829320'), 'FR44732829320');
  });
});
