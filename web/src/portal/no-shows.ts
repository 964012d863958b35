/** No-shows per patient over a list of appointments, most missed first. Pure. */
export interface NoShowCount {
  patientId: string;
  patientName: string;
  unexcused: number;
  excused: number;
}

export function noShowCounts(
  appointments: readonly { patientId: string; patientName: string; status: string; noShowExcused: boolean | null }[],
): NoShowCount[] {
  const byPatient = new Map<string, NoShowCount>();
  for (const a of appointments) {
    if (a.status !== 'no_show') continue;
    const c = byPatient.get(a.patientId) ?? { patientId: a.patientId, patientName: a.patientName, unexcused: 0, excused: 0 };
    if (a.noShowExcused) c.excused++;
    else c.unexcused++;
    byPatient.set(a.patientId, c);
  }
  return [...byPatient.values()].sort((a, b) => b.unexcused - a.unexcused || b.excused - a.excused || a.patientName.localeCompare(b.patientName, 'fr'));
}
