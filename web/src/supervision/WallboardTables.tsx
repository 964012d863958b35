/** The wallboard's tables: queues, agents, and today's figures per practice or per agent. */
import { Badge, Table, Text } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import type { AgentView, MetricsReport } from './api.ts';
import { percent, seconds, useSupervisionT, type SupervisionKey } from './messages.ts';
import { boardState, duration, type QueueLine } from './wallboard.ts';

const STATE_COLOUR: Record<string, string> = {
  ringing: 'yellow',
  on_call: 'blue',
  wrap_up: 'violet',
  available: 'green',
  break: 'orange',
  lunch: 'orange',
  training: 'cyan',
  back_office: 'gray',
  logged_out: 'gray',
};

export function QueuesTable({ lines, nameOf }: { lines: readonly QueueLine[]; nameOf: (id: string) => string }) {
  const t = useSupervisionT();
  const { locale } = useI18n();
  if (lines.length === 0) return <Text c="dimmed">{t('wall.noQueue')}</Text>;
  return (
    <Table striped data-testid="wall-queues">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('wall.practice')}</Table.Th>
          <Table.Th ta="right">{t('wall.waiting')}</Table.Th>
          <Table.Th ta="right">{t('wall.longest')}</Table.Th>
          <Table.Th ta="right">{t('wall.ringing')}</Table.Th>
          <Table.Th ta="right">{t('wall.connected')}</Table.Th>
          <Table.Th ta="right">{t('wall.serviceLevel')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((l) => (
          <Table.Tr
            key={l.practiceId}
            data-testid="wall-queue"
            data-practice={l.practiceId}
            data-breach={l.breach ?? undefined}
            style={l.breach ? { background: 'var(--mantine-color-red-1)', color: 'var(--mantine-color-red-9)', fontWeight: 700 } : undefined}
          >
            <Table.Td>{nameOf(l.practiceId)}</Table.Td>
            <Table.Td ta="right" data-testid="wall-queue-waiting">
              {l.waiting}
            </Table.Td>
            <Table.Td ta="right">{l.longestWaitSeconds === null ? '—' : duration(l.longestWaitSeconds)}</Table.Td>
            <Table.Td ta="right">{l.ringing}</Table.Td>
            <Table.Td ta="right">{l.connected}</Table.Td>
            <Table.Td ta="right">{percent(l.serviceLevel, locale)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function AgentsTable({ agents, now, nameOf }: { agents: readonly AgentView[]; now: number; nameOf: (id: string) => string }) {
  const t = useSupervisionT();
  return (
    <Table striped data-testid="wall-agents">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('wall.agent')}</Table.Th>
          <Table.Th>{t('wall.state')}</Table.Th>
          <Table.Th ta="right">{t('wall.since')}</Table.Th>
          <Table.Th>{t('wall.callPractice')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {agents.map((a) => {
          const s = boardState(a);
          return (
            <Table.Tr key={a.id} data-testid="wall-agent" data-agent={a.id} data-state={s.state}>
              <Table.Td>{a.displayName}</Table.Td>
              <Table.Td miw={120}>
                <Badge color={STATE_COLOUR[s.state] ?? 'gray'} variant="light" style={{ overflow: 'visible' }}>
                  {t(`state.${s.state}` as SupervisionKey)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{duration((now - Date.parse(s.since)) / 1000)}</Table.Td>
              <Table.Td data-testid="wall-agent-practice">{a.practiceId ? nameOf(a.practiceId) : ''}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

type Row = MetricsReport['items'][number];

export function TodayTable({
  report,
  by,
  nameOf,
  testId,
}: {
  report: MetricsReport | undefined;
  by: 'practice' | 'agent';
  nameOf: (id: string) => string;
  testId: string;
}) {
  const t = useSupervisionT();
  const { locale } = useI18n();
  const rows = (report?.items ?? []).filter((r) => r.offered > 0 || r.answered > 0);
  const line = (label: string, r: Row | MetricsReport['total'], key: string, total = false) => (
    <Table.Tr key={key} data-testid={total ? `${testId}-total` : `${testId}-row`} fw={total ? 700 : undefined}>
      <Table.Td>{label}</Table.Td>
      <Table.Td ta="right" data-testid="kpi-offered">
        {r.offered}
      </Table.Td>
      <Table.Td ta="right" data-testid="kpi-answered">
        {r.answered}
      </Table.Td>
      {by === 'practice' && <Table.Td ta="right">{r.abandoned ?? '—'}</Table.Td>}
      {by === 'practice' && <Table.Td ta="right">{percent(r.serviceLevel, locale)}</Table.Td>}
      <Table.Td ta="right">{seconds(r.averageSpeedOfAnswerSeconds)}</Table.Td>
      <Table.Td ta="right">{seconds(r.averageHandleTimeSeconds)}</Table.Td>
      {by === 'agent' && <Table.Td ta="right">{percent(r.occupancy, locale)}</Table.Td>}
    </Table.Tr>
  );
  return (
    <Table striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{by === 'practice' ? t('wall.practice') : t('wall.agent')}</Table.Th>
          <Table.Th ta="right">{t('wall.offered')}</Table.Th>
          <Table.Th ta="right">{t('wall.answered')}</Table.Th>
          {by === 'practice' && <Table.Th ta="right">{t('wall.abandoned')}</Table.Th>}
          {by === 'practice' && <Table.Th ta="right">{t('wall.serviceLevel')}</Table.Th>}
          <Table.Th ta="right">{t('wall.asa')}</Table.Th>
          <Table.Th ta="right">{t('wall.aht')}</Table.Th>
          {by === 'agent' && <Table.Th ta="right">{t('wall.occupancy')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => line(nameOf((by === 'practice' ? r.practiceId : r.agentId) ?? ''), r, (r.practiceId ?? '') + (r.agentId ?? '')))}
        {report && line(t('wall.total'), report.total, 'total', true)}
      </Table.Tbody>
    </Table>
  );
}
