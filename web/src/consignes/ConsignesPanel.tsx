/**
 * The consignes in the practice file. The head stays in view: whether the agent has read the current
 * version, what changed since she last did (who, when) with "J'ai lu" (L), and the emergencies, always
 * first. The other sections and the useful numbers follow in the file's scrolling body. Changes since the
 * last read are shown inline, insertions highlighted and deletions struck through. Text only, never HTML.
 */
import { Alert, Badge, Button, Group, Kbd, ScrollArea, Stack, Text } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { formatPhone } from '../app/phone.ts';
import { useShortcut } from '../app/shortcuts.tsx';
import { useConsignes, useMarkSeen, type ConsigneSetView, type ConsignesView } from './api.ts';
import { DELETED, DiffText, INSERTED } from './DiffText.tsx';
import { hasVisibleChanges, shownNumbers, shownSections, type ShownNumber, type ShownSection } from './view.ts';

function sectionTitle(s: Pick<ShownSection, 'kind' | 'title'>, t: (k: MessageKey) => string): string {
  return s.kind === 'other' ? (s.title ?? '') : t(`consignes.section.${s.kind}` as MessageKey);
}

function setTitle(set: ConsigneSetView, t: (k: MessageKey, v?: Record<string, string>) => string): string {
  return set.practitionerName ? t('consignes.ofPractitioner', { name: set.practitionerName }) : t('consignes.ofPractice');
}

function SectionBlock({ section, heading }: { section: ShownSection; heading: string }) {
  const { t } = useI18n();
  const removed = section.status === 'removed';
  return (
    <Stack gap={2} data-testid="consigne-section" data-kind={section.kind} data-status={section.status}>
      <Group gap={6} wrap="nowrap">
        <Text
          fw={700}
          fz="sm"
          c={section.kind === 'emergencies' ? 'red.8' : undefined}
          td={removed ? 'line-through' : undefined}
          style={{ overflowWrap: 'anywhere' }}
        >
          {heading}
        </Text>
        {section.status === 'added' && (
          <Badge size="xs" color="green" variant="light">
            {t('consignes.added')}
          </Badge>
        )}
        {removed && (
          <Badge size="xs" color="red" variant="light">
            {t('consignes.removed')}
          </Badge>
        )}
      </Group>
      <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        <DiffText parts={section.parts} />
      </Text>
    </Stack>
  );
}

function NumberLine({ n }: { n: ShownNumber }) {
  const { t } = useI18n();
  const show = (v: string) => (v.startsWith('+') ? formatPhone(v) : v);
  return (
    <Group gap={6} wrap="nowrap" justify="space-between" data-testid="useful-number" data-status={n.status}>
      <Text fz="sm" style={{ overflowWrap: 'anywhere', ...(n.status === 'removed' ? DELETED : {}) }}>
        {n.label}
      </Text>
      <Text fz="sm" ff="monospace" style={{ flexShrink: 0 }}>
        {n.status === 'changed' && n.previousNumber && (
          <>
            <del style={DELETED} title={t('consignes.was')}>
              {show(n.previousNumber)}
            </del>{' '}
          </>
        )}
        <span style={n.status === 'added' || n.status === 'changed' ? INSERTED : n.status === 'removed' ? DELETED : undefined}>{show(n.number)}</span>
      </Text>
    </Group>
  );
}

