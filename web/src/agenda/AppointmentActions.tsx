/** Move or cancel a booked appointment from the console (the finder or a free slot then gives the new time). */
import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import type { Appointment } from './api.ts';
import { CancelForm } from './CancelForm.tsx';
import { useAgendaWorkspace } from './workspace.tsx';

export function AppointmentActions({ a, onDone }: { a: Appointment; onDone?: () => void }) {
  const t = useT();
  const ws = useAgendaWorkspace();
  const [cancelling, setCancelling] = useState(false);
  if (!ws || a.status !== 'booked' || Date.parse(a.end) <= Date.now()) return null;
  if (cancelling) {
    return (
      <CancelForm
        pending={ws.pending}
        onConfirm={async (by, reason) => {
          const ok = await ws.cancel(a, by, reason);
          if (ok) onDone?.();
          return ok;
        }}
        onKeep={() => setCancelling(false)}
      />
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Button
        size="compact-xs"
        variant="light"
        onClick={(e) => {
          // Enter must now reach the finder (move to its first slot), not press this button again.
          e.currentTarget.blur();
          ws.startMove(a);
          onDone?.();
        }}
        data-testid="move-appointment"
      >
        {t('agenda.move')}
      </Button>
      <Button size="compact-xs" variant="light" color="red" onClick={() => setCancelling(true)} data-testid="cancel-appointment">
        {t('agenda.cancelAppointment')}
      </Button>
    </Group>
  );
}
