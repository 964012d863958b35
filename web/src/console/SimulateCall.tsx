/**
 * "Simuler un appel entrant": pick one of the agent's practices (its forwarded number fills in) or type a
 * called number, type the caller's number, and ring. Drives onIncomingCall like a real call.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Select, Stack, Text, TextInput } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { toE164 } from '../app/phone.ts';
import { useShortcut } from '../app/shortcuts.tsx';
import { usePracticeFile, usePractices } from '../practices/api.ts';
import { simulatedCallId, useCall } from './call-context.tsx';

export function SimulateCall({ disabled }: { disabled: boolean }) {
  const t = useT();
  const { onIncomingCall } = useCall();
  const practices = usePractices();
  const [practiceId, setPracticeId] = useState<string | null>(null);
  const practice = usePracticeFile(practiceId);
  const [called, setCalled] = useState('');
  const [caller, setCaller] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const calledInput = useRef<HTMLInputElement>(null);

  const firstNumber = practice.data?.numbers[0]?.e164;
  useEffect(() => {
    if (firstNumber) setCalled(firstNumber);
  }, [firstNumber]);
  useShortcut('simulate', () => calledInput.current?.focus(), !disabled);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const calledNumber = toE164(called);
    if (!calledNumber) return setProblem(t('simulate.badCalled'));
    const callerNumber = caller.trim() ? toE164(caller) : null;
    if (caller.trim() && !callerNumber) return setProblem(t('simulate.badCaller'));
    setProblem(null);
    onIncomingCall({ callId: simulatedCallId(), calledNumber, callerNumber });
  };

  return (
    <form onSubmit={submit} data-testid="simulate-call">
      <Stack gap="xs">
        <Text fw={600} fz="sm">
          {t('simulate.title')}
        </Text>
        <Select
          label={t('simulate.practice')}
          placeholder={t('simulate.practicePlaceholder')}
          data={(practices.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={practiceId}
          onChange={setPracticeId}
          searchable
          clearable
          nothingFoundMessage={t('simulate.noPractice')}
          data-testid="simulate-practice"
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          ref={calledInput}
          label={t('simulate.called')}
          value={called}
          onChange={(e) => setCalled(e.currentTarget.value)}
          placeholder="01 40 00 00 00"
          name="calledNumber"
          autoComplete="off"
        />
        <TextInput
          label={t('simulate.caller')}
          value={caller}
          onChange={(e) => setCaller(e.currentTarget.value)}
          placeholder="06 12 34 56 78"
          name="callerNumber"
          autoComplete="off"
        />
        {problem && (
          <Text c="red" fz="sm" role="alert">
            {problem}
          </Text>
        )}
        <Button type="submit" disabled={disabled} variant="light" data-testid="simulate-submit">
          {t('simulate.submit')}
        </Button>
      </Stack>
    </form>
  );
}
