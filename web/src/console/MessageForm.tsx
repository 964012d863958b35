/**
 * "Message au praticien" (M): type (urgent, task, dated task, home visit, information), the practitioner,
 * the patient selected in the caller panel (or none), a callback number prefilled with the caller's, and
 * the text; Ctrl+Enter sends it to POST /api/messages. The message is remembered for the call's wrap-up.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Checkbox, Group, Kbd, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../app/api.ts';
import type { PracticeFile } from '../app/contracts.ts';
import { errorText } from '../app/errors.ts';
import { useT, type MessageKey } from '../app/i18n.tsx';
import { formatPhone, toE164 } from '../app/phone.ts';
import { useShortcut } from '../app/shortcuts.tsx';
import { usePatient } from '../patients/api.ts';
import { patientName } from '../patients/format.ts';
import { useSelectedPatient } from '../patients/selected-patient.tsx';
import { practitionerName } from '../practices/Practitioners.tsx';
import type { MessageDto, MessageType, TemplateDto } from '../../../src/messages/schemas.ts';
import { recordSentMessage } from './MessageFormSent.tsx';

const TYPES: readonly MessageType[] = ['urgent', 'task', 'dated_task', 'home_visit', 'information'];

function useTemplates(practiceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['message-templates', practiceId],
    queryFn: () => get<{ items: TemplateDto[] }>(`/api/messages/templates${query({ practiceId })}`),
    enabled,
    staleTime: 60_000,
  });
}

interface FormProps {
  practice: PracticeFile;
  callerNumber: string | null;
  callId: string;
  onSent(m: MessageDto, practitioner: string): void;
  onCancel(): void;
}

function MessageFormBody({ practice, callerNumber, callId, onSent, onCancel }: FormProps) {
  const t = useT();
  const qc = useQueryClient();
  const selected = useSelectedPatient();
  const patient = usePatient(selected.patientId);
  const templates = useTemplates(practice.id, true);
  const only = practice.practitioners.length === 1 ? practice.practitioners[0]!.id : null;
  const [practitionerId, setPractitionerId] = useState<string | null>(only);
  const [type, setType] = useState<MessageType>('task');
  const [dueDate, setDueDate] = useState('');
  const [withPatient, setWithPatient] = useState(true);
  const [callback, setCallback] = useState(callerNumber ? formatPhone(callerNumber) : '');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const bodyInput = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    // The practitioner is usually known (one practitioner): straight to the text.
    if (only) bodyInput.current?.focus();
  }, [only]);

  const send = useMutation({
    mutationFn: (input: Record<string, unknown>) => post<MessageDto>('/api/messages', input),
    onSuccess: (m) => {
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'messages' });
      recordSentMessage(callId, { messageId: m.id, patientId: m.patientId });
      const who = practice.practitioners.find((p) => p.id === m.practitionerId);
      onSent(m, who ? practitionerName(who) : '');
    },
    onError: (e) => setProblem(errorText(e, t)),
  });

  const patientId = withPatient ? selected.patientId : null;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (send.isPending) return;
    if (!practitionerId) return setProblem(t('msg.needPractitioner'));
    const callbackNumber = callback.trim() ? toE164(callback) : null;
    if (callback.trim() && !callbackNumber) return setProblem(t('msg.badCallback'));
    if (type === 'dated_task' && !dueDate) return setProblem(t('msg.needDate'));
    if (!body.trim()) return bodyInput.current?.focus();
    setProblem(null);
    send.mutate({
      practiceId: practice.id,
      practitionerId,
      type,
      body,
      ...(patientId ? { patientId } : {}),
      ...(callbackNumber ? { callbackNumber } : {}),
      ...(type === 'dated_task' ? { dueDate } : {}),
    });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
  };
  const ofType = (templates.data?.items ?? []).filter((x) => x.type === type);

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} data-testid="message-form">
      <Stack gap="sm">
        <SegmentedControl
          fullWidth
          size="xs"
          value={type}
          onChange={(v) => setType(v as MessageType)}
          color={type === 'urgent' ? 'red' : 'blue'}
          data={TYPES.map((x) => ({ value: x, label: t(`msg.type.${x}` as MessageKey) }))}
          data-testid="message-type"
          aria-label={t('msg.type')}
        />
        <Group grow align="flex-start">
          <Select
            label={t('msg.practitioner')}
            data={practice.practitioners.map((p) => ({ value: p.id, label: practitionerName(p) }))}
            value={practitionerId}
            onChange={setPractitionerId}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-testid="message-practitioner"
          />
          {type === 'dated_task' && (
            <TextInput
              type="date"
              label={t('msg.dueDate')}
              value={dueDate}
              onChange={(e) => setDueDate(e.currentTarget.value)}
              name="dueDate"
              data-testid="message-due"
            />
          )}
        </Group>
        <Group grow align="flex-start">
          <Stack gap={2}>
            <Text fz="sm" fw={500}>
              {t('msg.patient')}
            </Text>
            {selected.patientId ? (
              <div data-testid="message-patient">
                <Checkbox
                  checked={withPatient}
                  onChange={(e) => setWithPatient(e.currentTarget.checked)}
                  label={patient.data ? patientName(patient.data) : t('msg.withPatient')}
                  styles={{ label: { overflowWrap: 'anywhere' } }}
                />
              </div>
            ) : (
              <Text fz="sm" c="dimmed">
                {t('msg.noPatient')}
              </Text>
            )}
          </Stack>
          <TextInput label={t('msg.callback')} value={callback} onChange={(e) => setCallback(e.currentTarget.value)} name="callbackNumber" autoComplete="off" />
        </Group>
        {ofType.length > 0 && (
          <Select
            label={t('msg.template')}
            data={ofType.map((x) => ({ value: x.id, label: x.label }))}
            value={null}
            onChange={(id) => {
              const tpl = ofType.find((x) => x.id === id);
              if (tpl) setBody((b) => (b.trim() ? `${b}\n${tpl.body}` : tpl.body));
              bodyInput.current?.focus();
            }}
            comboboxProps={{ withinPortal: true }}
            size="xs"
          />
        )}
        <Textarea
          ref={bodyInput}
          label={t('msg.body')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={4000}
          name="body"
          required
        />
        {problem && (
          <Text c="red" fz="sm" role="alert">
            {problem}
          </Text>
        )}
        <Group justify="space-between">
          <Text fz="xs" c="dimmed">
            {t('msg.sendHint')}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onCancel}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" color={type === 'urgent' ? 'red' : 'blue'} loading={send.isPending} data-testid="message-send">
              {t('msg.send')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** The console's button (M) that opens the form for the practice on the line; says when the message is sent. */
