/** A practice's service hours, one line per weekday, in the practice's own time zone. */
import { Table, Text } from '@mantine/core';
import type { PracticeFile } from '../app/contracts.ts';
import { useT, type MessageKey } from '../app/i18n.tsx';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function ServiceHours({ hours, timeZone }: { hours: PracticeFile['serviceHours']; timeZone: string }) {
  const t = useT();
  return (
    <>
      <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label={t('practice.serviceHours')}>
        <Table.Tbody>
          {DAYS.map((day) => (
            <Table.Tr key={day}>
              <Table.Td w={90}>{t(`day.${day}` as MessageKey)}</Table.Td>
              <Table.Td>
                {hours[day].length ? (
                  hours[day].map(([s, e]) => `${s}–${e}`).join(', ')
                ) : (
                  <Text span c="dimmed" fz="sm">
                    {t('practice.closed')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fz="xs" c="dimmed">
        {t('practice.timeZone', { zone: timeZone })}
      </Text>
    </>
  );
}
