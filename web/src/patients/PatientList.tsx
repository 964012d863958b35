/** Patients as rows an agent can pick with the mouse or the keyboard (Tab, then Enter). */
import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { PatientSummary } from '../app/contracts.ts';
import { useT } from '../app/i18n.tsx';
import { formatPhone } from '../app/phone.ts';
import { Truncated } from '../app/Truncated.tsx';
import { formatDate, patientName } from './format.ts';

export function IdentityBadge({ status }: { status: PatientSummary['identityStatus'] }) {
  const t = useT();
  return (
    <Badge size="xs" variant="light" color={status === 'qualified' ? 'green' : 'gray'} style={{ flexShrink: 0 }}>
      {t(status === 'qualified' ? 'patient.qualified' : 'patient.provisional')}
    </Badge>
  );
}

function PatientRow({ patient, selected, onSelect }: { patient: PatientSummary; selected: boolean; onSelect(): void }) {
  const t = useT();
  return (
    <UnstyledButton
      onClick={onSelect}
      data-testid="patient-row"
      aria-pressed={selected}
      p={6}
      style={{ borderRadius: 4, background: selected ? 'var(--mantine-color-blue-light)' : undefined, width: '100%' }}
    >
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Truncated fw={500} fz="sm" style={{ minWidth: 0 }}>
          {patientName(patient)}
        </Truncated>
        <IdentityBadge status={patient.identityStatus} />
      </Group>
      <Text fz="xs" c="dimmed">
        {t('patient.bornOn', { date: formatDate(patient.birthDate) })}
        {patient.mobilePhone ? ` · ${formatPhone(patient.mobilePhone)}` : ''}
      </Text>
    </UnstyledButton>
  );
}

export function PatientList({ patients, selectedId, onSelect }: { patients: PatientSummary[]; selectedId: string | null; onSelect(p: PatientSummary): void }) {
  return (
    <Stack gap={2}>
      {patients.map((p) => (
        <PatientRow key={p.id} patient={p} selected={p.id === selectedId} onSelect={() => onSelect(p)} />
      ))}
    </Stack>
  );
}
