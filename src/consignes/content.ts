/** What one version of consignes holds: text sections and useful numbers, and how they are ordered and compared. Pure. */

/**
 * The usual sections of consignes: emergencies (Urgences), booking rules (Prise de rendez-vous), who may be
 * put through (Transferts d'appel), what to refuse (À refuser), and free sections with their own title.
 */
export const SECTION_KINDS = ['emergencies', 'appointments', 'transfers', 'refusals', 'other'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface Section {
  kind: SectionKind;
  /** The heading of an 'other' section; null for the usual ones (the interface names them). */
  title: string | null;
  body: string;
}

/** A number the agent may give or dial: on-call doctor, pharmacy, lab, the 15… E.164, or a short number (15, 112, 3237). */
export interface UsefulNumber {
  label: string;
  number: string;
}

export interface ConsigneContent {
  sections: Section[];
  usefulNumbers: UsefulNumber[];
}

/** What identifies a section from one version to the next. */
export function sectionKey(s: Pick<Section, 'kind' | 'title'>): string {
  return s.kind === 'other' ? `other:${(s.title ?? '').trim().toLowerCase()}` : s.kind;
}

export function numberKey(n: Pick<UsefulNumber, 'label'>): string {
  return n.label.trim().toLowerCase();
}

/** Emergencies first, whatever the author's order; the other sections keep theirs. */
export function orderSections<T extends Pick<Section, 'kind'>>(sections: readonly T[]): T[] {
  return [...sections.filter((s) => s.kind === 'emergencies'), ...sections.filter((s) => s.kind !== 'emergencies')];
}

/** The first section key that appears twice, if any (a version holds each section once). */
export function duplicateSection(sections: readonly Section[]): number | null {
  const seen = new Set<string>();
  for (const [i, s] of sections.entries()) {
    const key = sectionKey(s);
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return null;
}

export function duplicateNumber(numbers: readonly UsefulNumber[]): number | null {
  const seen = new Set<string>();
  for (const [i, n] of numbers.entries()) {
    const key = numberKey(n);
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return null;
}

/** Two versions say the same thing (same sections in the same order, same numbers). */
export function sameContent(a: ConsigneContent, b: ConsigneContent): boolean {
  const norm = (c: ConsigneContent) =>
    JSON.stringify([orderSections(c.sections).map((s) => [s.kind, s.title, s.body]), c.usefulNumbers.map((n) => [n.label, n.number])]);
  return norm(a) === norm(b);
}
