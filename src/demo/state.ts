/** What the parts of the demo seed hand to each other, and the shape of a part. */
import type { Queryable } from '../core/db/types.ts';
import type { Profession, Specialty } from '../practitioners/professions.ts';
import type { PracticeData } from './data/practices.ts';
import type { Rng } from './random.ts';

export interface DemoPractice {
  id: string;
  key: string;
  timeZone: string;
  data: PracticeData;
}

export interface DemoPractitioner {
  id: string;
  title: string | null;
  firstName: string;
  lastName: string;
  profession: Profession;
  specialty: Specialty | null;
  practiceKeys: string[];
}

export interface DemoAccount {
  email: string;
  role: string;
  /** What the account shows, in French: "Administratrice", "Agent — 8 cabinets"… */
  label: string;
}

export interface DemoState {
  organisationId: string;
  practices: DemoPractice[];
  practitioners: DemoPractitioner[];
  patientCount: number;
  accounts: DemoAccount[];
}

/** One part of the demo: writes its rows with the db and its own PRNG, and records what later parts need in state. */
export interface DemoPart {
  name: string;
  run(db: Queryable, rng: Rng, state: DemoState): Promise<void>;
}

export function practiceByKey(state: DemoState, key: string): DemoPractice {
  const p = state.practices.find((x) => x.key === key);
  if (!p) throw new Error(`demo practice ${key} not seeded`);
  return p;
}
