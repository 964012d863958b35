/**
 * The demo accounts, all with the password `relais-demo`: one per role, six agents each working for 5–12
 * practices (overlapping, each the dedicated secretary of one or two), and Dr Claire Martin's own account.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../core/auth/passwords.ts';
import type { Role } from '../core/auth/roles.ts';
import { insertRows } from './insert.ts';
import { DR_MARTIN } from './practitioners.ts';
import { practiceByKey, type DemoAccount, type DemoPart } from './state.ts';

export const DEMO_PASSWORD = 'relais-demo';
export const DEMO_EMAIL_DOMAIN = 'demo.relais.fr';

interface AccountSpec {
  local: string;
  role: Role;
  displayName: string;
  label: string;
}

const STAFF: readonly AccountSpec[] = [
  { local: 'admin', role: 'admin', displayName: 'Sophie Marchand', label: 'Administratrice' },
  { local: 'superviseur', role: 'supervisor', displayName: 'Karim Haddad', label: 'Superviseur' },
  { local: 'formateur', role: 'trainer', displayName: 'Isabelle Roux', label: 'Formatrice' },
];

const AGENTS: readonly (readonly [displayName: string, practices: number])[] = [
  ['Fanja Rakotomalala', 8],
  ['Salma El Idrissi', 10],
  ['Julie Lefèvre', 6],
  ['Mickaël Hoarau', 12],
  ['Nadia Benali', 9],
  ['Ophélie Louis-Sidney', 7],
];

/** The practices the trainer follows: she trains new agents on them. */
const TRAINER_PRACTICES = ['paris-vavin', 'lyon-part-dieu', 'fort-de-france-savane'];

export const DEMO_EMAILS = [
  ...STAFF.map((s) => `${s.local}@${DEMO_EMAIL_DOMAIN}`),
  ...AGENTS.map((_, i) => `agent${i + 1}@${DEMO_EMAIL_DOMAIN}`),
  `dr.martin@${DEMO_EMAIL_DOMAIN}`,
];

export const usersPart: DemoPart = {
  name: 'users',
  async run(db, rng, state) {
    const users: unknown[][] = [];
    const assignments: unknown[][] = [];
    const add = async (email: string, role: Role, displayName: string, label: string, practitionerId: string | null = null) => {
      const id = randomUUID();
      users.push([id, state.organisationId, email, displayName, role, await hashPassword(DEMO_PASSWORD), practitionerId]);
      state.accounts.push({ email, role, label } satisfies DemoAccount);
      return id;
    };

    for (const s of STAFF) {
      const id = await add(`${s.local}@${DEMO_EMAIL_DOMAIN}`, s.role, s.displayName, s.label);
      if (s.role === 'trainer') for (const key of TRAINER_PRACTICES) assignments.push([id, practiceByKey(state, key).id, false]);
    }

    // Every practice gets at least one agent (round robin over a shuffled list), then agents fill up to their
    // own number of practices; each practice has at most one dedicated secretary.
    const order = rng.shuffle(state.practices.map((p) => p.id));
    const sets = AGENTS.map(() => new Set<string>());
    order.forEach((practiceId, i) => sets[i % AGENTS.length]!.add(practiceId));
    const dedicatedTaken = new Set<string>();
    for (const [i, [displayName, target]] of AGENTS.entries()) {
      const mine = sets[i]!;
      const primary = [...mine];
      for (const practiceId of rng.shuffle(order)) {
        if (mine.size >= target) break;
        mine.add(practiceId);
      }
      const dedicated = new Set(primary.filter((p) => !dedicatedTaken.has(p)).slice(0, rng.int(1, 2)));
      for (const p of dedicated) dedicatedTaken.add(p);
      const id = await add(`agent${i + 1}@${DEMO_EMAIL_DOMAIN}`, 'agent', displayName, `Agent — ${mine.size} cabinets`);
      for (const practiceId of mine) assignments.push([id, practiceId, dedicated.has(practiceId)]);
    }

    const martin = state.practitioners.find(
      (p) => p.firstName === DR_MARTIN.firstName && p.lastName === DR_MARTIN.lastName && p.practiceKeys.includes(DR_MARTIN.practiceKey),
    );
    if (!martin) throw new Error('demo: Dr Claire Martin is missing');
    await add(
      `dr.martin@${DEMO_EMAIL_DOMAIN}`,
      'practitioner',
      'Dr Claire Martin',
      `Praticienne — ${practiceByKey(state, DR_MARTIN.practiceKey).data.name}`,
      martin.id,
    );

    await insertRows(db, 'users', ['id', 'organisation_id', 'email', 'display_name', 'role', 'password_hash', 'practitioner_id'], users);
    await insertRows(db, 'user_practices', ['user_id', 'practice_id', 'dedicated'], assignments);
  },
};
