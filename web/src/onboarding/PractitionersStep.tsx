/**
 * Onboarding: the practice's practitioners (RPPS checked by the server), and for each his motifs and his
 * weekly opening ranges bound to them, drawn as weekdays × hours.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { professionLabel, specialtyLabel } from '../app/labels.ts';
import type { PracticeFile } from '../app/contracts.ts';
import { PROFESSION_CODES, SPECIALTIES } from '../../../src/practitioners/professions.ts';
import { practitionerName } from '../practices/Practitioners.tsx';
import { fieldErrors, isFieldError } from '../admin/form-errors.ts';
import { createMotif, createPractitioner, createWeeklyRange, useOnboardingWrite, type MotifDto, type RangeDto } from './api.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function AddPractitioner({ practiceId }: { practiceId: string }) {
  const { t, locale } = useI18n();
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [profession, setProfession] = useState('medecin');
  const [specialty, setSpecialty] = useState<string | null>('medecine_generale');
  const [rpps, setRpps] = useState('');
  const add = useOnboardingWrite(() =>
    createPractitioner({
      firstName,
      lastName,
      profession,
      specialty: profession === 'medecin' ? specialty : null,
      rpps: rpps.replace(/\s/g, ''),
      practiceIds: [practiceId],
    }),
  );
  const errors = fieldErrors(add.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(undefined, {
          onSuccess: () => {
            setFirstName('');
            setLastName('');
            setRpps('');
          },
        });
      }}
    >
      <Group align="start" gap="sm" data-testid="add-practitioner">
        <TextInput
          label={t('onboarding.firstName')}
          name="firstName"
          required
          value={firstName}
          onChange={(e) => setFirstName(e.currentTarget.value)}
          error={errors['firstName']}
        />
        <TextInput
          label={t('onboarding.lastName')}
          name="lastName"
          required
          value={lastName}
          onChange={(e) => setLastName(e.currentTarget.value)}
          error={errors['lastName']}
        />
        <Select
          w={200}
          label={t('onboarding.profession')}
          data={PROFESSION_CODES.map((c) => ({ value: c, label: professionLabel(c, locale) }))}
          value={profession}
          onChange={(v) => v && setProfession(v)}
          allowDeselect={false}
        />
        {profession === 'medecin' && (
          <Select
            w={200}
            label={t('onboarding.specialty')}
            searchable
            data={Object.keys(SPECIALTIES).map((c) => ({ value: c, label: specialtyLabel(c, locale) ?? c }))}
            value={specialty}
            onChange={setSpecialty}
          />
        )}
        <TextInput w={150} label="RPPS" name="rpps" required value={rpps} onChange={(e) => setRpps(e.currentTarget.value)} error={errors['rpps']} />
        <Button type="submit" mt={24} loading={add.isPending} data-testid="add-practitioner-submit">
          {t('onboarding.addPractitioner')}
        </Button>
      </Group>
      {add.isError && !isFieldError(add.error) && <Alert color="red">{errorText(add.error, t)}</Alert>}
    </form>
  );
}

function AddMotif({ practitionerId }: { practitionerId: string }) {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [duration, setDuration] = useState<number | string>(20);
  const add = useOnboardingWrite(() => createMotif(practitionerId, { label, durationMinutes: Number(duration) }));
  const errors = fieldErrors(add.error);
  return (
    <Group align="start" gap="xs">
      <TextInput
        size="xs"
        placeholder={t('onboarding.motifLabel')}
        name="motifLabel"
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value)}
        error={errors['label']}
      />
      <NumberInput
        size="xs"
        w={90}
        suffix=" min"
        name="motifDuration"
        value={duration}
        onChange={setDuration}
        min={5}
        max={480}
        error={errors['durationMinutes']}
      />
      <Button
        size="xs"
        variant="default"
        loading={add.isPending}
        onClick={() => add.mutate(undefined, { onSuccess: () => setLabel('') })}
        data-testid="add-motif"
      >
        {t('onboarding.addMotif')}
      </Button>
      {add.isError && !isFieldError(add.error) && (
        <Text c="red" fz="xs">
          {errorText(add.error, t)}
        </Text>
      )}
    </Group>
  );
}

function AddRanges({ practiceId, practitionerId, motifs }: { practiceId: string; practitionerId: string; motifs: MotifDto[] }) {
  const { t } = useI18n();
  const [days, setDays] = useState<string[]>(['1', '2', '3', '4', '5']);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('12:00');
  const [urgent, setUrgent] = useState(false);
  const add = useOnboardingWrite(async () => {
    for (const d of days) await createWeeklyRange(practitionerId, { practiceId, weekday: Number(d), start, end, motifIds: motifs.map((m) => m.id), urgent });
  });
  const errors = fieldErrors(add.error);
  return (
    <Stack gap={4}>
      <Checkbox.Group value={days} onChange={setDays}>
        <Group gap="xs">
          {WEEKDAYS.map((d) => (
            <Checkbox key={d} size="xs" value={String(d)} label={t(`onboarding.day.${DAY_KEYS[d - 1]!}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group gap="xs" align="start">
        <TextInput size="xs" type="time" name="rangeStart" value={start} onChange={(e) => setStart(e.currentTarget.value)} error={errors['start']} />
        <TextInput size="xs" type="time" name="rangeEnd" value={end} onChange={(e) => setEnd(e.currentTarget.value)} error={errors['end']} />
        <Checkbox size="xs" mt={6} label={t('onboarding.urgentSlots')} checked={urgent} onChange={(e) => setUrgent(e.currentTarget.checked)} />
        <Button
          size="xs"
          variant="default"
          disabled={motifs.length === 0 || days.length === 0}
          loading={add.isPending}
          onClick={() => add.mutate(undefined)}
          data-testid="add-ranges"
        >
          {t('onboarding.addRanges')}
        </Button>
      </Group>
      {add.isError && !isFieldError(add.error) && (
        <Text c="red" fz="xs">
          {errorText(add.error, t)}
        </Text>
      )}
    </Stack>
  );
}

export function PractitionerSetup(props: { practiceId: string; practitioner: PracticeFile['practitioners'][number]; motifs: MotifDto[]; ranges: RangeDto[] }) {
  const { t } = useI18n();
  const { practitioner: p, motifs, ranges } = props;
  return (
    <Paper withBorder p="sm" data-testid="practitioner-setup" data-name={p.lastName}>
      <Title order={5}>{practitionerName(p)}</Title>
      <Text fz="sm" fw={500} mt="xs">
        {t('onboarding.motifs')}
      </Text>
      <Group gap={4} my={4}>
        {motifs.map((m) => (
          <Badge key={m.id} variant="light" color="gray">
            {m.label} · {m.durationMinutes} min
          </Badge>
        ))}
      </Group>
      <AddMotif practitionerId={p.id} />
      <Text fz="sm" fw={500} mt="sm">
        {t('onboarding.ranges')}
      </Text>
      <Group gap={4} my={4} data-testid="ranges">
        {ranges
          .filter((r) => r.kind === 'weekly')
          .map((r) => (
            <Badge key={r.id} variant="light" color={r.urgent ? 'red' : 'blue'}>
              {t(`onboarding.day.${DAY_KEYS[(r.weekday ?? 1) - 1]!}`)} {r.start}–{r.end}
            </Badge>
          ))}
      </Group>
      <AddRanges practiceId={props.practiceId} practitionerId={p.id} motifs={motifs} />
    </Paper>
  );
}
