/** The practitioner subscribes his calendar to his agenda: a secret URL he creates, relabels or revokes. */
import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Loader, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { useCreateIcsFeed, useIcsFeed, useRelabelIcsFeed, useRevokeIcsFeed, type PatientLabel } from './api.ts';

const LABELS: readonly PatientLabel[] = ['initials', 'full_name', 'none'];

export function IcsFeedPage() {
  const { t, locale } = useI18n();
  const feed = useIcsFeed();
  const create = useCreateIcsFeed();
  const relabel = useRelabelIcsFeed();
  const revoke = useRevokeIcsFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [chosen, setChosen] = useState<PatientLabel>('initials');
  const current = feed.data?.feed ?? null;
  const label = current?.patientLabel ?? chosen;
  const when = (iso: string) => new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  const error = create.error ?? relabel.error ?? revoke.error ?? feed.error;

  const onLabel = (value: string) => {
    const next = value as PatientLabel;
    if (current) relabel.mutate(next);
    else setChosen(next);
  };
  const onCreate = () => create.mutate(label, { onSuccess: (f) => setUrl(f.url) });
  const onRevoke = () => revoke.mutate(undefined, { onSuccess: () => setUrl(null) });

  return (
    <Stack maw={720} gap="md" data-testid="ics-feed-page">
      <Title order={2}>{t('ics.title')}</Title>
      <Text>{t('ics.intro')}</Text>
      {feed.isLoading && <Loader size="sm" />}
      {error && <Alert color="red">{errorText(error, t)}</Alert>}
      <Radio.Group label={t('ics.label')} value={label} onChange={onLabel}>
        <Stack gap={6} mt={6}>
          {LABELS.map((l) => (
            <Radio key={l} value={l} label={t(`ics.label.${l}`)} data-testid={`ics-label-${l}`} />
          ))}
        </Stack>
      </Radio.Group>
      {relabel.isSuccess && (
        <Text fz="sm" c="teal">
          {t('ics.saved')}
        </Text>
      )}
      {url && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Group align="end" wrap="nowrap">
              <TextInput label={t('ics.url')} value={url} readOnly style={{ flex: 1 }} data-testid="ics-url" onFocus={(e) => e.currentTarget.select()} />
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? t('ics.copied') : t('ics.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text fz="sm" c="dimmed">
              {t('ics.secret')}
            </Text>
          </Stack>
        </Paper>
      )}
      {current ? (
        <Stack gap={4}>
          <Text data-testid="ics-active">{t('ics.active', { date: when(current.createdAt) })}</Text>
          <Text fz="sm" c="dimmed">
            {current.lastReadAt ? t('ics.lastRead', { date: when(current.lastReadAt) }) : t('ics.neverRead')}
          </Text>
          <Group mt="xs">
            <Button variant="default" onClick={onCreate} loading={create.isPending}>
              {t('ics.renew')}
            </Button>
            <Button color="red" variant="light" onClick={onRevoke} loading={revoke.isPending} data-testid="ics-revoke">
              {t('ics.revoke')}
            </Button>
          </Group>
        </Stack>
      ) : (
        !feed.isLoading && (
          <Stack gap="xs" align="flex-start">
            <Text>{revoke.isSuccess ? t('ics.revoked') : t('ics.none')}</Text>
            <Button onClick={onCreate} loading={create.isPending} data-testid="ics-create">
              {t('ics.create')}
            </Button>
          </Stack>
        )
      )}
    </Stack>
  );
}
