/** The plan's chart (agents required vs planned per half-hour) and the heat map of calls. */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Table } from '@mantine/core';
import type { PlanRow } from './api.ts';
import { useSupervisionT } from './messages.ts';

export function RequirementChart({ rows }: { rows: readonly PlanRow[] }) {
  const t = useSupervisionT();
  // 06:00–22:00, widened to any half-hour with calls or agents.
  const busy = rows.filter((r) => r.forecastCalls > 0 || r.plannedAgents > 0).map((r) => r.slot);
  const first = Math.min(12, ...busy);
  const last = Math.max(43, ...busy);
  const shown = rows.filter((r) => r.slot >= first && r.slot <= last);
  return (
    <div style={{ width: '100%', height: 260 }} data-testid="plan-chart">
      <ResponsiveContainer>
        <ComposedChart data={shown} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={3} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="requiredAgents" name={t('plan.required')} fill="#fa5252" isAnimationActive={false} />
          <Line type="stepAfter" dataKey="plannedAgents" name={t('plan.planned')} stroke="#228be6" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export function HeatMap({ heatmap }: { heatmap: readonly (readonly number[])[] }) {
  const t = useSupervisionT();
  const days = t('plan.weekdays').split(',');
  const slots = Array.from({ length: 28 }, (_, i) => 14 + i); // 07:00–21:00
  const max = Math.max(1, ...heatmap.flat());
  return (
    <Table withTableBorder fz="xs" data-testid="plan-heatmap" style={{ tableLayout: 'fixed' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={44} />
          {slots.map((s) => (
            <Table.Th key={s} p={0} ta="center">
              {s % 2 === 0 ? String(s / 2) : ''}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {heatmap.map((row, d) => (
          <Table.Tr key={d}>
            <Table.Td p={2}>{days[d]}</Table.Td>
            {slots.map((s) => {
              const v = row[s] ?? 0;
              return (
                <Table.Td
                  key={s}
                  p={0}
                  h={20}
                  title={`${days[d]} ${Math.floor(s / 2)}:${s % 2 ? '30' : '00'} — ${v}`}
                  style={{ background: `rgba(250, 82, 82, ${v / max})` }}
                />
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
