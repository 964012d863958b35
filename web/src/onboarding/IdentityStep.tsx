/**
 * Onboarding, first step: the client practice's legal identity (SIREN/SIRET checked by the server), its
 * first site with access directions and map position, its forwarded number and service hours. Saving
 * creates the practice; the flow then resumes from its address (/onboarding/:id).
 */
import { useState } from 'react';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from '../app/api.ts';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { navigate } from '../app/router.ts';
import { regionLabel } from '../app/labels.ts';
import type { PracticeFile } from '../app/contracts.ts';
import { REGION_CODES } from '../../../src/core/time/regions.ts';
import { ApiError } from '../app/api.ts';

const FIELDS = [
  'name',
  'legalName',
  'siren',
  'siret',
  'addressLine',
  'postalCode',
  'city',
  'floor',
  'digicode',
  'parking',
  'transport',
  'latitude',
  'longitude',
  'number',
  'weekdays',
  'saturday',
] as const;
type Field = (typeof FIELDS)[number];

/** "08:00-19:00" → [["08:00","19:00"]]; empty → []. */
function ranges(text: string): string[][] {
  return text
    .split(/[,;]/)
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => r.split('-').map((x) => x.trim()));
}

/** The server names fields by their path in the body ("sites.0.postalCode", "numbers.0.e164"): shown on the form's field. */
function errorsByField(error: unknown): Partial<Record<Field, string>> {
  if (!(error instanceof ApiError)) return {};
  const out: Partial<Record<Field, string>> = {};
  const issues = error.issues.length ? error.issues : error.field ? [{ field: error.field, message: error.message }] : [];
  for (const { field, message } of issues) {
    const last = field.split('.').pop() ?? field;
    const key: Field | undefined = field.startsWith('numbers')
      ? 'number'
      : field.startsWith('serviceHours')
        ? 'weekdays'
        : (FIELDS as readonly string[]).includes(last)
          ? (last as Field)
          : undefined;
    if (key) out[key] ??= message;
  }
  return out;
}

export function IdentityStep() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [v, setV] = useState<Record<Field, string>>({
    name: '',
    legalName: '',
    siren: '',
    siret: '',
    addressLine: '',
    postalCode: '',
    city: '',
    floor: '',
    digicode: '',
    parking: '',
    transport: '',
    latitude: '',
    longitude: '',
    number: '',
    weekdays: '08:00-12:00, 14:00-19:00',
    saturday: '',
  });
  const [region, setRegion] = useState<string>('metropole');
  const create = useMutation({
    mutationFn: () => {
      const week = ranges(v.weekdays);
      const position =
        v.latitude.trim() && v.longitude.trim() ? { latitude: Number(v.latitude.replace(',', '.')), longitude: Number(v.longitude.replace(',', '.')) } : {};
      return post<PracticeFile>('/api/practices', {
        name: v.name,
        legalName: v.legalName,
        siren: v.siren.replace(/\s/g, ''),
        siret: v.siret.trim() ? v.siret.replace(/\s/g, '') : null,
        region,
        serviceHours: { mon: week, tue: week, wed: week, thu: week, fri: week, sat: ranges(v.saturday), sun: [] },
        sites: [
          {
            label: t('onboarding.mainSite'),
            addressLine: v.addressLine,
            postalCode: v.postalCode,
            city: v.city,
            floor: v.floor,
            digicode: v.digicode,
            parking: v.parking,
            transport: v.transport,
            ...position,
          },
        ],
        numbers: v.number.trim() ? [{ e164: v.number, label: t('onboarding.mainLine') }] : [],
      });
    },
    onSuccess: (practice) => {
      void qc.invalidateQueries({ queryKey: ['practices'] });
      navigate(`/onboarding/${practice.id}`);
    },
  });
  const errors = errorsByField(create.error);
  const input = (field: Field, required = false, extra: { placeholder?: string; description?: string } = {}) => (
    <TextInput
      label={t(`onboarding.field.${field}` as MessageKey)}
      name={field}
      required={required}
      value={v[field]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setV((s) => ({ ...s, [field]: value }));
      }}
      error={errors[field]}
      {...extra}
    />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="md" data-testid="onboarding-identity">
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t('onboarding.identity')}
          </Title>
          <SimpleGrid cols={2} spacing="sm">
            {input('name', true)}
            {input('legalName', true)}
            {input('siren', true, { description: t('onboarding.sirenHelp') })}
            {input('siret', false, { description: t('onboarding.siretHelp') })}
            <Select
              label={t('onboarding.field.region' as MessageKey)}
              data={REGION_CODES.map((r) => ({ value: r, label: regionLabel(r) }))}
              value={region}
              onChange={(r) => r && setRegion(r)}
              allowDeselect={false}
            />
            {input('number', false, { description: t('onboarding.numberHelp') })}
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t('onboarding.site')}
          </Title>
          <SimpleGrid cols={3} spacing="sm">
            {input('addressLine', true)}
            {input('postalCode', true)}
            {input('city', true)}
            {input('floor')}
            {input('digicode')}
            {input('parking')}
            {input('transport')}
            {input('latitude', false, { placeholder: '48.8566' })}
            {input('longitude', false, { placeholder: '2.3522' })}
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t('onboarding.hours')}
          </Title>
          <SimpleGrid cols={2} spacing="sm">
            {input('weekdays', false, { description: t('onboarding.hoursHelp') })}
            {input('saturday')}
          </SimpleGrid>
        </Paper>
        {create.isError && Object.keys(errors).length === 0 && <Alert color="red">{errorText(create.error, t)}</Alert>}
        {create.isError && Object.keys(errors).length > 0 && (
          <Alert color="red" data-testid="onboarding-errors">
            {t('onboarding.fixFields')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending} data-testid="onboarding-create">
            {t('onboarding.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
