/**
 * The agent's console: the call and what the agent does with it on the left (during a call, the
 * next-free-slot finder), the practice file or its agenda in the middle (the file opens while the phone
 * rings; A shows the agenda), the caller on the right. Laid out for 1366×768 without page scrolling.
 */
import { Alert, Center, Grid, Loader, Paper, Stack, Text } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { errorText, isApiError } from '../app/errors.ts';
import { usePracticeByNumber } from '../practices/api.ts';
import { PracticeFileView } from '../practices/PracticeFileView.tsx';
import { useCall } from './call-context.tsx';
import { CallPanel } from './CallPanel.tsx';
import { AgentStatusControl } from './AgentStatus.tsx';
import { WrapUpOutcome } from './WrapUpOutcome.tsx';
import { MessageFormButton } from './MessageForm.tsx';
import { SimulateCall } from './SimulateCall.tsx';
import { CallerPanel } from './CallerPanel.tsx';
import { SelectedPatientProvider } from '../patients/selected-patient.tsx';
import { ConsoleAgendaProvider } from '../agenda/workspace.tsx';
import { FileOrAgenda } from '../agenda/ConsoleAgenda.tsx';
import { ConsoleSlotFinder } from '../agenda/SlotFinder.tsx';

const COLUMN = { h: 'calc(100vh - 90px)', p: 'sm', withBorder: true, style: { display: 'flex', flexDirection: 'column' as const, minHeight: 0 } };

export function ConsolePage() {
  const t = useT();
  const { state } = useCall();
  const calledNumber = state.call?.calledNumber ?? null;
  const practice = usePracticeByNumber(calledNumber);
  const onCall = state.phase === 'ringing' || state.phase === 'answered' || state.phase === 'wrapUp';

  const callId = state.call?.callId ?? null;

  return (
    <SelectedPatientProvider callId={callId}>
      <ConsoleAgendaProvider practice={practice.data ?? null} callId={callId}>
        <Grid gap="sm" data-testid="console">
          <Grid.Col span={3}>
            <Paper {...COLUMN}>
              <Stack gap="lg" style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
                <AgentStatusControl />
                <CallPanel practiceName={practice.data?.name ?? null} />
                <MessageFormButton practice={practice.data ?? null} callerNumber={state.call?.callerNumber ?? null} callId={callId} />
                <WrapUpOutcome />
                {/* On a call, the finder takes the place of the (then disabled) simulation form. */}
                {onCall && practice.data ? <ConsoleSlotFinder /> : <SimulateCall disabled={onCall} />}
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
                <FileOrAgenda file={<PracticeFileView practice={practice.data} />} />
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
      </ConsoleAgendaProvider>
    </SelectedPatientProvider>
  );
}
