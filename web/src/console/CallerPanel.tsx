/** Caller identification for the practice on the line: recognised by number, search, or quick creation (N). */
import { useEffect, useState } from 'react';
import { Button, Divider, Kbd, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useT } from '../app/i18n.tsx';
import { useShortcut } from '../app/shortcuts.tsx';
import { CallerMatches } from '../patients/CallerMatches.tsx';
import { PatientSearch } from '../patients/PatientSearch.tsx';
import { PatientCreateForm } from '../patients/PatientCreateForm.tsx';
import { PatientCard } from '../patients/PatientCard.tsx';
import { useSelectedPatient } from '../patients/selected-patient.tsx';

export function CallerPanel({ practiceId, callerNumber, callId }: { practiceId: string; callerNumber: string | null; callId: string }) {
  const t = useT();
  // Shared with the agenda (who to book for); forgotten by the provider when the next call arrives.
  const { patientId: selectedId, select: setSelectedId } = useSelectedPatient();
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    setCreating(false);
  }, [callId]);
  useShortcut('newPatient', () => setCreating(true), !creating);

  return (
    <Stack gap="sm" h="100%" style={{ minHeight: 0 }} data-testid="caller-panel">
      <ScrollArea style={{ flex: 1 }} offsetScrollbars>
        <Stack gap="sm">
          {selectedId && <PatientCard patientId={selectedId} />}
          <CallerMatches practiceId={practiceId} callerNumber={callerNumber} selectedId={selectedId} onSelect={(p) => setSelectedId(p.id)} />
          <Divider />
          <PatientSearch practiceId={practiceId} selectedId={selectedId} onSelect={(p) => setSelectedId(p.id)} />
        </Stack>
      </ScrollArea>
      <Button variant="light" onClick={() => setCreating(true)} rightSection={<Kbd size="xs">N</Kbd>} data-testid="new-patient">
        {t('patient.new')}
      </Button>
      <Modal opened={creating} onClose={() => setCreating(false)} title={<Text fw={700}>{t('patient.new')}</Text>} size="lg">
        {creating && (
          <PatientCreateForm
            practiceId={practiceId}
            callerNumber={callerNumber}
            onCreated={(p) => {
              setSelectedId(p.id);
              setCreating(false);
            }}
            onUseExisting={(id) => {
              setSelectedId(id);
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}
