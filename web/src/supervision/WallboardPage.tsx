/**
 * The live wallboard (supervisors, administrators): queues with their longest wait, agents with their
 * state and time in it, today's figures per practice and per agent, red queues and an alert when a
 * target is missed. Live over the WebSocket. A wall mode fills a 1920×1080 display.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { usePractices } from '../practices/api.ts';
import { useAgents, useQueues, useToday, useWallboardLive } from './api.ts';
import { percent, useSupervisionT } from './messages.ts';
import { AgentsTable, QueuesTable, TodayTable } from './WallboardTables.tsx';
import { activeQueues, DEFAULT_THRESHOLDS, duration, queueLines } from './wallboard.ts';

/** The display's clock: time in state and waits tick every second (nothing is fetched). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

export function WallboardPage() {
  const t = useSupervisionT();
  const { locale } = useI18n();
  const live = useWallboardLive();
  const now = useNow();
  const [wall, setWall] = useState(false);
  const queues = useQueues();
  const agents = useAgents();
  const perPractice = useToday('practice');
  const perAgent = useToday('agent');
  const practices = usePractices();

  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of practices.data?.items ?? []) m.set(p.id, p.name);
    for (const a of agents.data ?? []) m.set(a.id, a.displayName);
    return m;
  }, [practices.data, agents.data]);
  const nameOf = (id: string) => names.get(id) ?? '…';

  const levels = new Map((perPractice.data?.items ?? []).map((r) => [r.practiceId ?? '', r.serviceLevel]));
  const withFigures = new Set((perPractice.data?.items ?? []).filter((r) => r.offered > 0).map((r) => r.practiceId ?? ''));
  const lines = activeQueues(queueLines(queues.data ?? [], levels, { now, thresholds: DEFAULT_THRESHOLDS }), withFigures);
  const breaches = lines.filter((l) => l.breach !== null);
  const staffed = (agents.data ?? []).filter((a) => a.status !== 'logged_out' || a.systemState !== 'idle');

  useEffect(() => {
    if (!wall) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setWall(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wall]);

  const toggleWall = () => {
    const next = !wall;
    setWall(next);
    // A real wall display also leaves the browser's frame; refused (a test, an iframe) it stays in the page.
    if (next) document.documentElement.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };

  const frame = wall
    ? { position: 'fixed' as const, inset: 0, zIndex: 300, background: 'var(--mantine-color-body)', padding: 24, overflow: 'auto' }
    : undefined;

  return (
    <Box style={frame} data-testid="wallboard" data-mode={wall ? 'wall' : 'laptop'}>
      {/* Read from across a room: everything a quarter larger. */}
      <Stack gap="sm" style={wall ? { zoom: 1.25 } : undefined}>
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={wall ? 1 : 2}>{t('wall.title')}</Title>
            <Badge color={live ? 'green' : 'red'} data-testid="wall-live" data-live={live ? 'yes' : 'no'}>
              {live ? t('wall.live') : t('wall.offline')}
            </Badge>
          </Group>
          <Button variant="default" size={wall ? 'md' : 'xs'} onClick={toggleWall} data-testid="wall-mode">
            {wall ? t('wall.exitFullscreen') : t('wall.fullscreen')}
          </Button>
        </Group>
        {breaches.length > 0 && (
          <Alert color="red" variant="filled" title={t('wall.alertTitle')} data-testid="wall-alert" role="alert">
            {breaches.slice(0, 4).map((b) => (
              <div key={b.practiceId}>
                {b.breach === 'wait'
                  ? t('wall.breachWait', {
                      practice: nameOf(b.practiceId),
                      wait: duration(b.longestWaitSeconds ?? 0),
                      target: DEFAULT_THRESHOLDS.serviceLevelSeconds,
                    })
                  : t('wall.breachLevel', {
                      practice: nameOf(b.practiceId),
                      level: percent(b.serviceLevel, locale),
                      target: percent(DEFAULT_THRESHOLDS.targetServiceLevel, locale),
                    })}
              </div>
            ))}
          </Alert>
        )}
        <SimpleGrid cols={2} spacing="sm">
          <Paper withBorder p="xs">
            <Title order={4} mb={4}>
              {t('wall.queues')}
            </Title>
            <QueuesTable lines={lines} nameOf={nameOf} />
          </Paper>
          <Paper withBorder p="xs">
            <Title order={4} mb={4}>
              {t('wall.agents')}
            </Title>
            <AgentsTable agents={staffed} now={now} nameOf={nameOf} />
          </Paper>
          <Paper withBorder p="xs" style={{ gridColumn: '1 / -1' }}>
            <Title order={4} mb={4}>
              {t('wall.today')} — {t('wall.perPractice')}
            </Title>
            <TodayTable report={perPractice.data} by="practice" nameOf={nameOf} testId="wall-today-practice" />
            <Title order={4} mt="sm" mb={4}>
              {t('wall.perAgent')}
            </Title>
            <TodayTable report={perAgent.data} by="agent" nameOf={nameOf} testId="wall-today-agent" />
          </Paper>
        </SimpleGrid>
      </Stack>
    </Box>
  );
}
