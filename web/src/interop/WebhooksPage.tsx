/** The admin's outgoing webhooks: subscribe a URL to events, see the secret once, the delivery log, replay. */
import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Code, Group, Loader, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { usePractices } from '../practices/api.ts';
import { useDeliveries, useSubscriptions, useWebhookMutations, WEBHOOK_EVENTS, type Subscription, type WebhookEvent } from './webhooks-api.ts';

const ORGANISATION = '';

function SubscriptionForm({ onSecret }: { onSecret: (secret: string) => void }) {
  const { t } = useI18n();
  const practices = usePractices();
  const { create } = useWebhookMutations();
  const [url, setUrl] = useState('');
  const [practiceId, setPracticeId] = useState<string>(ORGANISATION);
  const [events, setEvents] = useState<WebhookEvent[]>(['appointment.created', 'appointment.moved', 'appointment.cancelled']);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate(
      { url: url.trim(), practiceId: practiceId || null, events, description: null },
      {
        onSuccess: (s) => {
          onSecret(s.secret);
          setUrl('');
        },
      },
    );
  };
  const scopeOptions = [
    { value: ORGANISATION, label: t('webhooks.wholeOrganisation') },
    ...(practices.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} data-testid="webhook-form">
      <Stack gap="xs">
        <Title order={4}>{t('webhooks.new')}</Title>
        <Group align="end" grow>
          <TextInput label={t('webhooks.url')} placeholder="https://…" value={url} onChange={(e) => setUrl(e.currentTarget.value)} required name="url" />
          <Select
            label={t('webhooks.scope')}
            data={scopeOptions}
            value={practiceId}
            onChange={(v) => setPracticeId(v ?? ORGANISATION)}
            allowDeselect={false}
            searchable
          />
        </Group>
        <Checkbox.Group label={t('webhooks.events')} value={events} onChange={(v) => setEvents(v as WebhookEvent[])}>
          <Group gap="md" mt={4}>
            {WEBHOOK_EVENTS.map((e) => (
              <Checkbox key={e} value={e} label={t(`webhooks.event.${e}` as MessageKey)} />
            ))}
          </Group>
        </Checkbox.Group>
        {create.error && <Alert color="red">{errorText(create.error, t)}</Alert>}
        <Group>
          <Button type="submit" loading={create.isPending} disabled={events.length === 0}>
            {t('webhooks.create')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DeliveryLog({ subscription }: { subscription: Subscription }) {
  const { t, locale } = useI18n();
  const log = useDeliveries(subscription.id);
  const { replay } = useWebhookMutations();
  const when = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso)) : '';
  if (log.isPending) return <Loader size="sm" />;
  if (log.error) return <Alert color="red">{errorText(log.error, t)}</Alert>;
  if (log.data.items.length === 0) return <Text c="dimmed">{t('webhooks.noDelivery')}</Text>;
  return (
    <Table fz="sm" data-testid="webhook-deliveries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('webhooks.when')}</Table.Th>
          <Table.Th>{t('webhooks.event')}</Table.Th>
          <Table.Th>{t('webhooks.status')}</Table.Th>
          <Table.Th ta="right">{t('webhooks.attempts')}</Table.Th>
          <Table.Th>{t('webhooks.lastResult')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {log.data.items.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>{when(d.lastAttemptAt ?? d.createdAt)}</Table.Td>
            <Table.Td>
              <Code>{d.eventType}</Code>{' '}
              {d.replayOf && (
                <Badge size="xs" variant="outline">
                  {t('webhooks.replayed')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={d.status === 'delivered' ? 'green' : d.status === 'failed' ? 'red' : 'gray'}>
                {t(`webhooks.delivery.${d.status}` as MessageKey)}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">{d.attempts}</Table.Td>
            <Table.Td>{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '')}</Table.Td>
            <Table.Td>
              <Button size="compact-xs" variant="default" onClick={() => replay.mutate(d.id)}>
                {t('webhooks.replay')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function WebhooksPage() {
  const { t } = useI18n();
  const subs = useSubscriptions();
  const practices = usePractices();
  const { setActive, rotate, remove } = useWebhookMutations();
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const practiceName = (id: string | null) => (id ? (practices.data?.items.find((p) => p.id === id)?.name ?? id) : t('webhooks.wholeOrganisation'));
  const error = setActive.error ?? rotate.error ?? remove.error ?? subs.error;
  return (
    <Stack gap="md" data-testid="webhooks-page">
      <Title order={2}>{t('webhooks.title')}</Title>
      <Text c="dimmed">{t('webhooks.intro')}</Text>
      <SubscriptionForm onSecret={setSecret} />
      {secret && (
        <Alert color="yellow" title={t('webhooks.secretTitle')} withCloseButton onClose={() => setSecret(null)}>
          <Code data-testid="webhook-secret">{secret}</Code>
          <Text fz="sm" mt={4}>
            {t('webhooks.secretHelp')}
          </Text>
        </Alert>
      )}
      {error && <Alert color="red">{errorText(error, t)}</Alert>}
      {subs.isPending && <Loader size="sm" />}
      {subs.data?.items.map((s) => (
        <Paper key={s.id} withBorder p="sm" data-testid="webhook-subscription">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={600} truncate>
                  {s.url}
                </Text>
                <Text fz="sm" c="dimmed">
                  {practiceName(s.practiceId)} · {s.events.map((e) => t(`webhooks.event.${e}` as MessageKey)).join(', ')}
                </Text>
              </Stack>
              <Badge color={s.active ? 'green' : 'red'} variant="light" data-testid="webhook-state">
                {s.active ? t('webhooks.active') : s.disabledReason === 'failures' ? t('webhooks.disabledFailures') : t('webhooks.disabled')}
              </Badge>
            </Group>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setOpen(open === s.id ? null : s.id)}>
                {t('webhooks.log')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setActive.mutate({ id: s.id, active: !s.active })}>
                {s.active ? t('webhooks.disable') : t('webhooks.enable')}
              </Button>
              <Button size="xs" variant="default" onClick={() => rotate.mutate(s.id, { onSuccess: (r) => setSecret(r.secret) })}>
                {t('webhooks.rotate')}
              </Button>
              <Button size="xs" color="red" variant="subtle" onClick={() => remove.mutate(s.id)}>
                {t('webhooks.delete')}
              </Button>
            </Group>
            {open === s.id && <DeliveryLog subscription={s} />}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
