/**
 * The wrap-up form: the call's outcome for the call log (booked, moved, cancelled, message, information,
 * put through, sent to the 15, other), one key each (1–8) during wrap-up, saved at once with
 * POST /api/calls/:id/outcome. It proposes what the call did (the agenda's last action, else a message
 * left) and links the patient selected, the appointment the agenda touched and the message left during
 * the call. A note can be added and the outcome corrected until the next call.
 */
import { useEffect, useState } from 'react';
import { Button, Group, Kbd, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useT, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { useShortcut } from '../app/shortcuts.tsx';
import { useCallActivity } from '../agenda/call-activity.ts';
import { useSelectedPatient } from '../patients/selected-patient.tsx';
import { useCall } from './call-context.tsx';
import { isLiveCall, saveOutcome, type OutcomeInput } from './calls-api.ts';
import { useCallMessages } from './MessageFormSent.tsx';

type Outcome = OutcomeInput['outcome'];

/** The outcomes an agent gives, in key order 1–8 (the system sets abandoned, voicemail, callback and closed itself). */
export const AGENT_OUTCOMES = [
  'booked',
  'moved',
  'cancelled',
  'message',
  'information',
  'put_through',
  'sent_to_15',
  'other',
] as const satisfies readonly Outcome[];
type AgentOutcome = (typeof AGENT_OUTCOMES)[number];

export function WrapUpOutcome() {
  const t = useT();
  const { state } = useCall();
  const callId = state.call?.callId ?? null;
  const activity = useCallActivity(callId);
  const messages = useCallMessages(callId);
  const selected = useSelectedPatient();
  const lastAgenda = activity.at(-1);
  const lastMessage = messages.at(-1);
  const [outcome, setOutcome] = useState<AgentOutcome | null>(null);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<AgentOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    setOutcome(null);
    setNote('');
    setSaved(null);
    setProblem(null);
  }, [callId]);

  const shown = callId !== null && state.answeredAt !== null && (state.phase === 'wrapUp' || state.phase === 'ended');
  const live = callId !== null && isLiveCall(callId);
  const proposed: AgentOutcome | null = lastAgenda?.action ?? (lastMessage ? 'message' : null);
  const chosen = outcome ?? proposed;

  const links = {
    patientId: selected.patientId ?? lastAgenda?.patientId ?? lastMessage?.patientId ?? null,
    appointmentId: lastAgenda?.appointmentId ?? null,
    messageId: lastMessage?.messageId ?? null,
  };
  const save = (value: AgentOutcome | null) => {
    if (!value || !callId || !live || pending) return;
    setOutcome(value);
    setPending(true);
    setProblem(null);
    saveOutcome(callId, { outcome: value, note: note.trim() || null, ...links })
      .then(
        () => setSaved(value),
        (e: unknown) => {
          setSaved(null);
          setProblem(errorText(e, t));
        },
      )
      .finally(() => setPending(false));
  };
  useShortcut(
    'outcome',
    (e) => {
      const value = AGENT_OUTCOMES[Number(e.key) - 1];
      if (value) save(value);
    },
    shown && live && state.phase === 'wrapUp',
  );

  if (!shown) return null;
  if (!live) {
    return (
      <Text fz="xs" c="dimmed" data-testid="wrap-up-outcome" data-state="simulated">
        {t('outcome.simulated')}
      </Text>
    );
  }
  const linked = (['patient', 'appointment', 'message'] as const).filter((k) => links[`${k}Id`]);
  return (
    <Stack gap="xs" data-testid="wrap-up-outcome" data-saved={saved ?? ''}>
      <Select
        label={t('outcome.title')}
        data={AGENT_OUTCOMES.map((o, i) => ({ value: o, label: `${i + 1} · ${t(`outcome.${o}` as MessageKey)}` }))}
        value={chosen}
        onChange={(v) => {
          setOutcome(v as AgentOutcome | null);
          setSaved(null);
        }}
        size="xs"
        data-testid="outcome-select"
        comboboxProps={{ withinPortal: true }}
      />
      {state.phase === 'wrapUp' && (
        <Stack gap={2}>
          <Text fz="xs" c="dimmed">
            {t('outcome.hint')}
          </Text>
          <SimpleGrid cols={2} spacing={4} verticalSpacing={2} data-testid="outcome-keys">
            {AGENT_OUTCOMES.map((o, i) => (
              <Group key={o} gap={4} wrap="nowrap">
                <Kbd size="xs">{i + 1}</Kbd>
                <Text fz={11} fw={saved === o ? 700 : undefined} c={saved === o ? 'green.8' : undefined} truncate>
                  {t(`outcome.${o}` as MessageKey)}
                </Text>
              </Group>
            ))}
          </SimpleGrid>
        </Stack>
      )}
      <Textarea
        label={t('outcome.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={2000}
        autosize
        minRows={1}
        maxRows={3}
        size="xs"
        name="outcomeNote"
      />
      <Group gap="xs" justify="space-between" wrap="nowrap">
        {linked.length > 0 ? (
          <Text fz="xs" c="dimmed" data-testid="outcome-links">
            {t('outcome.links', { links: linked.map((k) => t(`outcome.link.${k}`)).join(', ') })}
          </Text>
        ) : (
          <span />
        )}
        <Button size="xs" onClick={() => save(chosen)} disabled={!chosen || pending} loading={pending} data-testid="outcome-save">
          {t('outcome.save')}
        </Button>
      </Group>
      {saved && (
        <Text fz="xs" c="green" role="status">
          {t('outcome.saved')} {t(`outcome.${saved}` as MessageKey)}
        </Text>
      )}
      {problem && (
        <Text fz="xs" c="red" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  );
}
