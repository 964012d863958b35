/** The secretariat's tasks from practitioners' answers: what to do, for which message; "Fait" closes the loop. */
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { formatPhone } from '../app/phone.ts';
import { useTaskDone, useTasks, type TaskItem } from './api.ts';
import { formatInstant } from './format.ts';

function TaskRow({ task }: { task: TaskItem }) {
  const { t, locale } = useI18n();
  const done = useTaskDone();
  const [note, setNote] = useState('');
  return (
    <Paper withBorder p="sm" data-testid="task">
      <Stack gap={4}>
        <Group justify="space-between">
          <Group gap="xs">
            <Badge variant="light">{t(`msg.type.${task.message.type}` as MessageKey)}</Badge>
            <Text fw={600}>{task.answer}</Text>
          </Group>
          <Text fz="xs" c="dimmed">
            {formatInstant(task.createdAt, locale)}
          </Text>
        </Group>
        <Text fz="sm" c="dimmed">
          {[task.message.patientName, task.message.callbackNumber && formatPhone(task.message.callbackNumber), task.message.body].filter(Boolean).join(' · ')}
        </Text>
        {done.isError && <Alert color="red">{errorText(done.error, t)}</Alert>}
        <Group gap="xs" justify="flex-end">
          <TextInput size="xs" placeholder={t('tasks.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button size="xs" onClick={() => done.mutate({ id: task.id, note: note.trim() || undefined })} loading={done.isPending} data-testid="task-done">
            {t('tasks.done')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function Tasks() {
  const { t } = useI18n();
  const [mine, setMine] = useState(true);
  const tasks = useTasks(mine);
  return (
    <Stack gap="sm" maw={900} data-testid="tasks">
      <Checkbox label={t('tasks.mine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
      {tasks.isPending ? (
        <Loader />
      ) : tasks.isError ? (
        <Alert color="red">{errorText(tasks.error, t)}</Alert>
      ) : tasks.data.items.length === 0 ? (
        <Text c="dimmed">{t('tasks.empty')}</Text>
      ) : (
        tasks.data.items.map((task) => <TaskRow key={task.id} task={task} />)
      )}
    </Stack>
  );
}
