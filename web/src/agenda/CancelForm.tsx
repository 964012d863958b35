/** Cancelling an appointment: who asked (patient, practitioner, secretariat) and why; Enter confirms. */
import { useState, type FormEvent } from 'react';
import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import type { CancelledBy } from './api.ts';

export function CancelForm(props: { onConfirm(by: CancelledBy, reason: string): Promise<boolean>; onKeep(): void; pending?: boolean }) {
  const t = useT();
  const [by, setBy] = useState<CancelledBy>('patient');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    if (await props.onConfirm(by, reason.trim())) props.onKeep();
  };
  return (
    <form onSubmit={submit} data-testid="cancel-form" noValidate>
      <Stack gap={6}>
        <Text fz="xs" fw={500}>
          {t('agenda.cancel.by')}
        </Text>
        <SegmentedControl
          size="xs"
          fullWidth
          value={by}
          onChange={(v) => setBy(v as CancelledBy)}
          data={(['patient', 'practitioner', 'secretariat'] as const).map((v) => ({ value: v, label: t(`agenda.cancel.by.${v}`) }))}
          data-testid="cancel-by"
        />
        <TextInput
          size="xs"
          label={t('agenda.cancel.reason')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('form.required') : undefined}
          name="cancelReason"
          autoComplete="off"
          data-autofocus
          autoFocus
        />
        <Group gap={6} justify="flex-end">
          <Button size="compact-xs" variant="default" onClick={props.onKeep}>
            {t('agenda.cancel.keep')}
          </Button>
          <Button size="compact-xs" color="red" type="submit" loading={props.pending} data-testid="cancel-submit">
            {t('agenda.cancel.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
