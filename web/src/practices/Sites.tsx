/** Where the practice is and how patients get in: address, floor, digicode, parking, transport, a map link. */
import { Anchor, Stack, Text } from '@mantine/core';
import type { PracticeFile } from '../app/contracts.ts';
import { useT, type MessageKey } from '../app/i18n.tsx';

type Site = PracticeFile['sites'][number];

/** An OpenStreetMap link centred on the site: a link only, no map tiles loaded in the app. */
export function mapUrl(latitude: number, longitude: number): string {
  const lat = latitude.toFixed(6);
  const lon = longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=18/${lat}/${lon}`;
}

const ACCESS_FIELDS = [
  ['floor', 'site.floor'],
  ['digicode', 'site.digicode'],
  ['parking', 'site.parking'],
  ['transport', 'site.transport'],
  ['accessNotes', 'site.accessNotes'],
] as const satisfies readonly (readonly [keyof Site, MessageKey])[];

function SiteCard({ site }: { site: Site }) {
  const t = useT();
  return (
    <Stack gap={2} data-testid="practice-site">
      <Text fw={600} fz="sm">
        {site.label}
      </Text>
      <Text fz="sm">
        {site.addressLine}, {site.postalCode} {site.city}
      </Text>
      {ACCESS_FIELDS.map(([field, label]) =>
        site[field] ? (
          <Text key={field} fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            <Text span fw={500} fz="sm">
              {t(label)} :
            </Text>{' '}
            {site[field]}
          </Text>
        ) : null,
      )}
      {site.latitude !== null && site.longitude !== null && (
        <Anchor href={mapUrl(site.latitude, site.longitude)} target="_blank" rel="noopener noreferrer" fz="sm">
          {t('site.map')}
        </Anchor>
      )}
    </Stack>
  );
}

export function Sites({ sites }: { sites: Site[] }) {
  return (
    <Stack gap="sm">
      {sites.map((s) => (
        <SiteCard key={s.id} site={s} />
      ))}
    </Stack>
  );
}
