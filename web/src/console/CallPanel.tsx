/** The current call: phase, timer, who is called and who calls, and the buttons (with their shortcuts). */
import { useEffect, useRef } from 'react';
import { Badge, Button, Group, Kbd, Stack, Text } from '@mantine/core';
import { useT, type MessageKey } from '../app/i18n.tsx';
import { formatPhone } from '../app/phone.ts';
import { useShortcut } from '../app/shortcuts.tsx';
import { Truncated } from '../app/Truncated.tsx';
import { formatDuration, phaseElapsed, type CallPhase } from './call-machine.ts';
import { useCall } from './call-context.tsx';

const PHASE_COLOR: Record<CallPhase, string> = { idle: 'gray', ringing: 'orange', answered: 'green', wrapUp: 'blue', ended: 'gray' };

export function CallPanel({ practiceName }: { practiceName: string | null }) {
  const t = useT();
  const call = useCall();
  const { state } = call;
  const answerButton = useRef<HTMLButtonElement>(null);
  useShortcut('answer', call.answer, state.phase === 'ringing');
  useShortcut('hangUp', call.hangUp, state.phase === 'ringing' || state.phase === 'answered');
  useShortcut('finishWrapUp', call.finishWrapUp, state.phase === 'wrapUp');
  useEffect(() => {
    if (state.phase === 'ringing') answerButton.current?.focus();
  }, [state.phase]);

  const phaseLabel = t(`call.phase.${state.missed && state.phase === 'ended' ? 'missed' : state.phase}` as MessageKey);
  return (
    <Stack gap="xs" data-testid="call-panel" data-phase={state.phase}>
      <Group justify="space-between" wrap="nowrap">
        <Badge color={PHASE_COLOR[state.phase]} size="lg" data-testid="call-phase">
          {phaseLabel}
        </Badge>
        {state.phase !== 'idle' && (
          <Text ff="monospace" fz="lg" aria-label={t('call.timer')} data-testid="call-timer">
            {formatDuration(phaseElapsed(state, call.now))}
          </Text>
        )}
      </Group>
      {state.call && (
        <Stack gap={0}>
          <Truncated fz="sm" fw={600}>
            {practiceName ?? formatPhone(state.call.calledNumber)}
          </Truncated>
          <Text fz="xs" c="dimmed">
            {t('call.called', { number: formatPhone(state.call.calledNumber) })}
          </Text>
          <Text fz="sm" data-testid="caller-number">
            {state.call.callerNumber ? t('call.from', { number: formatPhone(state.call.callerNumber) }) : t('caller.withheld')}
          </Text>
        </Stack>
      )}
      <Group gap="xs">
        {state.phase === 'ringing' && (
          <Button ref={answerButton} color="green" onClick={call.answer} rightSection={<Kbd size="xs">{t('key.enter')}</Kbd>} data-testid="answer">
            {t('call.answer')}
          </Button>
        )}
        {(state.phase === 'ringing' || state.phase === 'answered') && (
          <Button
            color="red"
            variant={state.phase === 'ringing' ? 'light' : 'filled'}
            onClick={call.hangUp}
            rightSection={<Kbd size="xs">F4</Kbd>}
            data-testid="hang-up"
          >
            {t('call.hangUp')}
          </Button>
        )}
        {state.phase === 'wrapUp' && (
          <Button onClick={call.finishWrapUp} rightSection={<Kbd size="xs">F9</Kbd>} data-testid="finish-wrap-up">
            {t('call.finishWrapUp')}
          </Button>
        )}
        {state.phase === 'ended' && (
          <Button variant="default" onClick={call.dismiss} data-testid="dismiss">
            {t('call.dismiss')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
