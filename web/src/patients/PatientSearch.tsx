/** Search the practice's patients by name, birth date or phone; F2 puts the cursor in the box. */
import { useRef, useState } from 'react';
import { Alert, Kbd, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PatientSummary } from '../app/contracts.ts';
import { useT } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { useShortcut } from '../app/shortcuts.tsx';
import { usePatientSearch } from './api.ts';
import { PatientList } from './PatientList.tsx';

export function PatientSearch(props: { practiceId: string; selectedId: string | null; onSelect(p: PatientSummary): void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  const input = useRef<HTMLInputElement>(null);
  const search = usePatientSearch(props.practiceId, debounced);
  useShortcut('search', () => {
    input.current?.focus();
    input.current?.select();
  });
  return (
    <Stack gap={4}>
      <TextInput
        ref={input}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setQ('');
        }}
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        rightSection={<Kbd size="xs">F2</Kbd>}
        data-testid="patient-search"
        autoComplete="off"
      />
      {search.isError && <Alert color="red">{errorText(search.error, t)}</Alert>}
      {search.data && debounced.trim() && (
        <>
          {search.data.items.length === 0 && (
            <Text fz="sm" c="dimmed">
              {t('search.none')}
            </Text>
          )}
          <PatientList patients={search.data.items} selectedId={props.selectedId} onSelect={props.onSelect} />
          {search.data.hasMore && (
            <Text fz="xs" c="dimmed">
              {t('search.more')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
