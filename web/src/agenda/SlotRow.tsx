/** One bookable slot in a list ("mar. 24 nov. 09:15 — Dr Lefèvre", in full on hover); the first carries the Enter key. */
import { Group, Kbd, UnstyledButton } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { Truncated } from '../app/Truncated.tsx';
import type { Slot } from './api.ts';
import { formatTime, instantInWords, localDateOfInstant, shortDate } from './time.ts';

export function SlotRow(props: { slot: Slot; zone: string; practitionerName: string; first: boolean; onPick(): void; testId: string; disabled?: boolean }) {
  const { t, locale } = useI18n();
  const start = Date.parse(props.slot.start);
  const short = `${shortDate(localDateOfInstant(props.zone, start), locale)} ${formatTime(start, props.zone)}`;
  return (
    <UnstyledButton
      onClick={props.onPick}
      disabled={props.disabled}
      data-testid={props.testId}
      data-start={props.slot.start}
      data-practitioner-id={props.slot.practitionerId}
      title={`${instantInWords(start, props.zone, locale)} — ${props.practitionerName}`}
      px={6}
      py={3}
      style={{
        borderRadius: 4,
        width: '100%',
        background: props.first ? 'var(--mantine-color-blue-light)' : undefined,
        border: props.first ? '1px solid var(--mantine-color-blue-4)' : '1px solid transparent',
      }}
    >
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Truncated fz="sm" fw={props.first ? 600 : 400} style={{ minWidth: 0 }}>
          {`${short} — ${props.practitionerName}`}
        </Truncated>
        {props.first && (
          <Kbd size="xs" style={{ flexShrink: 0 }}>
            {t('key.enter')}
          </Kbd>
        )}
      </Group>
    </UnstyledButton>
  );
}
