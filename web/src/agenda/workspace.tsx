/**
 * The agenda as the console uses it during a call: the practice on the line, the motif and practitioner
 * chosen, the patient to book for, and what happened (booked, moved, cancelled, slot taken, refused).
 * The finder, the agenda views and the caller's appointments share it, so a slot picked anywhere books
 * (or moves) the same way.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PracticeFile } from '../app/contracts.ts';
import { ApiError } from '../app/api.ts';
import { groupMotifs, groupOfMotif, type MotifGroup } from './motifs.ts';
import { useBook, useCancelAppointment, useMotifs, useMove, type Appointment, type CancelledBy, type NextSlotsSearch, type Slot } from './api.ts';
import { recordCallActivity } from './call-activity.ts';
import { useAgendaNav, type AgendaNav } from './navigation.ts';
import { todayIn } from './time.ts';
import { usePatient } from '../patients/api.ts';
import { useSelectedPatient } from '../patients/selected-patient.tsx';
import { patientName as formatPatientName } from '../patients/format.ts';

export type PartOfDay = 'any' | 'morning' | 'afternoon';

/** What the last action gave, shown in the banner. */
export type Outcome =
  | {
      kind: 'done';
      action: 'booked' | 'moved' | 'cancelled';
      patientId: string;
      patientName: string | null;
      practitionerId: string;
      start: string;
      motifId: string;
    }
  | { kind: 'taken'; nextSlots: Slot[] }
  | { kind: 'refused'; reason: string }
  | { kind: 'error'; error: unknown };

export interface AgendaWorkspace {
  practice: PracticeFile;
  zone: string;
  callId: string | null;
  groups: MotifGroup[];
  motifsPending: boolean;
  motifKey: string | null;
  chooseMotif(key: string | null): void;
  /** null = any practitioner (and all side by side in the day view). */
  practitionerId: string | null;
  choosePractitioner(id: string | null): void;
  partOfDay: PartOfDay;
  choosePartOfDay(p: PartOfDay): void;
  weekdays: number[];
  toggleWeekday(day: number): void;
  /** The patient selected in the caller panel. */
  patientId: string | null;
  patientName: string | null;
  /** The appointment being moved: the next slot picked moves it instead of booking. */
  moving: Appointment | null;
  startMove(a: Appointment): void;
  stopMove(): void;
  outcome: Outcome | null;
  /** False right after a booking: one Enter books once, a second does not book again. */
  armed: boolean;
  pending: boolean;
  /** Books the patient on the slot, or moves the appointment being moved there. */
  pick(slot: Slot): void;
  cancel(a: Appointment, by: CancelledBy, reason: string): Promise<boolean>;
  nav: AgendaNav;
}

const Ctx = createContext<AgendaWorkspace | null>(null);

/** The console's agenda workspace, or null outside the console (the practitioner's portal). */
export function useAgendaWorkspace(): AgendaWorkspace | null {
  return useContext(Ctx);
}

