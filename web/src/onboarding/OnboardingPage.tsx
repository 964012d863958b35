/**
 * Onboarding a new client practice, one guided flow: its identity first (which creates it), then — resumable
 * at /onboarding/:id — practitioners, motifs, weekly ranges, agents, and the checklist of what is missing.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Grid, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { navigate } from '../app/router.ts';
import { formatPhone } from '../app/phone.ts';
import { usePracticeFile, usePractices } from '../practices/api.ts';
import { useConsignes } from '../consignes/api.ts';
import { ConsignesEditor } from '../portal/ConsignesEditor.tsx';
import { IdentityStep } from './IdentityStep.tsx';
import { AddPractitioner, PractitionerSetup } from './PractitionersStep.tsx';
import { Checklist } from './Checklist.tsx';
import { PatientImport } from './PatientImport.tsx';
import { assignAgent, useAgendaSetup, useAgents, useOnboardingWrite, type UserView } from './api.ts';

function Agents({ practiceId }: { practiceId: string }) {
  const { t } = useI18n();
  const agents = useAgents();
  const [agentId, setAgentId] = useState<string | null>(null);
  const [dedicated, setDedicated] = useState(true);
  const assign = useOnboardingWrite((user: UserView) => assignAgent(user, practiceId, dedicated));
  const all = agents.data?.users ?? [];
  const assigned = all.filter((u) => u.practices.some((p) => p.practiceId === practiceId));
  return (
    <Paper withBorder p="md" data-testid="onboarding-agents">
      <Title order={4} mb="sm">
        {t('onboarding.agents')}
      </Title>
      <Stack gap={2} mb="sm">
        {assigned.map((u) => (
          <Text key={u.id} fz="sm" data-testid="assigned-agent">
            {u.displayName} {u.practices.find((p) => p.practiceId === practiceId)?.dedicated ? `(${t('team.dedicatedShort')})` : `(${t('onboarding.trained')})`}
          </Text>
        ))}
      </Stack>
      <Group align="end" gap="sm">
        <Select
          w={260}
          label={t('onboarding.agent')}
          searchable
          data={all.filter((u) => !assigned.includes(u)).map((u) => ({ value: u.id, label: u.displayName }))}
          value={agentId}
          onChange={setAgentId}
          data-testid="agent-select"
        />
        <Checkbox mb={8} label={t('onboarding.dedicated')} checked={dedicated} onChange={(e) => setDedicated(e.currentTarget.checked)} />
        <Button
          disabled={!agentId}
          loading={assign.isPending}
          onClick={() => {
            const user = all.find((u) => u.id === agentId);
            if (user) assign.mutate(user, { onSuccess: () => setAgentId(null) });
          }}
          data-testid="assign-agent"
        >
          {t('onboarding.assign')}
        </Button>
      </Group>
      {assign.isError && <Alert color="red">{errorText(assign.error, t)}</Alert>}
    </Paper>
  );
}

function Resume({ practiceId }: { practiceId: string }) {
  const { t } = useI18n();
  const file = usePracticeFile(practiceId);
  const setup = useAgendaSetup(file.data?.practitioners.map((p) => p.id) ?? []);
  const agents = useAgents();
  const consignes = useConsignes(practiceId);
  if (file.isPending) return <Loader size="sm" />;
  if (file.isError) return <Alert color="red">{errorText(file.error, t)}</Alert>;
  const f = file.data;
  const agenda = setup.data ?? [];
  const hours = Object.values(f.serviceHours).some((d) => Array.isArray(d) && d.length > 0);
  const items = [
    { key: 'identity', done: f.siren.length === 9 },
    { key: 'site', done: f.sites.length > 0 },
    { key: 'number', done: f.numbers.length > 0 },
    { key: 'hours', done: hours },
    { key: 'practitioners', done: f.practitioners.length > 0 },
    { key: 'motifs', done: f.practitioners.length > 0 && f.practitioners.every((p) => agenda.find((a) => a.practitionerId === p.id)?.motifs.length) },
    { key: 'ranges', done: f.practitioners.length > 0 && f.practitioners.every((p) => agenda.find((a) => a.practitionerId === p.id)?.ranges.length) },
    { key: 'agents', done: (agents.data?.users ?? []).some((u) => u.practices.some((p) => p.practiceId === practiceId)) },
    { key: 'consignes', done: (consignes.data?.items.length ?? 0) > 0 },
  ];
  return (
    <Grid gap="md">
      <Grid.Col span={8}>
        <Stack gap="md">
          <Paper withBorder p="md">
            <Title order={3} data-testid="onboarding-practice">
              {f.name}
            </Title>
            <Text fz="sm" c="dimmed">
              {f.legalName} · SIREN {f.siren} · {f.numbers.map((n) => formatPhone(n.e164)).join(', ')}
            </Text>
          </Paper>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              {t('onboarding.practitioners')}
            </Title>
            <Stack gap="sm">
              {f.practitioners.map((p) => {
                const a = agenda.find((x) => x.practitionerId === p.id);
                return <PractitionerSetup key={p.id} practiceId={practiceId} practitioner={p} motifs={a?.motifs ?? []} ranges={a?.ranges ?? []} />;
              })}
              <AddPractitioner practiceId={practiceId} />
            </Stack>
          </Paper>
          <Agents practiceId={practiceId} />
          <ConsignesEditor practiceId={practiceId} practitionerId={null} />
          <PatientImport practiceId={practiceId} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={4}>
        <Checklist items={items} />
      </Grid.Col>
    </Grid>
  );
}

export function OnboardingPage({ practiceId }: { practiceId?: string }) {
  const { t } = useI18n();
  const practices = usePractices();
  return (
    <Stack gap="sm" data-testid="onboarding">
      <Group justify="space-between">
        <Title order={2}>{t('onboarding.title')}</Title>
        <Select
          w={320}
          placeholder={t('onboarding.resume')}
          searchable
          data={(practices.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={practiceId ?? null}
          onChange={(id) => navigate(id ? `/onboarding/${id}` : '/onboarding')}
        />
      </Group>
      {practiceId ? <Resume practiceId={practiceId} /> : <IdentityStep />}
    </Stack>
  );
}
