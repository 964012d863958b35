/**
 * Health data stays out of SMS (DESIGN invariant 7): no motif ever reaches an SMS template, and any
 * free text that would (a practice called "Centre d'ophtalmologie", access notes naming a specialty)
 * is left out. A word is sensitive when it starts with a profession or specialty stem. Pure.
 */
import { searchKey } from '../core/text.ts';
import { PROFESSIONS, SPECIALTIES } from '../practitioners/professions.ts';

// Stems catch the derived words ("cardiologue", "kiné", "pédiatre", "gynéco") the labels alone miss.
const STEMS = [
  'allergo',
  'anesth',
  'angio',
  'cardio',
  'chirurg',
  'dentist',
  'dentair',
  'dermato',
  'endocrin',
  'gastro',
  'geriat',
  'gyneco',
  'gynae',
  'kine',
  'kinesi',
  'maieut',
  'medecin',
  'nephro',
  'neuro',
  'obstetr',
  'oncolo',
  'ophtalm',
  'ophthalm',
  'orthodont',
  'orthophon',
  'orthopt',
  'osteo',
  'pediat',
  'paediat',
  'physio',
  'pneumo',
  'podo',
  'psych',
  'radiolog',
  'reeduc',
  'rhumato',
  'rheumato',
  'stomato',
  'urolog',
  'venerolo',
  'infirm',
  'midwi',
  'sage femme',
];

function labelKeys(): string[] {
  const keys = new Set<string>();
  for (const table of [PROFESSIONS, SPECIALTIES] as const) {
    for (const [code, l] of Object.entries(table)) {
      keys.add(searchKey(code.replace(/_/g, ' ')));
      keys.add(searchKey(l.fr));
      keys.add(searchKey(l.en));
    }
  }
  return [...keys].filter((k) => k.length >= 3);
}

const LABELS = labelKeys();

/** True when the text names (or derives from) a profession or specialty. */
export function isSensitive(text: string): boolean {
  const key = ` ${searchKey(text)} `;
  if (LABELS.some((l) => key.includes(` ${l} `))) return true;
  return STEMS.some((stem) => key.includes(` ${stem}`));
}

/** The text, or null when it must not appear in an SMS. */
export function smsSafe(text: string | null | undefined): string | null {
  if (!text) return null;
  return isSensitive(text) ? null : text;
}

/** Every word list the no-health-data test checks an SMS against. */
export function sensitiveLabels(): { professions: string[]; specialties: string[] } {
  return {
    professions: Object.values(PROFESSIONS).flatMap((l) => [l.fr, l.en]),
    specialties: Object.values(SPECIALTIES).flatMap((l) => [l.fr, l.en]),
  };
}