export function AgendaWorkspaceProvider(props: { practice: PracticeFile | null; patientId: string | null; callId: string | null; children: ReactNode }) {
  const value = useWorkspace(props.practice, props.patientId, props.callId);
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

/** The workspace's state and actions; null while no practice is on the line (hooks run all the same). */
function useWorkspace(practice: PracticeFile | null, patientId: string | null, callId: string | null): AgendaWorkspace | null {
  const zone = practice?.timeZone ?? 'Europe/Paris';
  const patient = usePatient(patientId);
  const patientName = patient.data ? formatPatientName(patient.data) : null;
  const practitioners = practice?.practitioners;
  const practitionerIds = useMemo(() => (practitioners ?? []).map((p) => p.id), [practitioners]);
  const motifs = useMotifs(practitionerIds);
  const groups = useMemo(() => groupMotifs(motifs.data ?? []), [motifs.data]);
  const [motifKey, setMotifKey] = useState<string | null>(null);
  const [practitionerId, setPractitionerId] = useState<string | null>(null);
  const [partOfDay, setPartOfDay] = useState<PartOfDay>('any');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [armed, setArmed] = useState(true);
  const nav = useAgendaNav(zone);
  const { setDate, setMode } = nav;
  const book = useBook();
  const move = useMove();
  const cancelMutation = useCancelAppointment();

  // A new call (or another practice) starts from a clean finder.
  useEffect(() => {
    setMotifKey(null);
    setPractitionerId(null);
    setPartOfDay('any');
    setWeekdays([]);
    setMoving(null);
    setOutcome(null);
    setArmed(true);
    setDate(todayIn(zone));
    setMode('day');
  }, [callId, practice?.id, zone, setDate, setMode]);
  useEffect(() => setArmed(true), [patientId]);
  // A practice with a single motif needs no choice.
  const onlyGroup = groups.length === 1 ? groups[0]!.key : null;
  // Declared after the reset above: on a new call it runs after it and chooses the motif again.
  useEffect(() => {
    if (onlyGroup) setMotifKey(onlyGroup);
  }, [onlyGroup, callId]);

  const rearm =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setArmed(true);
      setOutcome((o) => (o?.kind === 'done' ? o : null));
    };

  const fail = useCallback((error: unknown) => {
    if (error instanceof ApiError && error.code === 'slot_taken') {
      const nextSlots = Array.isArray(error.details.nextSlots) ? (error.details.nextSlots as Slot[]) : [];
      setOutcome({ kind: 'taken', nextSlots });
    } else if (error instanceof ApiError && error.code === 'rule_violation') {
      setOutcome({ kind: 'refused', reason: String(error.details.reason ?? '') });
    } else setOutcome({ kind: 'error', error });
  }, []);

  const pick = (slot: Slot) => {
    if (book.isPending || move.isPending) return;
    if (moving) {
      move.mutate(
        { id: moving.id, start: slot.start, practitionerId: slot.practitionerId, motifId: slot.motifId },
        {
          onSuccess: ({ appointment }) => {
            if (callId) recordCallActivity(callId, { action: 'moved', appointmentId: appointment.id, patientId: appointment.patientId });
            setOutcome({
              kind: 'done',
              action: 'moved',
              patientId: appointment.patientId,
              patientName: moving.patientName,
              practitionerId: appointment.practitionerId,
              start: appointment.start,
              motifId: appointment.motifId,
            });
            setMoving(null);
            setArmed(false);
          },
          onError: fail,
        },
      );
      return;
    }
    if (!patientId) return;
    book.mutate(
      { practitionerId: slot.practitionerId, patientId, motifId: slot.motifId, start: slot.start },
      {
        onSuccess: (appointment) => {
          if (callId) recordCallActivity(callId, { action: 'booked', appointmentId: appointment.id, patientId: appointment.patientId });
          setOutcome({
            kind: 'done',
            action: 'booked',
            patientId,
            patientName,
            practitionerId: appointment.practitionerId,
            start: appointment.start,
            motifId: appointment.motifId,
          });
          setArmed(false);
        },
        onError: fail,
      },
    );
  };

  const cancel = async (a: Appointment, by: CancelledBy, reason: string): Promise<boolean> => {
    try {
      const { appointment } = await cancelMutation.mutateAsync({ id: a.id, by, reason });
      if (callId) recordCallActivity(callId, { action: 'cancelled', appointmentId: appointment.id, patientId: appointment.patientId });
      setOutcome({
        kind: 'done',
        action: 'cancelled',
        patientId: a.patientId,
        patientName: a.patientName,
        practitionerId: a.practitionerId,
        start: a.start,
        motifId: a.motifId,
      });
      if (moving?.id === a.id) setMoving(null);
      return true;
    } catch (error) {
      fail(error);
      return false;
    }
  };

  if (!practice) return null;
  return {
    practice,
    zone,
    callId,
    groups,
    motifsPending: motifs.isPending,
    motifKey,
    chooseMotif: rearm(setMotifKey),
    practitionerId,
    choosePractitioner: rearm(setPractitionerId),
    partOfDay,
    choosePartOfDay: rearm(setPartOfDay),
    weekdays,
    toggleWeekday: rearm((day: number) => setWeekdays((w) => (w.includes(day) ? w.filter((d) => d !== day) : [...w, day].sort()))),
    patientId,
    patientName,
    moving,
    startMove: (a) => {
      setMoving(a);
      setOutcome(null);
      setArmed(true);
      const group = groupOfMotif(groups, a.motifId);
      if (group) setMotifKey(group.key);
      setPractitionerId(a.practitionerId);
    },
    stopMove: () => setMoving(null),
    outcome,
    armed,
    pending: book.isPending || move.isPending || cancelMutation.isPending,
    pick,
    cancel,
    nav,
  };
}

/** The finder's search for the workspace's choices, or null until a motif is chosen. */
export function finderSearch(ws: AgendaWorkspace, limit = 4): NextSlotsSearch | null {
  const group = ws.groups.find((g) => g.key === ws.motifKey);
  if (!group) return null;
  const ids = ws.practice.practitioners.map((p) => p.id).filter((id) => group.byPractitioner[id] !== undefined);
  const practitionerIds = ws.practitionerId ? ids.filter((id) => id === ws.practitionerId) : ids;
  return {
    practitionerIds,
    motifIds: practitionerIds.map((id) => group.byPractitioner[id]!),
    ...(ws.partOfDay !== 'any' ? { partOfDay: ws.partOfDay } : {}),
    ...(ws.weekdays.length ? { weekdays: ws.weekdays } : {}),
    limit,
  };
}

/** The console's provider: the workspace of the practice on the line, for the patient selected in the caller panel. */
export function ConsoleAgendaProvider({ practice, callId, children }: { practice: PracticeFile | null; callId: string | null; children: ReactNode }) {
  const { patientId } = useSelectedPatient();
  return (
    <AgendaWorkspaceProvider practice={practice} patientId={patientId} callId={callId}>
      {children}
    </AgendaWorkspaceProvider>
  );
}
