/** The demo's ~30 client practices: legal identity, sites with access directions, forwarded numbers, service hours. */
import { randomUUID } from 'node:crypto';
import { REGIONS } from '../core/time/regions.ts';
import { searchKey } from '../core/text.ts';
import type { ServiceHours, TimeRange } from '../practices/service-hours.ts';
import { PRACTICES, type HoursPreset } from './data/practices.ts';
import { fakePhone, fakeSiren, siretOf } from './identifiers.ts';
import { insertRows } from './insert.ts';
import type { DemoPart } from './state.ts';

function week(weekday: TimeRange[], saturday: TimeRange[] = []): ServiceHours {
  return { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: saturday, sun: [] };
}

export const SERVICE_HOURS: Record<HoursPreset, ServiceHours> = {
  weekdays: week([['08:00', '19:00']]),
  weekdays_saturday: week([['08:00', '19:00']], [['08:00', '12:00']]),
  split: week([
    ['08:30', '12:30'],
    ['14:00', '19:00'],
  ]),
  long: week([['07:30', '20:00']], [['08:00', '12:00']]),
  martinique: week([['07:00', '18:00']], [['07:30', '12:00']]),
  reunion: week([['07:30', '18:00']], [['08:00', '12:00']]),
};

const GENERIC_WORDS = new Set(['cabinet', 'centre', 'maison', 'medical', 'medicale', 'de', 'la', 'l', 'des', 'du', 'd', 'sante', 'pluriprofessionnelle']);

/** "Cabinet médical de la Savane" → "savane.fr", "Cabinet dentaire des Abbesses" → "dentaire-des-abbesses.fr". */
function emailDomain(name: string): string {
  const words = searchKey(name).split(' ');
  while (words.length > 1 && GENERIC_WORDS.has(words[0]!)) words.shift();
  return `${words.join('-')}.fr`;
}

export const practicesPart: DemoPart = {
  name: 'practices',
  async run(db, rng, state) {
    const taken = new Set<string>();
    const practices: unknown[][] = [];
    const sites: unknown[][] = [];
    const numbers: unknown[][] = [];
    for (const p of PRACTICES) {
      const id = randomUUID();
      const timeZone = REGIONS[p.region].timeZone;
      const siren = fakeSiren(rng);
      const main = fakePhone(rng, rng.pick(p.phonePrefixes), taken);
      practices.push([
        id,
        state.organisationId,
        p.name,
        p.legalName,
        siren,
        siretOf(siren, rng.int(1, 3)),
        p.region,
        timeZone,
        JSON.stringify(SERVICE_HOURS[p.hours]),
        main,
        `secretariat@${emailDomain(p.name)}`,
      ]);
      p.sites.forEach((s, position) => {
        sites.push([
          randomUUID(),
          id,
          s.label,
          s.addressLine,
          s.postalCode,
          s.city,
          s.floor,
          s.digicode,
          s.parking,
          s.transport,
          s.accessNotes,
          s.latitude,
          s.longitude,
          position,
        ]);
        numbers.push([position === 0 ? main : fakePhone(rng, rng.pick(p.phonePrefixes), taken), id, position === 0 ? 'Standard' : s.label]);
      });
      // Busy group practices give the secretariat a second line for appointments.
      if (p.team.reduce((n, m) => n + m.count, 0) >= 3) numbers.push([fakePhone(rng, rng.pick(p.phonePrefixes), taken), id, 'Ligne rendez-vous']);
      state.practices.push({ id, key: p.key, timeZone, data: p });
    }
    await insertRows(
      db,
      'practices',
      ['id', 'organisation_id', 'name', 'legal_name', 'siren', 'siret', 'region', 'time_zone', 'service_hours', 'phone', 'email'],
      practices,
    );
    await insertRows(
      db,
      'practice_sites',
      [
        'id',
        'practice_id',
        'label',
        'address_line',
        'postal_code',
        'city',
        'floor',
        'digicode',
        'parking',
        'transport',
        'access_notes',
        'latitude',
        'longitude',
        'position',
      ],
      sites,
    );
    await insertRows(db, 'practice_numbers', ['e164', 'practice_id', 'label'], numbers);
  },
};