/** Who changed what since the agent last read this set. */
function ChangeNote({ set }: { set: ConsigneSetView }) {
  const { t, locale } = useI18n();
  if (!set.changes) return null;
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short' });
  return (
    <Stack gap={0}>
      <Text fz="xs" fw={600}>
        {setTitle(set, t)} — {t('consignes.changedSince', { from: String(set.changes.sinceVersion), to: String(set.version) })}
      </Text>
      {set.changes.versions.map((v) => (
        <Text key={v.version} fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {date(v.createdAt)} · {v.authorName}
          {v.summary ? ` : ${v.summary}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

function ReadStatus({ practiceId, view }: { practiceId: string; view: ConsignesView }) {
  const { t } = useI18n();
  const seen = useMarkSeen(practiceId);
  useShortcut('consignesRead', () => seen.mutate(view), view.unread && !seen.isPending);
  if (!view.unread) {
    return (
      <Text fz="xs" c="dimmed" data-testid="consignes-read">
        {t('consignes.upToDate')}
      </Text>
    );
  }
  const changed = view.items.filter(hasVisibleChanges);
  const neverRead = view.items.some((i) => i.seenVersion === null);
  return (
    <Alert color="orange" p="xs" data-testid="consignes-unread">
      <Stack gap={4}>
        {neverRead && (
          <Text fz="xs" fw={600}>
            {t('consignes.neverRead')}
          </Text>
        )}
        {changed.map((set) => (
          <ChangeNote key={set.id} set={set} />
        ))}
        <Group gap="xs" justify="space-between" wrap="nowrap">
          {seen.isError ? (
            <Text fz="xs" c="red" role="alert">
              {errorText(seen.error, t)}
            </Text>
          ) : (
            <span />
          )}
          <Button
            size="compact-sm"
            color="orange"
            onClick={() => seen.mutate(view)}
            loading={seen.isPending}
            rightSection={<Kbd size="xs">L</Kbd>}
            data-testid="consignes-ack"
          >
            {t('consignes.read')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The part that never scrolls away: read status, changes, and the emergencies. */
export function ConsignesHead({ practiceId }: { practiceId: string }) {
  const { t } = useI18n();
  const consignes = useConsignes(practiceId);
  if (consignes.isPending) return null;
  if (consignes.isError) {
    return (
      <Text fz="sm" c="red" role="alert">
        {errorText(consignes.error, t)}
      </Text>
    );
  }
  const view = consignes.data;
  if (!view.items.length) return null;
  const urgent = view.items.flatMap((set) =>
    shownSections(set)
      .filter((s) => s.kind === 'emergencies')
      .map((s) => ({ set, s })),
  );
  return (
    <Stack gap={6} data-testid="consignes-head">
      <ReadStatus practiceId={practiceId} view={view} />
      {urgent.length > 0 && (
        <ScrollArea.Autosize mah={150} type="auto" offsetScrollbars>
          <Stack
            gap={4}
            p={6}
            style={{ border: '1px solid var(--mantine-color-red-4)', borderRadius: 4, background: 'var(--mantine-color-red-0)' }}
            data-testid="consignes-urgent"
          >
            {urgent.map(({ set, s }) => (
              <SectionBlock
                key={set.id}
                section={s}
                heading={set.practitionerName ? `${t('consignes.section.emergencies')} — ${set.practitionerName}` : t('consignes.section.emergencies')}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

/** The other sections of each set, then the useful numbers, for the file's scrolling body. */
export function ConsignesBody({ practiceId }: { practiceId: string }) {
  const { t } = useI18n();
  const consignes = useConsignes(practiceId);
  if (!consignes.data) return null;
  const sets = consignes.data.items;
  if (!sets.length) {
    return (
      <Text fz="sm" c="dimmed" data-testid="consignes-none">
        {t('consignes.none')}
      </Text>
    );
  }
  const numbers = sets.flatMap((set) => shownNumbers(set).map((n) => ({ set, n })));
  return (
    <Stack gap="sm" data-testid="consignes">
      {sets.map((set) => {
        const sections = shownSections(set).filter((s) => s.kind !== 'emergencies');
        if (!sections.length) return null;
        return (
          <Stack key={set.id} gap={6} data-testid="consigne-set">
            {set.practitionerName && (
              <Text fz="xs" fw={700} c="blue.8">
                {setTitle(set, t)}
              </Text>
            )}
            {sections.map((s) => (
              <SectionBlock key={`${s.kind}:${s.title ?? ''}`} section={s} heading={sectionTitle(s, t)} />
            ))}
          </Stack>
        );
      })}
      {numbers.length > 0 && (
        <Stack gap={2} data-testid="useful-numbers">
          <Text fw={700} fz="sm">
            {t('consignes.usefulNumbers')}
          </Text>
          {numbers.map(({ set, n }) => (
            <NumberLine key={`${set.id}:${n.label}`} n={n} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
