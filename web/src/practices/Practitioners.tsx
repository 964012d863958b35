/** The practice's practitioners with their profession and specialty. */
import { Group, Stack, Text } from '@mantine/core';
import type { PracticeFile } from '../app/contracts.ts';
import { useI18n } from '../app/i18n.tsx';
import { professionLabel, specialtyLabel } from '../app/labels.ts';
import { Truncated } from '../app/Truncated.tsx';

export function practitionerName(p: { title: string | null; firstName: string; lastName: string }): string {
  return [p.title, p.firstName, p.lastName].filter(Boolean).join(' ');
}

export function Practitioners({ practitioners }: { practitioners: PracticeFile['practitioners'] }) {
  const { t, locale } = useI18n();
  if (!practitioners.length)
    return (
      <Text c="dimmed" fz="sm">
        {t('practice.noPractitioners')}
      </Text>
    );
  return (
    <Stack gap={4} data-testid="practitioners">
      {practitioners.map((p) => (
        <Group key={p.id} gap="xs" wrap="nowrap">
          <Truncated fw={500} fz="sm" maw="50%">
            {practitionerName(p)}
          </Truncated>
          <Truncated fz="sm" c="dimmed">
            {[professionLabel(p.profession, locale), specialtyLabel(p.specialty, locale)].filter(Boolean).join(' · ')}
          </Truncated>
        </Group>
      ))}
    </Stack>
  );
}
