/**
 * The regions that decide a practice's public holidays, each with the date-holidays code that
 * knows them and the usual time zone.
 */
export const REGIONS = {
  metropole: { label: 'France métropolitaine', holidays: { country: 'FR' }, timeZone: 'Europe/Paris' },
  'alsace-moselle': { label: 'Alsace-Moselle', holidays: { country: 'FR', state: '67' }, timeZone: 'Europe/Paris' },
  guadeloupe: { label: 'Guadeloupe', holidays: { country: 'FR', state: 'GP' }, timeZone: 'America/Guadeloupe' },
  martinique: { label: 'Martinique', holidays: { country: 'FR', state: 'MQ' }, timeZone: 'America/Martinique' },
  guyane: { label: 'Guyane', holidays: { country: 'FR', state: 'GF' }, timeZone: 'America/Cayenne' },
  reunion: { label: 'La Réunion', holidays: { country: 'FR', state: 'RE' }, timeZone: 'Indian/Reunion' },
  mayotte: { label: 'Mayotte', holidays: { country: 'FR', state: 'YT' }, timeZone: 'Indian/Mayotte' },
  'saint-martin': { label: 'Saint-Martin', holidays: { country: 'FR', state: 'MF' }, timeZone: 'America/Marigot' },
  'saint-barthelemy': { label: 'Saint-Barthélemy', holidays: { country: 'FR', state: 'BL' }, timeZone: 'America/St_Barthelemy' },
} as const;

export type Region = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as [Region, ...Region[]];

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}
