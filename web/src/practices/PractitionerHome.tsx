/**
 * A practitioner's home: his agenda (day/week, the same views as the console) beside his practice
 * file(s). A user not tied to a practitioner sees the file only.
 */
import type { ReactNode } from 'react';
import { Grid, Stack, Text } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { useMe } from '../app/session.ts';
import { PractitionerAgenda } from '../agenda/PractitionerAgenda.tsx';
import { PracticePage } from './PracticePage.tsx';

export function PractitionerHome({ practiceIds, agenda: given }: { practiceIds: string[]; agenda?: ReactNode }) {
  const t = useT();
  const me = useMe();
  const practitionerId = me.data?.practitionerId ?? null;
  const agenda = given ?? (practitionerId ? <PractitionerAgenda practitionerId={practitionerId} practiceIds={practiceIds} /> : null);
  const files = (
    <Stack gap="md" data-testid="practitioner-home">
      {practiceIds.length === 0 && <Text c="dimmed">{t('practices.none')}</Text>}
      {practiceIds.map((id) => (
        <PracticePage key={id} id={id} />
      ))}
    </Stack>
  );
  if (!agenda) return files;
  return (
    <Grid gap="md">
      <Grid.Col span={8}>{agenda}</Grid.Col>
      <Grid.Col span={4}>{files}</Grid.Col>
    </Grid>
  );
}
