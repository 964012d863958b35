/**
 * What the last booking, move or cancellation gave, in words the agent can read back to the caller:
 * patient, practitioner, date and time. A slot taken meanwhile says so plainly and offers the next ones
 * (Enter takes the first); a refusal gives the agenda rule in the agent's language.
 */
import { useEffect, useRef } from 'react';
import { Alert, Stack, Text } from '@mantine/core';
import { useI18n, type MessageKey, type Translate } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { MESSAGES } from '../app/messages.ts';
import { instantInWords } from './time.ts';
import { groupOfMotif } from './motifs.ts';
import { SlotRow } from './SlotRow.tsx';
import type { AgendaWorkspace } from './workspace.tsx';

/** An agenda rule (422 details.reason) in words. */
export function reasonText(reason: string, t: Translate): string {
  const key = `reason.${reason}`;
  return key in MESSAGES.fr ? t(key as MessageKey) : t('reason.other', { reason });
}

export function BookingBanner({ ws, names }: { ws: AgendaWorkspace; names: ReadonlyMap<string, string> }) {
  const { t, locale } = useI18n();
  const o = ws.outcome;
  const ref = useRef<HTMLDivElement>(null);
  // The banner may sit below the fold of a scrolled column: bring it into view when it changes.
  useEffect(() => {
    if (o) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [o]);
  if (!o) return null;
  if (o.kind === 'done') {
    const when = instantInWords(Date.parse(o.start), ws.zone, locale);
    const vars = {
      patient: o.patientName ?? '',
      practitioner: t('agenda.with', { practitioner: names.get(o.practitionerId) ?? '' }),
      when,
      motif: groupOfMotif(ws.groups, o.motifId)?.label ?? '',
    };
    return (
      <Alert ref={ref} color={o.action === 'cancelled' ? 'gray' : 'green'} p="xs" role="status" data-testid="booking-banner" data-action={o.action}>
        <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
          {o.action === 'cancelled'
            ? t('banner.cancelled', { patient: vars.patient, when })
            : t(o.action === 'booked' ? 'banner.booked' : 'banner.moved', vars)}
        </Text>
      </Alert>
    );
  }
  if (o.kind === 'taken') {
    return (
      <Alert ref={ref} color="orange" p="xs" title={t('banner.taken')} styles={{ body: { minWidth: 0 } }} role="alert" data-testid="conflict-banner">
        <Stack gap={2}>
          <Text fz="xs">{o.nextSlots.length ? t('banner.takenHint') : t('banner.takenNone')}</Text>
          {o.nextSlots.slice(0, 3).map((s, i) => (
            <SlotRow
              key={`${s.practitionerId}|${s.start}`}
              slot={s}
              zone={ws.zone}
              practitionerName={names.get(s.practitionerId) ?? ''}
              first={i === 0}
              onPick={() => ws.pick(s)}
              disabled={ws.pending}
              testId="conflict-slot"
            />
          ))}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert ref={ref} color="red" p="xs" role="alert" data-testid="booking-error">
      <Text fz="sm">{o.kind === 'refused' ? t('banner.refused', { reason: reasonText(o.reason, t) }) : errorText(o.error, t)}</Text>
    </Alert>
  );
}
