/**
 * Quick creation of a patient during a call, with the identity traits (INS). An identity taken by phone is
 * provisional. When the same traits already exist in the practice, the agent chooses: that patient, or
 * another person (twins, namesakes).
 */
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { PatientView } from '../app/contracts.ts';
import { useT, type MessageKey } from '../app/i18n.tsx';
import { errorText, isApiError } from '../app/errors.ts';
import { ApiError } from '../app/api.ts';
import { toE164 } from '../app/phone.ts';
import { useCreatePatient, type NewPatient } from './api.ts';
import { parseBirthDate } from './format.ts';

interface Draft {
  birthName: string;
  firstGivenName: string;
  otherGivenNames: string;
  usualName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'I';
  birthPlaceInsee: string;
  mobilePhone: string;
  email: string;
}

type Problems = Partial<Record<keyof Draft, string>>;

function toInput(d: Draft, practiceId: string, t: (k: MessageKey) => string): { input?: NewPatient; problems: Problems } {
  const problems: Problems = {};
  if (!d.birthName.trim()) problems.birthName = t('form.required');
  if (!d.firstGivenName.trim()) problems.firstGivenName = t('form.required');
  const birthDate = parseBirthDate(d.birthDate);
  if (!birthDate) problems.birthDate = t('form.invalidDate');
  const mobile = d.mobilePhone.trim() ? toE164(d.mobilePhone) : null;
  if (d.mobilePhone.trim() && !mobile) problems.mobilePhone = t('form.invalidPhone');
  if (Object.keys(problems).length || !birthDate) return { problems };
  const others = d.otherGivenNames
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    problems,
    input: {
      practiceId,
      birthName: d.birthName.trim(),
      firstGivenName: d.firstGivenName.trim(),
      givenNames: [d.firstGivenName.trim(), ...others],
      usualName: d.usualName.trim() || null,
      birthDate,
      sex: d.sex,
      birthPlaceInsee: d.birthPlaceInsee.trim() || null,
      mobilePhone: mobile,
      email: d.email.trim() || null,
    },
  };
}

/** The server's field issues, keyed by our field names. */
function serverProblems(error: unknown): Problems {
  if (!(error instanceof ApiError)) return {};
  const out: Problems = {};
  for (const issue of error.issues) {
    const field = issue.field.split('.')[0];
    const key = field === 'givenNames' ? 'otherGivenNames' : field;
    if (key && !(key in out)) out[key as keyof Draft] = issue.message;
  }
  return out;
}

export function PatientCreateForm(props: {
  practiceId: string;
  callerNumber: string | null;
  onCreated(patient: PatientView): void;
  onUseExisting(patientId: string): void;
  onCancel(): void;
}) {
  const t = useT();
  const create = useCreatePatient();
  const [draft, setDraft] = useState<Draft>({
    birthName: '',
    firstGivenName: '',
    otherGivenNames: '',
    usualName: '',
    birthDate: '',
    sex: 'F',
    birthPlaceInsee: '',
    mobilePhone: props.callerNumber ?? '',
    email: '',
  });
  const [problems, setProblems] = useState<Problems>({});
  const set = (key: keyof Draft) => (e: { currentTarget: { value: string } }) => {
    setDraft({ ...draft, [key]: e.currentTarget.value });
    if (problems[key]) setProblems({ ...problems, [key]: undefined });
  };
  const duplicateId = isApiError(create.error, 'patient_duplicate') ? String(create.error.details.existingId ?? '') : null;

  const submit = (confirmDifferentPerson: boolean) => {
    const { input, problems: local } = toInput(draft, props.practiceId, t);
    setProblems(local);
    if (!input) return;
    create.mutate(confirmDifferentPerson ? { ...input, confirmDifferentPerson: true } : input, {
      onSuccess: (patient) => props.onCreated(patient),
      onError: (error) => setProblems(serverProblems(error)),
    });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(false);
  };
  const field = (key: keyof Draft, label: MessageKey, extra: { required?: boolean; placeholder?: string; autoFocus?: boolean } = {}) => (
    <TextInput label={t(label)} value={draft[key]} onChange={set(key)} error={problems[key]} name={key} {...extra} />
  );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="patient-create-form">
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="light" color="gray">
            {t('patient.provisional')}
          </Badge>
          <Text fz="xs" c="dimmed">
            {t('patient.provisionalHint')}
          </Text>
        </Group>
        <SimpleGrid cols={2} spacing="sm">
          {field('birthName', 'patient.birthName', { required: true, autoFocus: true })}
          {field('firstGivenName', 'patient.firstGivenName', { required: true })}
          {field('otherGivenNames', 'patient.otherGivenNames')}
          {field('usualName', 'patient.usualName')}
          {field('birthDate', 'patient.birthDate', { required: true, placeholder: t('form.datePlaceholder') })}
          <Stack gap={2}>
            <Text fz="sm" fw={500}>
              {t('patient.sex')}
            </Text>
            <SegmentedControl
              value={draft.sex}
              onChange={(v) => setDraft({ ...draft, sex: v as Draft['sex'] })}
              data={[
                { value: 'F', label: t('sex.F') },
                { value: 'M', label: t('sex.M') },
                { value: 'I', label: t('sex.I') },
              ]}
            />
          </Stack>
          {field('birthPlaceInsee', 'patient.birthPlaceInsee', { placeholder: '75056' })}
          {field('mobilePhone', 'patient.mobilePhone')}
          {field('email', 'patient.email')}
        </SimpleGrid>
        {duplicateId !== null ? (
          <Alert color="orange" title={t('patient.duplicateTitle')} data-testid="duplicate-alert">
            <Text fz="sm">{errorText(create.error, t)}</Text>
            <Group mt="sm" gap="sm">
              <Button size="xs" onClick={() => props.onUseExisting(duplicateId)} data-testid="use-existing">
                {t('patient.useExisting')}
              </Button>
              <Button size="xs" variant="default" onClick={() => submit(true)} data-testid="different-person">
                {t('patient.differentPerson')}
              </Button>
            </Group>
          </Alert>
        ) : (
          create.isError && <Alert color="red">{errorText(create.error, t)}</Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onCancel}>
            {t('action.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="create-patient-submit">
            {t('patient.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
