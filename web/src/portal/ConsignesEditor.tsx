/**
 * The practitioner edits his consignes — his practice's, or his own at that practice. Each save is a new
 * version (agents see what changed); saving over a version someone else saved meanwhile is refused.
 */
import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Loader, Paper, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api.ts';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { useConsignes, type ConsigneSetView } from '../consignes/api.ts';
import { fieldErrors } from '../admin/form-errors.ts';

const KINDS = ['emergencies', 'appointments', 'transfers', 'refusals'] as const;
type Kind = (typeof KINDS)[number];

interface Draft {
  bodies: Record<Kind, string>;
  others: { kind: 'other'; title: string | null; body: string }[];
  numbers: { label: string; number: string }[];
  summary: string;
}

function draftOf(set: ConsigneSetView | undefined): Draft {
  const bodies = Object.fromEntries(KINDS.map((k) => [k, set?.sections.find((s) => s.kind === k)?.body ?? ''])) as Record<Kind, string>;
  const others = (set?.sections ?? []).filter((s) => s.kind === 'other').map((s) => ({ kind: 'other' as const, title: s.title, body: s.body }));
  return { bodies, others, numbers: set?.usefulNumbers.map((n) => ({ ...n })) ?? [], summary: '' };
}

function Editor(props: { practiceId: string; practitionerId: string | null; set: ConsigneSetView | undefined; onSaved(version: number): void }) {
  const { practiceId, practitionerId, set } = props;
  const { t } = useI18n();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(set));
  const save = useMutation({
    mutationFn: () =>
      api<ConsigneSetView>(
        'PUT',
        `/api/practices/${encodeURIComponent(practiceId)}/consignes${practitionerId ? `?practitionerId=${encodeURIComponent(practitionerId)}` : ''}`,
        {
          sections: [...KINDS.filter((k) => draft.bodies[k].trim()).map((k) => ({ kind: k, body: draft.bodies[k] })), ...draft.others],
          usefulNumbers: draft.numbers.filter((n) => n.label.trim() || n.number.trim()),
          summary: draft.summary.trim() || null,
          baseVersion: set?.version ?? 0,
        },
      ),
    onSuccess: (saved) => {
      props.onSaved(saved.version);
      return qc.invalidateQueries({ queryKey: ['consignes', practiceId] });
    },
  });
  const errors = fieldErrors(save.error);
  const setNumber = (i: number, key: 'label' | 'number', value: string) =>
    setDraft((d) => ({ ...d, numbers: d.numbers.map((n, j) => (j === i ? { ...n, [key]: value } : n)) }));

  return (
    <Stack gap="sm" data-testid="consignes-editor">
      <Text fz="xs" c="dimmed">
        {set ? t('consignesEdit.version', { version: set.version, author: set.authorName }) : t('consignesEdit.first')}
      </Text>
      {KINDS.map((k) => (
        <Textarea
          key={k}
          label={t(`consignes.section.${k}` as MessageKey)}
          name={`section-${k}`}
          value={draft.bodies[k]}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDraft((d) => ({ ...d, bodies: { ...d.bodies, [k]: value } }));
          }}
          autosize
          minRows={2}
          maxRows={8}
        />
      ))}
      <Text fw={500} fz="sm">
        {t('consignes.usefulNumbers')}
      </Text>
      {draft.numbers.map((n, i) => (
        <Group key={i} gap="xs" align="start" wrap="nowrap">
          <TextInput
            placeholder={t('consignesEdit.label')}
            value={n.label}
            onChange={(e) => setNumber(i, 'label', e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <TextInput placeholder={t('consignesEdit.number')} value={n.number} onChange={(e) => setNumber(i, 'number', e.currentTarget.value)} w={200} />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('consignesEdit.removeNumber')}
            onClick={() => setDraft((d) => ({ ...d, numbers: d.numbers.filter((_, j) => j !== i) }))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="default" onClick={() => setDraft((d) => ({ ...d, numbers: [...d.numbers, { label: '', number: '' }] }))}>
          {t('consignesEdit.addNumber')}
        </Button>
      </Group>
      <TextInput
        label={t('consignesEdit.summary')}
        name="summary"
        value={draft.summary}
        onChange={(e) => {
          const summary = e.currentTarget.value;
          setDraft((d) => ({ ...d, summary }));
        }}
        error={errors['summary']}
      />
      {save.isError && (
        <Alert color="red" data-testid="consignes-error">
          {errorText(save.error, t)}
        </Alert>
      )}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="consignes-save">
          {t('consignesEdit.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** practitionerId: the practitioner editing (he may pick his own set); null for the office (the practice's set). */
export function ConsignesEditor({ practiceId, practitionerId }: { practiceId: string; practitionerId: string | null }) {
  const { t } = useI18n();
  const consignes = useConsignes(practiceId);
  const [which, setWhich] = useState<'practice' | 'mine'>('practice');
  const [saved, setSaved] = useState<number | null>(null);
  if (consignes.isPending) return <Loader size="sm" />;
  if (consignes.isError) return <Alert color="red">{errorText(consignes.error, t)}</Alert>;
  const target = which === 'practice' || practitionerId === null ? null : practitionerId;
  const set = consignes.data.items.find((i) => i.practitionerId === target);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t(practitionerId ? 'consignesEdit.title' : 'consignes.ofPractice')}</Title>
        {practitionerId && (
          <SegmentedControl
            size="xs"
            value={which}
            onChange={(v) => {
              setWhich(v as 'practice' | 'mine');
              setSaved(null);
            }}
            data={[
              { value: 'practice', label: t('consignesEdit.practice') },
              { value: 'mine', label: t('consignesEdit.mine') },
            ]}
          />
        )}
      </Group>
      {/* A new editor per set and per version saved, so the form starts from what is current. */}
      <Editor key={`${which}:${set?.version ?? 0}`} practiceId={practiceId} practitionerId={target} set={set} onSaved={setSaved} />
      {saved !== null && (
        <Alert color="green" mt="sm" data-testid="consignes-saved">
          {t('consignesEdit.saved', { version: saved })}
        </Alert>
      )}
    </Paper>
  );
}
