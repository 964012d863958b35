/**
 * The demo's ~5,000 patients: French identities fit for their region and their practice (children at the
 * paediatrician's, mothers-to-be at the midwife's), siblings sharing a phone and an address, mobiles in
 * E.164, birth places as INSEE codes. Most identities are provisional (taken by phone), some qualified.
 */
import { randomUUID } from 'node:crypto';
import type { Region } from '../core/time/regions.ts';
import { identityKey, patientSearchName } from '../patients/identity.ts';
import { searchKey } from '../core/text.ts';
import { ABROAD_BIRTH_PLACES, OTHER_BIRTH_PLACES, type PracticeKind, type Town } from './data/practices.ts';
import { OVERSEAS_STREETS, PATIENT_NOTES, STREETS } from './data/streets.ts';
import { fakePhone } from './identifiers.ts';
import { insertRows } from './insert.ts';
import { givenName, givenNames, isOverseas, surname, type Sex } from './people.ts';
import type { Rng } from './random.ts';
import type { DemoPart, DemoPractice } from './state.ts';
import { systemClock } from '../core/time/clock.ts';

export const DEMO_PATIENT_COUNT = 5000;

/** Ages are counted at this date, so that the demo is the same whatever the day it is seeded. */
const REFERENCE_YEAR = 2025;

/** Patients per practitioner, relative, by kind of practice. */
const LOAD: Record<PracticeKind, number> = {
  general: 1.4,
  pediatrics: 1.3,
  dental: 1,
  physio: 0.7,
  ophthalmology: 1.3,
  maternity: 0.6,
  nursing: 0.5,
  cardiology: 0.9,
  speech: 0.45,
  specialist: 0.9,
};

type Band = readonly [minAge: number, maxAge: number, weight: number];
const AGES: Record<PracticeKind, readonly Band[]> = {
  general: [
    [0, 14, 14],
    [15, 29, 16],
    [30, 44, 19],
    [45, 59, 20],
    [60, 74, 18],
    [75, 98, 13],
  ],
  pediatrics: [
    [0, 2, 30],
    [3, 6, 28],
    [7, 11, 25],
    [12, 17, 17],
  ],
  dental: [
    [4, 17, 20],
    [18, 39, 28],
    [40, 64, 34],
    [65, 90, 18],
  ],
  physio: [
    [12, 24, 14],
    [25, 44, 30],
    [45, 64, 33],
    [65, 90, 23],
  ],
  ophthalmology: [
    [4, 17, 14],
    [18, 44, 20],
    [45, 64, 28],
    [65, 95, 38],
  ],
  maternity: [
    [18, 24, 14],
    [25, 34, 52],
    [35, 44, 26],
    [45, 70, 8],
  ],
  nursing: [
    [18, 54, 12],
    [55, 74, 35],
    [75, 99, 53],
  ],
  cardiology: [
    [30, 49, 15],
    [50, 64, 30],
    [65, 79, 35],
    [80, 96, 20],
  ],
  speech: [
    [3, 6, 35],
    [7, 14, 48],
    [15, 59, 5],
    [60, 92, 12],
  ],
  specialist: [
    [2, 17, 12],
    [18, 44, 30],
    [45, 64, 32],
    [65, 94, 26],
  ],
};

const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 40],
  ['orange.fr', 15],
  ['hotmail.fr', 10],
  ['yahoo.fr', 7],
  ['free.fr', 8],
  ['laposte.net', 5],
  ['sfr.fr', 5],
  ['outlook.fr', 5],
  ['icloud.com', 5],
];

function mobilePrefixes(region: Region): readonly string[] {
  if (region === 'martinique') return ['+596696', '+596697'];
  if (region === 'reunion') return ['+262692', '+262693'];
  return ['+336', '+336', '+337'];
}

