/** A list of appointments in the practice's time zone: when, patient, motif, state, and the notices sent. */
import type { ReactNode } from 'react';
import { Badge, Group, Table, Text } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { Truncated } from '../app/Truncated.tsx';
import { formatTime, localDateOfInstant, shortDate } from '../agenda/time.ts';
import type { Appointment, Delivery } from './api.ts';

const STATUS_COLOUR: Record<Appointment['status'], string> = { booked: 'blue', honoured: 'green', cancelled: 'gray', no_show: 'red' };
const DELIVERY_COLOUR: Record<Delivery['status'], string> = { queued: 'gray', sending: 'gray', sent: 'teal', delivered: 'green', failed: 'red' };

export function AppointmentTable(props: {
  appointments: readonly Appointment[];
  zone: string;
  deliveries?: readonly Delivery[];
  /** Extra cells at the end of each row (actions, counts). */
  extra?: { header: string; cell(a: Appointment): ReactNode };
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const { zone } = props;
  return (
    <Table fz="sm" striped data-testid={props.testId ?? 'appointment-table'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={150}>{t('portal.when')}</Table.Th>
          <Table.Th>{t('portal.patient')}</Table.Th>
          <Table.Th>{t('portal.motif')}</Table.Th>
          <Table.Th w={110}>{t('portal.state')}</Table.Th>
          {props.deliveries && <Table.Th>{t('portal.notices')}</Table.Th>}
          {props.extra && <Table.Th>{props.extra.header}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.appointments.map((a) => {
          const start = Date.parse(a.start);
          const notices = props.deliveries?.filter((d) => d.appointmentId === a.id) ?? [];
          return (
            <Table.Tr key={a.id} data-testid="appointment-row" data-status={a.status} data-id={a.id}>
              <Table.Td>
                {shortDate(localDateOfInstant(zone, start), locale)} {formatTime(start, zone)}
              </Table.Td>
              <Table.Td maw={220}>
                <Truncated fz="sm">{a.patientName}</Truncated>
              </Table.Td>
              <Table.Td maw={200}>
                <Truncated fz="sm">{a.motifLabel}</Truncated>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={STATUS_COLOUR[a.status]}>
                  {t(`portal.status.${a.status}` as MessageKey)}
                  {a.status === 'no_show' && a.noShowExcused ? ` · ${t('portal.excused')}` : ''}
                </Badge>
              </Table.Td>
              {props.deliveries && (
                <Table.Td data-testid="notices">
                  {notices.length === 0 ? (
                    <Text fz="xs" c="dimmed">
                      {t('portal.noNotice')}
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {notices.map((d) => (
                        <Badge key={d.id} size="sm" variant="outline" color={DELIVERY_COLOUR[d.status]} data-testid="notice" data-status={d.status}>
                          {t(`portal.channel.${d.channel}` as MessageKey)} · {t(`portal.delivery.${d.status}` as MessageKey)}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
              )}
              {props.extra && <Table.Td>{props.extra.cell(a)}</Table.Td>}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
