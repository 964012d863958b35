/** The patient the agent is dealing with: identity, contact, last and next appointments. */
import { Alert, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { formatPhone } from '../app/phone.ts';
import { Truncated } from '../app/Truncated.tsx';
import { usePatient } from './api.ts';
import { formatDate, patientName } from './format.ts';
import { IdentityBadge } from './PatientList.tsx';
import { PatientAppointments } from '../agenda/PatientAppointments.tsx';

export function PatientCard({ patientId }: { patientId: string }) {
  const t = useT();
  const patient = usePatient(patientId);
  if (patient.isPending) return <Loader size="sm" />;
  if (patient.isError) return <Alert color="red">{errorText(patient.error, t)}</Alert>;
  const p = patient.data;
  return (
    <Paper withBorder p="xs" data-testid="selected-patient">
      <Stack gap={2}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Truncated fw={700} style={{ minWidth: 0 }} data-testid="selected-patient-name">
            {patientName(p)}
          </Truncated>
          <IdentityBadge status={p.identityStatus} />
        </Group>
        <Text fz="sm">
          {t('patient.bornOn', { date: formatDate(p.birthDate) })} · {t(`sex.${p.sex}`)}
        </Text>
        {p.givenNames.length > 1 && (
          <Truncated fz="sm" c="dimmed">
            {p.givenNames.join(', ')}
          </Truncated>
        )}
        {p.mobilePhone && <Text fz="sm">{formatPhone(p.mobilePhone)}</Text>}
        {p.email && <Truncated fz="sm">{p.email}</Truncated>}
        <PatientAppointments patientId={p.id} />
      </Stack>
    </Paper>
  );
}