/** How many patients each practice gets, summing exactly to total. */
export function patientsPerPractice(practices: readonly DemoPractice[], total: number): number[] {
  const weights = practices.map((p) => LOAD[p.data.kind] * p.data.team.reduce((n, m) => n + m.count, 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i]!++;
  return counts;
}

function ageFor(rng: Rng, kind: PracticeKind): number {
  const [min, max] = rng.weighted(AGES[kind].map((b) => [b, b[2]] as const));
  return rng.int(min, max);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A birth date for someone `age` years old at mid-REFERENCE_YEAR. */
function birthDateFor(rng: Rng, age: number): string {
  const start = Date.UTC(REFERENCE_YEAR - age - 1, 6, 1);
  return isoDate(start + rng.int(0, 364) * 86_400_000);
}

function emailFor(rng: Rng, first: string, last: string, birthDate: string): string {
  const f = searchKey(first).replace(/ /g, '-');
  const l = searchKey(last).replace(/ /g, '');
  const local = rng.weighted<string>([
    [`${f}.${l}`, 45],
    [`${f}.${l}${birthDate.slice(2, 4)}`, 20],
    [`${f[0]}${l}`, 15],
    [`${l}.${f}`, 10],
    [`${f}${l}${rng.int(1, 99)}`, 10],
  ]);
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
}

function birthPlace(rng: Rng, region: Region, catchment: readonly Town[], age: number): string | null {
  const local = isOverseas(region) ? 70 : 45;
  const abroad = isOverseas(region) ? 2 : age >= 25 ? 12 : 4;
  const where = rng.weighted<'local' | 'france' | 'abroad' | 'unknown'>([
    ['local', local],
    ['france', 90 - local - abroad],
    ['abroad', abroad],
    ['unknown', 10],
  ]);
  if (where === 'unknown') return null;
  return (where === 'local' ? rng.pick(catchment) : where === 'abroad' ? rng.pick(ABROAD_BIRTH_PLACES) : rng.pick(OTHER_BIRTH_PLACES))[2];
}

interface Household {
  birthName: string;
  mobilePhone: string | null;
  address: { line: string; postalCode: string; city: string } | null;
}

const COLUMNS = [
  'id',
  'organisation_id',
  'practice_id',
  'birth_name',
  'first_given_name',
  'given_names',
  'usual_name',
  'birth_date',
  'sex',
  'birth_place_insee',
  'identity_status',
  'mobile_phone',
  'email',
  'address_line',
  'postal_code',
  'city',
  'note',
  'search_name',
  'created_at',
] as const;

export const patientsPart: DemoPart = {
  name: 'patients',
  async run(db, rng, state) {
    const phones = new Set<string>();
    const identities = new Set<string>();
    const rows: unknown[][] = [];
    const counts = patientsPerPractice(state.practices, DEMO_PATIENT_COUNT);
    const seededAt = systemClock.nowMs();
    state.practices.forEach((practice, index) => {
      const { region, kind, catchment } = practice.data;
      const streets = region === 'martinique' || region === 'reunion' ? OVERSEAS_STREETS[region] : STREETS;
      let previous: (Household & { birthYear: number }) | null = null;
      for (let made = 0; made < counts[index]!;) {
        const sex: Sex = kind === 'maternity' || rng.chance(kind === 'nursing' ? 0.6 : 0.52) ? 'F' : 'M';
        // Children often come with a brother or sister: same family name, phone and address.
        const sibling: boolean = previous !== null && (kind === 'pediatrics' || kind === 'general' || kind === 'dental') && rng.chance(0.12);
        const age: number = sibling ? Math.max(0, REFERENCE_YEAR - previous!.birthYear + rng.pick([-5, -4, -3, -2, 2, 3, 4])) : ageFor(rng, kind);
        if (sibling && age > 17) continue;
        const birthDate = birthDateFor(rng, age);
        const birthYear = Number(birthDate.slice(0, 4));
        const first = givenName(rng, sex, birthYear, region);
        const birthName: string = sibling
          ? previous!.birthName
          : rng.chance(birthYear >= 2005 ? 0.08 : birthYear >= 1990 ? 0.03 : 0)
            ? `${surname(rng, region)}-${surname(rng, region)}`
            : surname(rng, region);
        const key = `${practice.id}|${identityKey({ birthName, firstGivenName: first, birthDate })}`;
        if (identities.has(key) || birthName.split('-')[0] === birthName.split('-')[1]) continue;
        identities.add(key);
        const names = givenNames(rng, sex, first, birthYear);
        let usualName: string | null = null;
        if (sex === 'F' && age >= 24 && rng.chance(age >= 45 ? 0.55 : 0.35)) {
          do usualName = surname(rng, region);
          while (usualName === birthName);
        }
        const household: Household = sibling
          ? previous!
          : {
              birthName,
              mobilePhone: rng.chance(age >= 80 ? 0.75 : 0.93) ? fakePhone(rng, rng.pick(mobilePrefixes(region)), phones) : null,
              address: rng.chance(0.96)
                ? (() => {
                    const [postalCode, city] = rng.weighted(catchment.map((t, i) => [t, i === 0 ? catchment.length : 1] as const));
                    const number = rng.int(1, 140);
                    return { line: `${number}${rng.chance(0.06) ? ' bis' : ''} ${rng.pick(streets)}`, postalCode, city };
                  })()
                : null,
            };
        const email = age >= 18 && rng.chance(age >= 75 ? 0.2 : 0.55) ? emailFor(rng, first, usualName ?? birthName, birthDate) : null;
        const insee = birthPlace(rng, region, catchment, age);
        const qualified = insee !== null && rng.chance(0.2);
        rows.push([
          randomUUID(),
          state.organisationId,
          practice.id,
          birthName,
          first,
          names,
          usualName,
          birthDate,
          sex,
          insee,
          qualified ? 'qualified' : 'provisional',
          household.mobilePhone,
          email,
          household.address?.line ?? null,
          household.address?.postalCode ?? null,
          household.address?.city ?? null,
          rng.chance(0.04) ? rng.pick(PATIENT_NOTES) : null,
          patientSearchName({ birthName, usualName, firstGivenName: first, givenNames: names }),
          new Date(seededAt - rng.int(0, 5 * 365) * 86_400_000),
        ]);
        previous = age <= 17 ? { ...household, birthName, birthYear } : null;
        made++;
      }
    });
    await insertRows(db, 'patients', COLUMNS, rows);
    state.patientCount += rows.length;
  },
};
