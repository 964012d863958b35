/**
 * The agent's console: the call on the left, the practice file in the middle (it opens while the phone
 * rings), the caller on the right. Laid out for 1366×768 without page scrolling.
 */
import { Alert, Center, Grid, Loader, Paper, Stack, Text } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { errorText, isApiError } from '../app/errors.ts';
import { usePracticeByNumber } from '../practices/api.ts';
import { PracticeFileView } from '../practices/PracticeFileView.tsx';
import { useCall } from './call-context.tsx';
import { CallPanel } from './CallPanel.tsx';
import { SimulateCall } from './SimulateCall.tsx';
import { CallerPanel } from './CallerPanel.tsx';

const COLUMN = { h: 'calc(100vh - 90px)', p: 'sm', withBorder: true, style: { display: 'flex', flexDirection: 'column' as const, minHeight: 0 } };

export function ConsolePage() {
  const t = useT();
  const { state } = useCall();
  const calledNumber = state.call?.calledNumber ?? null;
  const practice = usePracticeByNumber(calledNumber);
  const onCall = state.phase === 'ringing' || state.phase === 'answered' || state.phase === 'wrapUp';

  return (
    <Grid gap="sm" data-testid="console">
      <Grid.Col span={3}>
        <Paper {...COLUMN}>
          <Stack gap="lg">
            <CallPanel practiceName={practice.data?.name ?? null} />
            <SimulateCall disabled={onCall} />
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={5}>
        <Paper {...COLUMN}>
          {calledNumber === null ? (
            <Center h="100%">
              <Text c="dimmed">{t('console.waiting')}</Text>
            </Center>
          ) : practice.isPending ? (
            <Loader />
          ) : practice.isError ? (
            <Alert color="red" data-testid="practice-error">
              {isApiError(practice.error, 'not_found') ? t('console.unknownNumber') : errorText(practice.error, t)}
            </Alert>
          ) : (
            <PracticeFileView practice={practice.data} />
          )}
        </Paper>
      </Grid.Col>
      <Grid.Col span={4}>
        <Paper {...COLUMN}>
          {practice.data && state.call ? (
            <CallerPanel practiceId={practice.data.id} callerNumber={state.call.callerNumber} callId={state.call.callId} />
          ) : (
            <Center h="100%">
              <Text c="dimmed">{t('console.noCaller')}</Text>
            </Center>
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
