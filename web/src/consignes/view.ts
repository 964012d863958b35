/** What the consignes panel shows of one set: its sections and numbers, with their changes when there are some. Pure. */
import type { ConsigneSetView } from './api.ts';

/** One run of a word diff: kept, inserted or removed text. */
export type DiffPart = NonNullable<ConsigneSetView['changes']>['sections'][number]['parts'][number];

type Status = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ShownSection {
  kind: ConsigneSetView['sections'][number]['kind'];
  title: string | null;
  status: Status;
  parts: DiffPart[];
}

export interface ShownNumber {
  label: string;
  number: string;
  status: Status;
  previousNumber: string | null;
}

/** Emergencies first; with changes since the last read, each section as a diff and the removed ones last. */
export function shownSections(set: ConsigneSetView): ShownSection[] {
  if (set.changes) return set.changes.sections;
  return set.sections.map((s) => ({ kind: s.kind, title: s.title, status: 'unchanged', parts: s.body ? [{ op: 'equal', text: s.body }] : [] }));
}

export function shownNumbers(set: ConsigneSetView): ShownNumber[] {
  if (set.changes) return set.changes.usefulNumbers;
  return set.usefulNumbers.map((n) => ({ ...n, status: 'unchanged', previousNumber: null }));
}

/** Something in this set reads differently from what the user last acknowledged. */
export function hasVisibleChanges(set: ConsigneSetView): boolean {
  return !!set.changes && (set.changes.sections.some((s) => s.status !== 'unchanged') || set.changes.usefulNumbers.some((n) => n.status !== 'unchanged'));
}
