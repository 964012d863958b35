/**
 * The patient the agent is dealing with on the current call: chosen in the caller panel, used by the
 * agenda (who to book for) and by any form of the call. Forgotten when the next call arrives.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';

interface SelectedPatient {
  patientId: string | null;
  select(patientId: string | null): void;
}

const Ctx = createContext<SelectedPatient | null>(null);

export function SelectedPatientProvider({ callId, children }: { callId: string | null; children: ReactNode }) {
  const [chosen, setChosen] = useState<{ callId: string | null; patientId: string | null }>({ callId: null, patientId: null });
  const value: SelectedPatient = {
    // A choice made on another call does not carry over.
    patientId: chosen.callId === callId ? chosen.patientId : null,
    select: (patientId) => setChosen({ callId, patientId }),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The selected patient of the call; outside a provider, a local choice (the panel still works alone). */
export function useSelectedPatient(): SelectedPatient {
  const shared = useContext(Ctx);
  const [local, setLocal] = useState<string | null>(null);
  return shared ?? { patientId: local, select: setLocal };
}
