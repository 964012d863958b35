/** Supervisors' and administrators' list of client practices: region, forwarded numbers, practitioners. */
import { useState } from 'react';
import { Alert, Anchor, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PracticeSummary } from '../app/contracts.ts';
import { useT } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { regionLabel } from '../app/labels.ts';
import { formatPhone } from '../app/phone.ts';
import { navigate } from '../app/router.ts';
import { Truncated } from '../app/Truncated.tsx';
import { usePracticeFile, usePractices } from './api.ts';

/** The list answers summaries; numbers and practitioners come from each practice's file. */
function PracticeRow({ practice }: { practice: PracticeSummary }) {
  const file = usePracticeFile(practice.id);
  const href = `/practices/${practice.id}`;
  return (
    <Table.Tr data-testid="practice-row">
      <Table.Td maw={320}>
        <Anchor
          href={href}
          onClick={(e) => {
            e.preventDefault();
            navigate(href);
          }}
          style={{ display: 'block', minWidth: 0 }}
        >
          <Truncated inherit>{practice.name}</Truncated>
        </Anchor>
      </Table.Td>
      <Table.Td>{regionLabel(practice.region)}</Table.Td>
      <Table.Td maw={160}>
        <Truncated fz="sm">{practice.city ?? ''}</Truncated>
      </Table.Td>
      <Table.Td>{file.data ? file.data.numbers.map((n) => formatPhone(n.e164)).join(', ') : file.isPending ? '…' : ''}</Table.Td>
      <Table.Td ta="right">{file.data ? file.data.practitioners.length : ''}</Table.Td>
    </Table.Tr>
  );
}

export function PracticesOverview() {
  const t = useT();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  const practices = usePractices(debounced.trim());
  return (
    <Stack gap="sm" data-testid="practices-overview">
      <Title order={2}>{t('practices.title')}</Title>
      <TextInput value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder={t('practices.filter')} maw={360} aria-label={t('practices.filter')} />
      {practices.isPending && <Loader size="sm" />}
      {practices.isError && <Alert color="red">{errorText(practices.error, t)}</Alert>}
      {practices.data && (
        <Table striped highlightOnHover fz="sm" style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="32%">{t('practices.name')}</Table.Th>
              <Table.Th w="18%">{t('practices.region')}</Table.Th>
              <Table.Th w="15%">{t('practices.city')}</Table.Th>
              <Table.Th>{t('practices.numbers')}</Table.Th>
              <Table.Th w={110} ta="right">
                {t('practices.practitioners')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {practices.data.items.map((p) => (
              <PracticeRow key={p.id} practice={p} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {practices.data?.items.length === 0 && <Text c="dimmed">{t('practices.none')}</Text>}
    </Stack>
  );
}
