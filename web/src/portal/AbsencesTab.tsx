/**
 * The practitioner enters an absence: dates in his practice's time zone, the appointments it covers listed
 * first, then his choice — cancel them and notify the patients, or keep them (the secretariat calls them).
 * After saving, the cancelled appointments show with the notices sent to the patients as they go out.
 */
import { useState } from 'react';
import { Alert, Button, Group, Paper, Radio, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { localToInstant } from '../../../src/core/time/local-time.ts';
import { addDays, formatTime, localDateOfInstant, shortDate, todayIn } from '../agenda/time.ts';
import { fieldErrors, isFieldError } from '../admin/form-errors.ts';
import { AppointmentTable } from './AppointmentTable.tsx';
import { useAbsenceImpact, useAbsences, useCreateAbsence, useDeleteAbsence, useDeliveriesOf, type Appointment } from './api.ts';

interface Span {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
}

function toInstants(zone: string, s: Span): { start: string; end: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s.startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(s.endDate)) return null;
  if (!/^\d{2}:\d{2}$/.test(s.startTime) || !/^\d{2}:\d{2}$/.test(s.endTime)) return null;
  return {
    start: new Date(localToInstant(zone, s.startDate, s.startTime)).toISOString(),
    end: new Date(localToInstant(zone, s.endDate, s.endTime)).toISOString(),
  };
}

function Saved({ zone, impacted, cancelled }: { zone: string; impacted: Appointment[]; cancelled: boolean }) {
  const { t } = useI18n();
  const deliveries = useDeliveriesOf(cancelled ? impacted.map((a) => a.id) : [], 'appointment_cancellation');
  return (
    <Alert color="green" title={t('absence.saved')} data-testid="absence-saved">
      <Stack gap="xs">
        <Text fz="sm">
          {impacted.length === 0 ? t('absence.savedNone') : t(cancelled ? 'absence.savedCancelled' : 'absence.savedKept', { count: impacted.length })}
        </Text>
        {impacted.length > 0 && (
          <AppointmentTable appointments={impacted} zone={zone} deliveries={cancelled ? (deliveries.data ?? []) : undefined} testId="absence-result" />
        )}
      </Stack>
    </Alert>
  );
}

