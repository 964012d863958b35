/** The practice file (levée de fiche): everything an agent needs to answer for a practice she may never have seen. */
import type { ReactNode } from 'react';
import { Badge, Divider, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { PracticeFile } from '../app/contracts.ts';
import { useT } from '../app/i18n.tsx';
import { regionLabel } from '../app/labels.ts';
import { Truncated } from '../app/Truncated.tsx';
import { Practitioners } from './Practitioners.tsx';
import { Sites } from './Sites.tsx';
import { ServiceHours } from './ServiceHours.tsx';
import { Numbers } from './Numbers.tsx';
import { ConsignesBody, ConsignesHead } from '../consignes/ConsignesPanel.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fw={700} fz="xs" tt="uppercase" c="dimmed">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

export function PracticeFileView({ practice, scroll = true }: { practice: PracticeFile; scroll?: boolean }) {
  const t = useT();
  const body = (
    <Stack gap="md">
      <ConsignesBody practiceId={practice.id} />
      <Divider />
      <Section title={t('practice.practitioners')}>
        <Practitioners practitioners={practice.practitioners} />
      </Section>
      <Divider />
      <Section title={t('practice.access')}>
        <Sites sites={practice.sites} />
      </Section>
      <Divider />
      <Section title={t('practice.serviceHours')}>
        <ServiceHours hours={practice.serviceHours} timeZone={practice.timeZone} />
      </Section>
      <Divider />
      <Section title={t('practice.numbers')}>
        <Numbers practice={practice} />
      </Section>
    </Stack>
  );
  return (
    <Stack gap="sm" data-testid="practice-file" h={scroll ? '100%' : undefined} style={{ minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Title order={3} style={{ minWidth: 0 }}>
          <Truncated inherit data-testid="practice-name">
            {practice.name}
          </Truncated>
        </Title>
        <Badge variant="light" style={{ flexShrink: 0 }}>
          {regionLabel(practice.region)}
        </Badge>
      </Group>
      <ConsignesHead practiceId={practice.id} />
      {scroll ? (
        <ScrollArea style={{ flex: 1 }} offsetScrollbars>
          {body}
        </ScrollArea>
      ) : (
        body
      )}
    </Stack>
  );
}