export function MessageFormButton({ practice, callerNumber, callId }: { practice: PracticeFile | null; callerNumber: string | null; callId: string | null }) {
  const t = useT();
  const [opened, setOpened] = useState(false);
  const [sent, setSent] = useState<{ callId: string; name: string } | null>(null);
  const ready = practice !== null && callId !== null;
  useShortcut('message', () => setOpened(true), ready && !opened);
  useEffect(() => setOpened(false), [callId]);
  if (!ready) return null;
  return (
    <Stack gap={4}>
      <Button variant="light" onClick={() => setOpened(true)} rightSection={<Kbd size="xs">M</Kbd>} data-testid="message-open">
        {t('msg.open')}
      </Button>
      {sent && sent.callId === callId && (
        <Text fz="xs" c="green" role="status" data-testid="message-sent">
          {t('msg.sent', { name: sent.name })}
        </Text>
      )}
      <Modal opened={opened} onClose={() => setOpened(false)} title={<Text fw={700}>{t('msg.title')}</Text>} size="lg">
        {opened && (
          <MessageFormBody
            practice={practice}
            callerNumber={callerNumber}
            callId={callId}
            onSent={(_m, name) => {
              setSent({ callId, name });
              setOpened(false);
            }}
            onCancel={() => setOpened(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}