export function AbsencesTab({ practitionerId, zone }: { practitionerId: string; zone: string }) {
  const { t, locale } = useI18n();
  const today = todayIn(zone);
  const [span, setSpan] = useState<Span>({ startDate: addDays(today, 1), startTime: '00:00', endDate: addDays(today, 2), endTime: '00:00' });
  const [reason, setReason] = useState('');
  const [choice, setChoice] = useState<'cancel' | 'keep'>('cancel');
  const [cancelReason, setCancelReason] = useState('');
  const [asked, setAsked] = useState<{ start: string; end: string } | null>(null);
  const impact = useAbsenceImpact(practitionerId, asked);
  const create = useCreateAbsence(practitionerId);
  const remove = useDeleteAbsence(practitionerId);
  const absences = useAbsences(practitionerId, new Date(localToInstant(zone, today, '00:00')).toISOString());
  const instants = toInstants(zone, span);
  const errors = { ...fieldErrors(impact.error), ...fieldErrors(create.error) };
  const setField = (key: keyof Span, value: string) => {
    setSpan((s) => ({ ...s, [key]: value }));
    setAsked(null);
    create.reset();
  };
  const shownSameSpan = asked !== null && instants !== null && asked.start === instants.start && asked.end === instants.end;

  const save = () => {
    if (!instants) return;
    create.mutate({
      ...instants,
      reason: reason.trim() || undefined,
      cancelImpacted: choice === 'cancel',
      cancelReason: choice === 'cancel' ? cancelReason.trim() || reason.trim() || undefined : undefined,
    });
  };

  return (
    <Stack gap="md" data-testid="absences">
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('absence.new')}
        </Title>
        <Stack gap="sm">
          <Group gap="sm" align="start">
            <TextInput
              type="date"
              label={t('absence.from')}
              name="startDate"
              value={span.startDate}
              onChange={(e) => setField('startDate', e.currentTarget.value)}
              error={errors['start']}
            />
            <TextInput
              type="time"
              label={t('absence.at')}
              name="startTime"
              value={span.startTime}
              onChange={(e) => setField('startTime', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('absence.to')}
              name="endDate"
              value={span.endDate}
              onChange={(e) => setField('endDate', e.currentTarget.value)}
              error={errors['end']}
            />
            <TextInput type="time" label={t('absence.at')} name="endTime" value={span.endTime} onChange={(e) => setField('endTime', e.currentTarget.value)} />
            <TextInput
              style={{ flex: 1 }}
              label={t('absence.reason')}
              name="reason"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors['reason']}
            />
          </Group>
          <Text fz="xs" c="dimmed">
            {t('absence.zoneHelp', { zone })}
          </Text>
          <Group>
            <Button variant="default" disabled={!instants} onClick={() => instants && setAsked(instants)} data-testid="absence-check">
              {t('absence.check')}
            </Button>
          </Group>
          {impact.isError && !isFieldError(impact.error) && <Alert color="red">{errorText(impact.error, t)}</Alert>}
          {/* Once saved, the result below replaces the preview (which would now find nothing left to cancel). */}
          {shownSameSpan && impact.data && !create.data && (
            <Stack gap="sm" data-testid="absence-impact" data-count={impact.data.length}>
              {impact.data.length === 0 ? (
                <Text fz="sm">{t('absence.noImpact')}</Text>
              ) : (
                <>
                  <Text fz="sm" fw={600}>
                    {t('absence.impact', { count: impact.data.length })}
                  </Text>
                  <AppointmentTable appointments={impact.data} zone={zone} testId="absence-impacted" />
                  <Radio.Group value={choice} onChange={(v) => setChoice(v as 'cancel' | 'keep')} label={t('absence.choice')}>
                    <Stack gap={6} mt={6}>
                      <Radio value="cancel" label={t('absence.cancelAndNotify')} data-testid="absence-cancel" />
                      <Radio value="keep" label={t('absence.keep')} data-testid="absence-keep" />
                    </Stack>
                  </Radio.Group>
                  {choice === 'cancel' && (
                    <Textarea
                      label={t('absence.cancelReason')}
                      description={t('absence.cancelReasonHelp')}
                      name="cancelReason"
                      value={cancelReason}
                      onChange={(e) => setCancelReason(e.currentTarget.value)}
                      error={errors['cancelReason']}
                      autosize
                      minRows={2}
                    />
                  )}
                </>
              )}
              <Group>
                <Button onClick={save} loading={create.isPending} disabled={create.isSuccess} data-testid="absence-save">
                  {t('absence.save')}
                </Button>
              </Group>
            </Stack>
          )}
          {create.isError && !isFieldError(create.error) && <Alert color="red">{errorText(create.error, t)}</Alert>}
          {create.data && <Saved zone={zone} impacted={create.data.impacted} cancelled={create.data.cancelled} />}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          {t('absence.upcoming')}
        </Title>
        {absences.data && absences.data.length === 0 && <Text c="dimmed">{t('absence.none')}</Text>}
        {absences.data && absences.data.length > 0 && (
          <Table fz="sm" data-testid="absence-list">
            <Table.Tbody>
              {absences.data.map((a) => {
                const start = Date.parse(a.start);
                const end = Date.parse(a.end);
                return (
                  <Table.Tr key={a.id} data-testid="absence-row">
                    <Table.Td>
                      {shortDate(localDateOfInstant(zone, start), locale)} {formatTime(start, zone)} → {shortDate(localDateOfInstant(zone, end), locale)}{' '}
                      {formatTime(end, zone)}
                    </Table.Td>
                    <Table.Td>{a.reason ?? ''}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(a.id)}>
                        {t('absence.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {remove.isError && <Alert color="red">{errorText(remove.error, t)}</Alert>}
      </Paper>
    </Stack>
  );
}
