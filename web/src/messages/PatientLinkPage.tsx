/**
 * The page a signed link opens, without signing in: the patient sees his appointment and confirms,
 * cancels or moves it (before the practice's deadline); accepts or declines a waitlist offer; a
 * practitioner or an escalation contact acknowledges an urgent message.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Center, Container, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../app/api.ts';
import { errorText, isApiError } from '../app/errors.ts';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { formatLongInstant } from './format.ts';

interface Place {
  practiceName: string;
  phone: string | null;
  address: string | null;
  floor: string | null;
  digicode: string | null;
  parking: string | null;
  transport: string | null;
  accessNotes: string | null;
}
interface AppointmentView {
  kind: 'appointment';
  status: 'booked' | 'honoured' | 'cancelled' | 'no_show';
  start: string;
  timeZone: string;
  practitionerName: string;
  place: Place;
  changeDeadline: string;
  canChange: boolean;
  confirmedAt: string | null;
}
interface OfferView {
  kind: 'offer';
  status: 'open' | 'taken' | 'expired';
  answer: 'offered' | 'accepted' | 'refused' | 'declined';
  start: string;
  expiresAt: string;
  timeZone: string;
  practitionerName: string;
  place: Place;
}
interface MessageView {
  kind: 'message';
  messageType: string;
  practitionerName: string;
  createdAt: string;
  acknowledgedAt: string | null;
}
type LinkView = AppointmentView | OfferView | MessageView;

function PlaceBlock({ place }: { place: Place }) {
  const { t } = useI18n();
  const access = [place.floor, place.digicode && `code ${place.digicode}`, place.parking, place.transport, place.accessNotes].filter(Boolean).join(' · ');
  return (
    <Stack gap={2}>
      <Text fw={600}>{place.practiceName}</Text>
      {place.address && <Text>{place.address}</Text>}
      {access && (
        <Text fz="sm" c="dimmed">
          {t('link.access')} : {access}
        </Text>
      )}
      {place.phone && <Text fz="sm">{t('link.phone', { phone: place.phone })}</Text>}
    </Stack>
  );
}

function useLinkAction(token: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: unknown }) => post<unknown>(`/api/public/links/${token}/${action}`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['public-link', token] }),
  });
}

function AppointmentPanel({ token, view }: { token: string; view: AppointmentView }) {
  const { t, locale } = useI18n();
  const act = useLinkAction(token);
  const [moving, setMoving] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const slots = useQuery({
    queryKey: ['public-link', token, 'slots'],
    queryFn: () => get<{ items: { start: string }[] }>(`/api/public/links/${token}/slots`),
    enabled: moving,
  });
  const when = (iso: string) => formatLongInstant(iso, locale, view.timeZone);
  const active = view.status === 'booked';
  return (
    <Stack gap="md">
      <Title order={2}>{t('link.title')}</Title>
      <Text fz="xl" fw={700} data-testid="link-when">
        {when(view.start)}
      </Text>
      <Text>{t('link.with', { name: view.practitionerName })}</Text>
      <Text fw={600} c={active ? 'green' : 'red'}>
        {t(`link.status.${view.status}` as MessageKey)}
      </Text>
      <PlaceBlock place={view.place} />
      {act.isError && <Alert color="red">{errorText(act.error, t)}</Alert>}
      {active && (
        <>
          {view.confirmedAt ? (
            <Alert color="green">{t('link.confirmed')}</Alert>
          ) : (
            <Button onClick={() => act.mutate({ action: 'confirm' })} loading={act.isPending} data-testid="link-confirm">
              {t('link.confirm')}
            </Button>
          )}
          {view.canChange ? (
            <>
              <Text fz="sm" c="dimmed">
                {t('link.deadline', { at: when(view.changeDeadline) })}
              </Text>
              <Group grow>
                <Button variant="default" onClick={() => setMoving((v) => !v)} data-testid="link-move">
                  {t('link.move')}
                </Button>
                {cancelling ? (
                  <Button color="red" onClick={() => act.mutate({ action: 'cancel' })} loading={act.isPending} data-testid="link-cancel-sure">
                    {t('link.cancelSure')}
                  </Button>
                ) : (
                  <Button color="red" variant="light" onClick={() => setCancelling(true)} data-testid="link-cancel">
                    {t('link.cancel')}
                  </Button>
                )}
              </Group>
              {moving &&
                (slots.isPending ? (
                  <Loader size="sm" />
                ) : slots.data?.items.length ? (
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                    {slots.data.items.map((s) => (
                      <Button
                        key={s.start}
                        variant="outline"
                        onClick={() => act.mutate({ action: 'move', body: { start: s.start } }, { onSuccess: () => setMoving(false) })}
                      >
                        {when(s.start)}
                      </Button>
                    ))}
                  </SimpleGrid>
                ) : (
                  <Text c="dimmed">{t('link.noSlots')}</Text>
                ))}
            </>
          ) : (
            <Alert color="yellow">{t('link.tooLate')}</Alert>
          )}
        </>
      )}
    </Stack>
  );
}

function OfferPanel({ token, view }: { token: string; view: OfferView }) {
  const { t, locale } = useI18n();
  const act = useLinkAction(token);
  const when = (iso: string) => formatLongInstant(iso, locale, view.timeZone);
  let outcome: ReactNode = null;
  if (view.answer === 'accepted') outcome = <Alert color="green">{t('link.booked')}</Alert>;
  else if (view.answer === 'declined') outcome = <Alert color="blue">{t('link.declined')}</Alert>;
  else if (view.answer === 'refused' || view.status !== 'open') outcome = <Alert color="yellow">{t('link.closed')}</Alert>;
  return (
    <Stack gap="md">
      <Title order={2}>{t('link.offerTitle')}</Title>
      <Text fz="xl" fw={700}>
        {when(view.start)}
      </Text>
      <Text>{t('link.with', { name: view.practitionerName })}</Text>
      <PlaceBlock place={view.place} />
      {act.isError && !isApiError(act.error, 'offer_unavailable') && <Alert color="red">{errorText(act.error, t)}</Alert>}
      {outcome ?? (
        <>
          <Text fz="sm">{t('link.offerOpen', { at: when(view.expiresAt) })}</Text>
          <Group grow>
            <Button onClick={() => act.mutate({ action: 'accept' })} loading={act.isPending} data-testid="link-accept">
              {t('link.accept')}
            </Button>
            <Button variant="default" onClick={() => act.mutate({ action: 'decline' })} disabled={act.isPending}>
              {t('link.decline')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

function MessagePanel({ token, view }: { token: string; view: MessageView }) {
  const { t, locale } = useI18n();
  const act = useLinkAction(token);
  const at = (iso: string) => formatLongInstant(iso, locale, Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <Stack gap="md">
      <Title order={2}>{t('link.messageTitle')}</Title>
      <Text>{t('link.messageFor', { type: t(`msg.type.${view.messageType}` as MessageKey), name: view.practitionerName, at: at(view.createdAt) })}</Text>
      {act.isError && <Alert color="red">{errorText(act.error, t)}</Alert>}
      {view.acknowledgedAt ? (
        <Alert color="green">{t('link.acked', { at: at(view.acknowledgedAt) })}</Alert>
      ) : (
        <Button color="red" onClick={() => act.mutate({ action: 'acknowledge' })} loading={act.isPending} data-testid="link-ack">
          {t('link.ack')}
        </Button>
      )}
    </Stack>
  );
}

export function PatientLinkPage({ token }: { token: string }) {
  const { t } = useI18n();
  const link = useQuery({ queryKey: ['public-link', token], queryFn: () => get<LinkView>(`/api/public/links/${token}`) });
  let content: ReactNode;
  if (link.isPending)
    content = (
      <Center>
        <Loader />
      </Center>
    );
  else if (link.isError)
    content = (
      <Alert color="red" data-testid="link-error">
        {errorText(link.error, t)}
      </Alert>
    );
  else if (link.data.kind === 'appointment') content = <AppointmentPanel token={token} view={link.data} />;
  else if (link.data.kind === 'offer') content = <OfferPanel token={token} view={link.data} />;
  else content = <MessagePanel token={token} view={link.data} />;
  return (
    <Container size="xs" py="xl" data-testid="patient-link">
      <Group justify="space-between" mb="md">
        <Title order={3}>Relais</Title>
        <LanguageSwitch />
      </Group>
      <Paper withBorder p="lg">
        {content}
      </Paper>
    </Container>
  );
}
