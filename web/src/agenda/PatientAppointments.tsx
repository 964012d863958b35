/**
 * A patient's last and next appointments, beside the caller's identity: what the caller usually wants
 * to talk about. In the console the next one can be moved or cancelled from here.
 */
import { Group, Loader, Stack, Text } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { Truncated } from '../app/Truncated.tsx';
import { practitionerName } from '../practices/Practitioners.tsx';
import { usePracticeFile } from '../practices/api.ts';
import { usePatientAppointments, type Appointment } from './api.ts';
import { AppointmentActions } from './AppointmentActions.tsx';
import { lastAndNext } from './motifs.ts';
import { instantInWords } from './time.ts';
import { useAgendaWorkspace } from './workspace.tsx';

function Line({ label, a, testId, actions }: { label: string; a: Appointment | null; testId: string; actions: boolean }) {
  const { t, locale } = useI18n();
  const ws = useAgendaWorkspace();
  // The practice's file gives the zone and the practitioners' names (cached; the console has it already).
  const file = usePracticeFile(ws || !a ? null : a.practiceId);
  const zone = ws?.zone ?? file.data?.timeZone;
  const practitioners = ws?.practice.practitioners ?? file.data?.practitioners ?? [];
  const who = a ? practitioners.find((p) => p.id === a.practitionerId) : undefined;
  return (
    <Stack gap={2} data-testid={testId} data-appointment-id={a?.id}>
      <Group gap={6} wrap="nowrap">
        <Text fz="xs" fw={600} c="dimmed" style={{ flexShrink: 0 }}>
          {label}
        </Text>
        {!a ? (
          <Text fz="xs" c="dimmed">
            {t('patientAppointments.none')}
          </Text>
        ) : (
          <Truncated fz="xs" style={{ minWidth: 0 }}>
            {[zone ? instantInWords(Date.parse(a.start), zone, locale) : a.start, a.motifLabel, who ? practitionerName(who) : ''].filter(Boolean).join(' · ')}
          </Truncated>
        )}
      </Group>
      {a && actions && <AppointmentActions a={a} />}
    </Stack>
  );
}

export function PatientAppointments({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const list = usePatientAppointments(patientId);
  if (list.isPending) return <Loader size="xs" />;
  if (list.isError) return null;
  const { last, next } = lastAndNext(list.data, Date.now());
  return (
    <Stack gap={4} data-testid="patient-appointments">
      <Line label={t('patientAppointments.last')} a={last} testId="last-appointment" actions={false} />
      <Line label={t('patientAppointments.next')} a={next} testId="next-appointment" actions />
    </Stack>
  );
}
