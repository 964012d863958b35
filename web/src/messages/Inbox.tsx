/**
 * The practitioner's inbox: his messages, newest first (urgent ones stand out); opening one marks it
 * read; he acknowledges an urgent one (the escalation stops), marks it processed, or answers: the
 * answer becomes a task for the next available agent of the practice.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { formatPhone } from '../app/phone.ts';
import { useInbox, useMessage, useMessageAction, type MessageDto } from './api.ts';
import { formatInstant } from './format.ts';

type Filter = 'new' | 'open' | 'all';

function TypeBadge({ type }: { type: MessageDto['type'] }) {
  const { t } = useI18n();
  return (
    <Badge color={type === 'urgent' ? 'red' : type === 'home_visit' ? 'orange' : 'blue'} variant={type === 'urgent' ? 'filled' : 'light'}>
      {t(`msg.type.${type}` as MessageKey)}
    </Badge>
  );
}

function MessageRow({ m, selected, onSelect }: { m: MessageDto; selected: boolean; onSelect(): void }) {
  const { t, locale } = useI18n();
  return (
    <UnstyledButton
      onClick={onSelect}
      p="xs"
      style={{ borderRadius: 4, background: selected ? 'var(--mantine-color-blue-light)' : undefined }}
      data-testid="inbox-row"
    >
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <TypeBadge type={m.type} />
          <Text fw={m.status === 'new' ? 700 : 400} fz="sm" lineClamp={1}>
            {m.patientName ?? m.body}
          </Text>
        </Group>
        <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatInstant(m.createdAt, locale)} · {t(`inbox.status.${m.status}` as MessageKey)}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

function MessageDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const message = useMessage(id);
  const act = useMessageAction();
  const [answer, setAnswer] = useState('');
  const m = message.data;
  const needsRead = m?.status === 'new';
  useEffect(() => {
    // Once per message opened (the mutation object changes identity on every render).
    if (needsRead) act.mutate({ id, action: 'read' });
  }, [id, needsRead]);
  if (message.isPending) return <Loader />;
  if (message.isError || !m) return <Alert color="red">{errorText(message.error, t)}</Alert>;
  const openTask = m.tasks.find((x) => x.status === 'open');
  return (
    <Stack gap="sm" data-testid="message-detail">
      <Group justify="space-between">
        <Group gap="xs">
          <TypeBadge type={m.type} />
          <Text fz="sm" c="dimmed">
            {formatInstant(m.createdAt, locale)}
          </Text>
        </Group>
        <Badge variant="outline">{t(`inbox.status.${m.status}` as MessageKey)}</Badge>
      </Group>
      {m.patientName && <Title order={4}>{m.patientName}</Title>}
      {m.callbackNumber && <Text fw={500}>{t('inbox.callback', { number: formatPhone(m.callbackNumber) })}</Text>}
      {m.dueDate && <Text>{t('inbox.due', { date: new Date(`${m.dueDate}T12:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB') })}</Text>}
      <Paper withBorder p="sm">
        <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
      </Paper>
      {act.isError && <Alert color="red">{errorText(act.error, t)}</Alert>}
      <Group gap="xs">
        {m.type === 'urgent' && !m.acknowledgedAt && (
          <Button color="red" onClick={() => act.mutate({ id, action: 'acknowledge' })} loading={act.isPending} data-testid="acknowledge">
            {t('inbox.acknowledge')}
          </Button>
        )}
        {m.acknowledgedAt && (
          <Text fz="sm" c="dimmed">
            {t('inbox.acknowledged', { at: formatInstant(m.acknowledgedAt, locale) })}
          </Text>
        )}
        {m.status !== 'processed' && !openTask && (
          <Button variant="default" onClick={() => act.mutate({ id, action: 'process' })} loading={act.isPending} data-testid="process">
            {t('inbox.process')}
          </Button>
        )}
      </Group>
      {m.tasks.map((task) => (
        <Alert key={task.id} color={task.status === 'open' ? 'yellow' : 'green'} data-testid="message-task">
          {t(task.status === 'open' ? 'inbox.taskOpen' : 'inbox.taskDone', { answer: task.answer })}
        </Alert>
      ))}
      {m.status !== 'processed' && !openTask && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!answer.trim()) return;
            act.mutate({ id, action: 'answer', text: answer.trim() }, { onSuccess: () => setAnswer('') });
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('inbox.answer')}
              placeholder={t('inbox.answerPlaceholder')}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
              autosize
              minRows={2}
              name="answer"
            />
            <Group justify="flex-end">
              <Button type="submit" loading={act.isPending} disabled={!answer.trim()} data-testid="answer-send">
                {t('inbox.answerSend')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <Text fw={500} fz="sm">
        {t('inbox.history')}
      </Text>
      <Timeline bulletSize={10} lineWidth={2}>
        {m.events.map((e) => (
          <Timeline.Item key={e.id} title={t(`inbox.event.${e.kind}` as MessageKey)}>
            <Text fz="xs" c="dimmed">
              {formatInstant(e.at, locale)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

export function Inbox() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('open');
  const inbox = useInbox(filter === 'new' ? 'new' : undefined);
  const [selected, setSelected] = useState<string | null>(null);
  const items = (inbox.data?.items ?? []).filter((m) => filter !== 'open' || m.status !== 'processed');
  return (
    <Grid gap="md" data-testid="inbox">
      <Grid.Col span={5}>
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <SegmentedControl
              value={filter}
              onChange={(v) => setFilter(v as Filter)}
              data={[
                { value: 'open', label: t('inbox.filter.open') },
                { value: 'new', label: t('inbox.filter.new') },
                { value: 'all', label: t('inbox.filter.all') },
              ]}
            />
            {inbox.isPending ? (
              <Loader />
            ) : inbox.isError ? (
              <Alert color="red">{errorText(inbox.error, t)}</Alert>
            ) : items.length === 0 ? (
              <Text c="dimmed">{t('inbox.empty')}</Text>
            ) : (
              <ScrollArea.Autosize mah="calc(100vh - 180px)">
                <Stack gap={2}>
                  {items.map((m) => (
                    <MessageRow key={m.id} m={m} selected={m.id === selected} onSelect={() => setSelected(m.id)} />
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            )}
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={7}>
        <Paper withBorder p="md">
          {selected ? <MessageDetail key={selected} id={selected} /> : <Text c="dimmed">{t('inbox.select')}</Text>}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
