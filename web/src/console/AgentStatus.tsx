/**
 * The agent's own status (disponible, pause, déjeuner, formation, back-office, déconnectée): only an
 * available agent is offered calls. Shows when the system paused her after a ring she did not answer,
 * and whether the live connection that brings calls is up.
 */
import { Alert, Badge, Group, Select, Stack } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { useMe } from '../app/session.ts';
import { useCall } from './call-context.tsx';
import { useMyAgentState, useSetMyStatus, type AgentStatus as Status } from './calls-api.ts';

// Kept here while only this control shows them; French first.
const LABELS: Record<'fr' | 'en', Record<Status | 'title' | 'live' | 'offline' | 'ringNoAnswer', string>> = {
  fr: {
    title: 'Mon statut',
    available: 'Disponible',
    break: 'Pause',
    lunch: 'Déjeuner',
    training: 'Formation',
    back_office: 'Back-office',
    logged_out: 'Déconnectée',
    live: 'Appels en direct',
    offline: 'Hors ligne',
    ringNoAnswer: 'Mise en pause : un appel a sonné sans réponse. Repassez « Disponible » pour recevoir des appels.',
  },
  en: {
    title: 'My status',
    available: 'Available',
    break: 'Break',
    lunch: 'Lunch',
    training: 'Training',
    back_office: 'Back office',
    logged_out: 'Logged out',
    live: 'Live calls',
    offline: 'Offline',
    ringNoAnswer: 'Paused: a call rang without an answer. Switch back to “Available” to receive calls.',
  },
};
const STATUSES: Status[] = ['available', 'break', 'lunch', 'training', 'back_office', 'logged_out'];

export function AgentStatusControl() {
  const { locale } = useI18n();
  const me = useMe();
  const isAgent = me.data?.role === 'agent';
  const state = useMyAgentState(isAgent);
  const setStatus = useSetMyStatus();
  const { live } = useCall();
  if (!isAgent) return null;
  const l = LABELS[locale];
  const status = state.data?.status ?? null;
  return (
    <Stack gap={4} data-testid="agent-status">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Select
          label={l.title}
          data={STATUSES.map((s) => ({ value: s, label: l[s] }))}
          value={status}
          onChange={(v) => v && setStatus.mutate(v as Status)}
          allowDeselect={false}
          disabled={state.isPending || setStatus.isPending}
          size="xs"
          data-testid="agent-status-select"
          comboboxProps={{ withinPortal: true }}
        />
        <Badge color={live ? 'green' : 'gray'} variant="dot" data-testid="live-indicator">
          {live ? l.live : l.offline}
        </Badge>
      </Group>
      {state.data?.statusReason === 'ring_no_answer' && (
        <Alert color="orange" p="xs" data-testid="ring-no-answer">
          {l.ringNoAnswer}
        </Alert>
      )}
    </Stack>
  );
}
