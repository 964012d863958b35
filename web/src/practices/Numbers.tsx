/** The practice's forwarded numbers and its own contact numbers. */
import { Stack, Text } from '@mantine/core';
import type { PracticeFile } from '../app/contracts.ts';
import { useT } from '../app/i18n.tsx';
import { formatPhone } from '../app/phone.ts';

export function Numbers({ practice }: { practice: PracticeFile }) {
  const t = useT();
  return (
    <Stack gap={2}>
      {practice.phone && (
        <Text fz="sm">
          {t('practice.phone')} : {formatPhone(practice.phone)}
        </Text>
      )}
      {practice.email && (
        <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('practice.email')} : {practice.email}
        </Text>
      )}
      {practice.numbers.map((n) => (
        <Text key={n.e164} fz="sm">
          {formatPhone(n.e164)}
          {n.label ? ` — ${n.label}` : ''}
        </Text>
      ))}
    </Stack>
  );
}
