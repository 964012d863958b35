/**
 * Forecast and staffing (supervisors, administrators): for a day, agents required vs planned per
 * half-hour as a chart, the funnel alerts, a what-if ("+2 agents from 8:00 to 10:00"), the table with its
 * CSV export, and the heat map of calls by weekday × half-hour.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Loader, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { usePractices } from '../practices/api.ts';
import { usePlan, type WhatIf } from './api.ts';
import { download, toCsv } from './csv.ts';
import { percent, useSupervisionT } from './messages.ts';
import { HeatMap, RequirementChart } from './PlanCharts.tsx';

const HALF_HOURS = Array.from({ length: 49 }, (_, s) => `${String(Math.floor(s / 2)).padStart(2, '0')}:${s % 2 ? '30' : '00'}`);

export function PlanPage() {
  const t = useSupervisionT();
  const i18n = useI18n();
  const [date, setDate] = useState('');
  const [whatIf, setWhatIf] = useState<WhatIf[]>([]);
  const [draft, setDraft] = useState<WhatIf>({ from: '08:00', to: '10:00', agents: 2 });
  const plan = usePlan(date, whatIf);
  const practices = usePractices();
  const names = useMemo(() => new Map((practices.data?.items ?? []).map((p) => [p.id, p.name])), [practices.data]);
  const data = plan.data;
  const rows = (data?.rows ?? []).filter((r) => r.forecastCalls > 0 || r.plannedAgents > 0);

  const exportCsv = () => {
    if (!data) return;
    const header = [t('plan.half'), t('plan.calls'), t('plan.aht'), t('plan.required'), t('plan.planned'), t('plan.sl'), t('plan.abandons')];
    download(
      `effectifs-${data.date}.csv`,
      toCsv(
        header,
        rows.map((r) => [r.label, r.forecastCalls, r.ahtSeconds, r.requiredAgents, r.plannedAgents, r.expectedServiceLevel, r.expectedAbandons]),
      ),
    );
  };

  return (
    <Stack gap="sm" data-testid="plan-page">
      <Group justify="space-between" align="end">
        <Title order={2}>{t('plan.title')}</Title>
        <Group align="end">
          <TextInput
            type="date"
            label={t('plan.date')}
            value={date || data?.date || ''}
            onChange={(e) => setDate(e.currentTarget.value)}
            data-testid="plan-date"
          />
          {data && (
            <Text fz="sm" c="dimmed">
              {t('plan.model', { model: data.model })}
              {data.patienceSeconds !== null ? `, ${t('plan.patience', { seconds: data.patienceSeconds })}` : ''}
            </Text>
          )}
        </Group>
      </Group>
      {plan.error && <Alert color="red">{errorText(plan.error, i18n.t)}</Alert>}
      {!data && plan.isPending && <Loader />}
      {data && (
        <>
          <Paper withBorder p="xs">
            <RequirementChart rows={data.rows} />
          </Paper>
          {data.alerts.length > 0 ? (
            <Alert color="red" title={t('plan.funnel')} data-testid="plan-alerts">
              {data.alerts.map((a) => (
                <div key={a.label} data-testid="plan-alert">
                  {t('plan.funnelLine', {
                    label: a.label,
                    required: a.requiredAgents,
                    planned: a.plannedAgents,
                    level: percent(a.expectedServiceLevel, i18n.locale),
                    abandons: a.expectedAbandons ?? 0,
                    practices: a.practices.map((p) => names.get(p.practiceId) ?? '…').join(', '),
                  })}
                </div>
              ))}
            </Alert>
          ) : (
            <Alert color="green" data-testid="plan-no-alert">
              {t('plan.noFunnel')}
            </Alert>
          )}
          <Paper withBorder p="xs">
            <Group align="end" gap="sm">
              <Text fw={700}>{t('plan.whatIf')}</Text>
              <NativeSelect
                label={t('plan.from')}
                data={HALF_HOURS}
                value={draft.from}
                onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
                w={100}
                data-testid="whatif-from"
              />
              <NativeSelect
                label={t('plan.to')}
                data={HALF_HOURS}
                value={draft.to}
                onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
                w={100}
                data-testid="whatif-to"
              />
              <NumberInput
                label={t('plan.agents')}
                value={draft.agents}
                onChange={(v) => setDraft({ ...draft, agents: Number(v) || 0 })}
                min={-50}
                max={50}
                w={120}
                data-testid="whatif-agents"
              />
              <Button onClick={() => setWhatIf([...whatIf, draft])} data-testid="whatif-apply">
                {t('plan.apply')}
              </Button>
              {whatIf.length > 0 && (
                <Button variant="default" onClick={() => setWhatIf([])}>
                  {t('plan.clear')}
                </Button>
              )}
              <Button variant="default" onClick={exportCsv} ml="auto" data-testid="plan-csv">
                {t('plan.csv')}
              </Button>
            </Group>
            <Table striped mt="xs" fz="sm" data-testid="plan-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plan.half')}</Table.Th>
                  <Table.Th ta="right">{t('plan.calls')}</Table.Th>
                  <Table.Th ta="right">{t('plan.aht')}</Table.Th>
                  <Table.Th ta="right">{t('plan.required')}</Table.Th>
                  <Table.Th ta="right">{t('plan.planned')}</Table.Th>
                  <Table.Th ta="right">{t('plan.sl')}</Table.Th>
                  <Table.Th ta="right">{t('plan.abandons')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.slot} data-testid="plan-row" data-label={r.label} c={r.plannedAgents < r.requiredAgents ? 'red' : undefined}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td ta="right">{r.forecastCalls}</Table.Td>
                    <Table.Td ta="right">{r.ahtSeconds ?? '—'}</Table.Td>
                    <Table.Td ta="right">{r.requiredAgents}</Table.Td>
                    <Table.Td ta="right" data-testid="plan-planned">
                      {r.plannedAgents}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="plan-sl">
                      {percent(r.expectedServiceLevel, i18n.locale)}
                    </Table.Td>
                    <Table.Td ta="right">{r.expectedAbandons ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder p="xs">
            <Title order={4} mb={4}>
              {t('plan.heatmap')}
            </Title>
            <HeatMap heatmap={data.heatmap} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
