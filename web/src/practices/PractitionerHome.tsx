/**
 * A practitioner's home: his practice file(s). The agenda column is a slot: the agenda capability mounts
 * its day/week view there (issue 4); until then the file takes the whole width.
 */
import type { ReactNode } from 'react';
import { Grid, Stack, Text } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { PracticePage } from './PracticePage.tsx';

export function PractitionerHome({ practiceIds, agenda }: { practiceIds: string[]; agenda?: ReactNode }) {
  const t = useT();
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
