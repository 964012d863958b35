/**
 * The public booking page (/rdv/{slug}), mobile first: practitioner and online motif, a free slot, identity
 * and mobile, the SMS code, then the confirmation with the access directions, the motif's instructions and
 * the move/cancel link. A slot taken meanwhile offers the next ones.
 */
import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Center, Container, Group, Loader, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { errorText, isApiError } from '../app/errors.ts';
import { useI18n } from '../app/i18n.tsx';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { formatLongInstant } from '../messages/format.ts';
import { askCode, confirmCode, useBookingPage, useOnlineSlots, type BookingPage, type Confirmation, type Identity, type Slot } from './api.ts';

const VISIBLE_SLOTS = 12;

function dayKey(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

function SlotButtons({ slots, timeZone, onPick }: { slots: Slot[]; timeZone: string; onPick: (s: Slot) => void }) {
  const { locale } = useI18n();
  const days = useMemo(() => {
    const m = new Map<string, Slot[]>();
    for (const s of slots) m.set(dayKey(s.start, timeZone), [...(m.get(dayKey(s.start, timeZone)) ?? []), s]);
    return [...m.values()];
  }, [slots, timeZone]);
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  return (
    <Stack gap="sm">
      {days.map((day) => (
        <Stack key={day[0]!.start} gap={4}>
          <Text fw={600} component="h3" fz="md" m={0}>
            {new Intl.DateTimeFormat(intl, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(day[0]!.start))}
          </Text>
          <SimpleGrid cols={4} spacing={6}>
            {day.map((s) => (
              <Button key={s.start} variant="light" size="sm" px={4} onClick={() => onPick(s)} data-testid="online-slot">
                {new Intl.DateTimeFormat(intl, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(s.start))}
              </Button>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

function Choose({ slug, page, onPick }: { slug: string; page: BookingPage; onPick: (o: { practitionerId: string; motifId: string; slot: Slot }) => void }) {
  const { t } = useI18n();
  const [practitionerId, setPractitionerId] = useState<string | null>(page.practitioners.length === 1 ? page.practitioners[0]!.id : null);
  const [motifId, setMotifId] = useState<string | null>(null);
  const [shown, setShown] = useState(VISIBLE_SLOTS);
  const practitioner = page.practitioners.find((p) => p.id === practitionerId);
  const slots = useOnlineSlots(slug, practitionerId, motifId);
  if (page.practitioners.length === 0) return <Alert color="yellow">{t('online.noMotif')}</Alert>;
  return (
    <Stack gap="md">
      <Title order={2} fz="lg">
        {t('online.step.choose')}
      </Title>
      {page.practitioners.length > 1 && (
        <Radio.Group label={t('online.practitioner')} value={practitionerId ?? ''} onChange={(v) => (setPractitionerId(v), setMotifId(null))}>
          <Stack gap={6} mt={6}>
            {page.practitioners.map((p) => (
              <Radio key={p.id} value={p.id} label={p.name} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {practitioner && (
        <Radio.Group label={t('online.motif')} value={motifId ?? ''} onChange={(v) => (setMotifId(v), setShown(VISIBLE_SLOTS))}>
          <Stack gap={6} mt={6}>
            {practitioner.motifs.map((m) => (
              <Radio key={m.id} value={m.id} label={`${m.label} (${t('online.minutes', { n: m.durationMinutes })})`} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {motifId && (
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('online.step.slot')}
          </Title>
          {slots.isPending && <Loader size="sm" aria-label="…" />}
          {slots.error && <Alert color="red">{errorText(slots.error, t)}</Alert>}
          {slots.data && slots.data.items.length === 0 && <Alert color="yellow">{t('online.noSlot')}</Alert>}
          {slots.data && (
            <SlotButtons
              slots={slots.data.items.slice(0, shown)}
              timeZone={page.timeZone}
              onPick={(slot) => onPick({ practitionerId: practitionerId!, motifId, slot })}
            />
          )}
          {slots.data && slots.data.items.length > shown && (
            <Button variant="default" onClick={() => setShown(shown + VISIBLE_SLOTS)}>
              {t('online.moreSlots')}
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function Done({ c }: { c: Confirmation }) {
  const { t, locale } = useI18n();
  const site = c.practice.sites[0];
  return (
    <Paper withBorder p="md" data-testid="online-confirmation">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {c.awaitingConfirmation ? t('online.awaiting') : t('online.done')}
        </Title>
        <Text fw={600}>{formatLongInstant(c.appointment.start, locale, c.practice.timeZone)}</Text>
        <Text>
          {c.motif.label} — {t('online.with', { name: c.practitioner })}
        </Text>
        {c.motif.instructions && (
          <Alert color="blue" title={t('online.instructions')}>
            {c.motif.instructions}
          </Alert>
        )}
        {site && (
          <Stack gap={2}>
            <Title order={3} fz="md">
              {t('online.access')}
            </Title>
            <Text>{c.practice.name}</Text>
            <Text>
              {site.addressLine}, {site.postalCode} {site.city}
            </Text>
            {site.floor && <Text>{t('online.floor', { v: site.floor })}</Text>}
            {site.digicode && <Text>{t('online.digicode', { v: site.digicode })}</Text>}
            {site.parking && <Text>{t('online.parking', { v: site.parking })}</Text>}
            {site.transport && <Text>{t('online.transport', { v: site.transport })}</Text>}
            {site.accessNotes && <Text>{site.accessNotes}</Text>}
          </Stack>
        )}
        <Anchor href={c.manageUrl} c="blue.9" fw={600} data-testid="online-manage">
          {t('online.manage')}
        </Anchor>
        <Text fz="sm">{t('online.manageHelp')}</Text>
      </Stack>
    </Paper>
  );
}

export function OnlineBookingPage({ slug }: { slug: string }) {
  const { t, locale } = useI18n();
  const page = useBookingPage(slug);
  const [choice, setChoice] = useState<{ practitionerId: string; motifId: string; slot: Slot } | null>(null);
  const [identity, setIdentity] = useState<Identity>({ birthName: '', firstGivenName: '', birthDate: '', sex: 'F', mobilePhone: '', email: null });
  const [requestId, setRequestId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const ask = useMutation({
    mutationFn: () => askCode(slug, { ...identity, practitionerId: choice!.practitionerId, motifId: choice!.motifId, start: choice!.slot.start }),
  });
  const confirm = useMutation({ mutationFn: (start?: string) => confirmCode(slug, requestId!, { code, ...(start ? { start } : {}) }) });
  const nextSlots = isApiError(confirm.error, 'slot_taken') ? ((confirm.error.details['nextSlots'] as Slot[] | undefined) ?? []) : [];
  const field = (key: keyof Identity) => ({
    value: identity[key] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setIdentity({ ...identity, [key]: key === 'email' && !e.currentTarget.value ? null : e.currentTarget.value }),
    required: key !== 'email',
  });

  return (
    <Container size={480} px="sm" py="md" component="main">
      <Group justify="space-between" align="start" wrap="nowrap" mb="sm">
        <Stack gap={0}>
          <Title order={1} fz="xl">
            {t('online.title')}
          </Title>
          {page.data && <Text fw={500}>{page.data.name}</Text>}
        </Stack>
        <LanguageSwitch />
      </Group>
      {page.isPending && (
        <Center>
          <Loader aria-label="…" />
        </Center>
      )}
      {page.error && <Alert color="red">{isApiError(page.error, 'not_found') ? t('online.unknown') : errorText(page.error, t)}</Alert>}
      {page.data && confirm.data && <Done c={confirm.data} />}
      {page.data && !confirm.data && !choice && <Choose slug={slug} page={page.data} onPick={setChoice} />}
      {page.data && !confirm.data && choice && (
        <Stack gap="md">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600}>{t('online.chosen', { when: formatLongInstant(choice.slot.start, locale, page.data.timeZone) })}</Text>
            <Button variant="default" size="xs" onClick={() => (setChoice(null), setRequestId(null), ask.reset(), confirm.reset())}>
              {t('online.change')}
            </Button>
          </Group>
          {!requestId && (
            <form onSubmit={(e) => (e.preventDefault(), ask.mutate(undefined, { onSuccess: (r) => setRequestId(r.requestId) }))} data-testid="online-identity">
              <Stack gap="sm">
                <Title order={2} fz="lg">
                  {t('online.step.identity')}
                </Title>
                <TextInput label={t('online.birthName')} autoComplete="family-name" {...field('birthName')} />
                <TextInput label={t('online.firstName')} autoComplete="given-name" {...field('firstGivenName')} />
                <TextInput label={t('online.birthDate')} type="date" autoComplete="bday" {...field('birthDate')} />
                <Radio.Group label={t('online.sex')} value={identity.sex} onChange={(v) => setIdentity({ ...identity, sex: v as Identity['sex'] })}>
                  <Group gap="md" mt={6}>
                    {(['F', 'M', 'I'] as const).map((s) => (
                      <Radio key={s} value={s} label={t(`online.sex.${s}`)} />
                    ))}
                  </Group>
                </Radio.Group>
                <TextInput
                  label={t('online.mobile')}
                  description={t('online.mobileHelp')}
                  styles={{ description: { color: 'var(--mantine-color-gray-8)' } }}
                  type="tel"
                  autoComplete="tel"
                  inputMode="tel"
                  {...field('mobilePhone')}
                />
                <TextInput label={t('online.email')} type="email" autoComplete="email" {...field('email')} />
                {ask.error && <Alert color="red">{errorText(ask.error, t)}</Alert>}
                <Button type="submit" color="blue.8" loading={ask.isPending}>
                  {t('online.sendCode')}
                </Button>
              </Stack>
            </form>
          )}
          {requestId && (
            <form onSubmit={(e) => (e.preventDefault(), confirm.mutate(undefined))} data-testid="online-code">
              <Stack gap="sm">
                <Title order={2} fz="lg">
                  {t('online.step.code')}
                </Title>
                <TextInput
                  label={t('online.code')}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                />
                {confirm.error && !nextSlots.length && <Alert color="red">{errorText(confirm.error, t)}</Alert>}
                {nextSlots.length > 0 && (
                  <Stack gap="xs">
                    <Alert color="yellow">{t('online.taken')}</Alert>
                    <SlotButtons slots={nextSlots} timeZone={page.data.timeZone} onPick={(s) => (setChoice({ ...choice, slot: s }), confirm.mutate(s.start))} />
                  </Stack>
                )}
                {!nextSlots.length && (
                  <Button type="submit" color="blue.8" loading={confirm.isPending}>
                    {t('online.confirm')}
                  </Button>
                )}
              </Stack>
            </form>
          )}
        </Stack>
      )}
    </Container>
  );
}
