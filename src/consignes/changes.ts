/** What changed between the version of consignes a user last read and the current one, section by section. Pure. */
import { numberKey, orderSections, sectionKey, type ConsigneContent, type SectionKind } from './content.ts';
import { diffWords, type DiffPart } from './diff.ts';

export type ChangeStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface SectionChange {
  kind: SectionKind;
  title: string | null;
  status: ChangeStatus;
  /** The section's text as a word diff (all `equal` when unchanged). */
  parts: DiffPart[];
}

export interface NumberChange {
  label: string;
  number: string;
  status: ChangeStatus;
  /** The number it replaced, when changed. */
  previousNumber: string | null;
}

export interface ContentChanges {
  sections: SectionChange[];
  usefulNumbers: NumberChange[];
  /** False when the two versions say the same thing. */
  changed: boolean;
}

/**
 * Sections in the current order (emergencies first), each compared with the section of the same kind
 * (or, for free sections, the same title) before; sections since removed come last.
 */
export function contentChanges(before: ConsigneContent, after: ConsigneContent): ContentChanges {
  const old = new Map(before.sections.map((s) => [sectionKey(s), s]));
  const sections: SectionChange[] = orderSections(after.sections).map((s) => {
    const prev = old.get(sectionKey(s));
    old.delete(sectionKey(s));
    if (!prev) return { kind: s.kind, title: s.title, status: 'added', parts: s.body ? [{ op: 'insert', text: s.body }] : [] };
    const parts = diffWords(prev.body, s.body);
    return { kind: s.kind, title: s.title, status: prev.body === s.body ? 'unchanged' : 'changed', parts };
  });
  for (const s of orderSections([...old.values()])) {
    sections.push({ kind: s.kind, title: s.title, status: 'removed', parts: s.body ? [{ op: 'delete', text: s.body }] : [] });
  }

  const oldNumbers = new Map(before.usefulNumbers.map((n) => [numberKey(n), n]));
  const usefulNumbers: NumberChange[] = after.usefulNumbers.map((n) => {
    const prev = oldNumbers.get(numberKey(n));
    oldNumbers.delete(numberKey(n));
    if (!prev) return { label: n.label, number: n.number, status: 'added', previousNumber: null };
    return prev.number === n.number
      ? { label: n.label, number: n.number, status: 'unchanged', previousNumber: null }
      : { label: n.label, number: n.number, status: 'changed', previousNumber: prev.number };
  });
  for (const n of oldNumbers.values()) usefulNumbers.push({ label: n.label, number: n.number, status: 'removed', previousNumber: null });

  const changed = sections.some((s) => s.status !== 'unchanged') || usefulNumbers.some((n) => n.status !== 'unchanged');
  return { sections, usefulNumbers, changed };
}
