/** Who is calling: the practice's patients whose mobile is the caller's number. */
import { useEffect } from 'react';
import { Alert, Loader, Stack, Text } from '@mantine/core';
import type { PatientSummary } from '../app/contracts.ts';
import { useT } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { useCallerMatches } from './api.ts';
import { PatientList } from './PatientList.tsx';

export function CallerMatches(props: { practiceId: string; callerNumber: string | null; selectedId: string | null; onSelect(p: PatientSummary): void }) {
  const t = useT();
  const matches = useCallerMatches(props.practiceId, props.callerNumber);
  // One patient of this practice has the caller's number: select him at once (his name shows on the
  // card and in every booking banner); several (a family's shared mobile): the agent chooses.
  const only = matches.data?.items.length === 1 ? matches.data.items[0] : undefined;
  const { selectedId, onSelect } = props;
  useEffect(() => {
    if (only && selectedId === null) onSelect(only);
  }, [only, selectedId, onSelect]);
  if (props.callerNumber === null)
    return (
      <Text fz="sm" c="dimmed">
        {t('caller.withheld')}
      </Text>
    );
  if (matches.isPending) return <Loader size="sm" />;
  if (matches.isError) return <Alert color="red">{errorText(matches.error, t)}</Alert>;
  const items = matches.data.items;
  return (
    <Stack gap={4} data-testid="caller-matches">
      <Text fz="sm" fw={500}>
        {items.length === 0 ? t('caller.unknown') : t('caller.recognised', { count: items.length })}
      </Text>
      <PatientList patients={items} selectedId={props.selectedId} onSelect={props.onSelect} />
    </Stack>
  );
}
