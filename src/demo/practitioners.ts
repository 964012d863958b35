/** The demo's ~60 practitioners: varied professions, valid RPPS numbers, some working in two practices. */
import { randomUUID } from 'node:crypto';
import type { Profession } from '../practitioners/professions.ts';
import { SHARED_PRACTITIONERS } from './data/practices.ts';
import { fakeRpps } from './identifiers.ts';
import { insertRows } from './insert.ts';
import { givenName, surname, type Sex } from './people.ts';
import { practiceByKey, type DemoPart, type DemoPractitioner } from './state.ts';

/** The practitioner whose demo account is dr.martin@demo.relais.fr: the first GP of the Vavin practice. */
export const DR_MARTIN = { practiceKey: 'paris-vavin', firstName: 'Claire', lastName: 'Martin' } as const;

/** Share of women in each profession (DREES figures, rounded). */
const WOMEN_SHARE: Record<Profession, number> = {
  medecin: 0.5,
  kinesitherapeute: 0.5,
  infirmier: 0.86,
  dentiste: 0.48,
  sage_femme: 0.97,
  orthophoniste: 0.96,
  psychologue: 0.85,
  podologue: 0.7,
  osteopathe: 0.5,
  orthoptiste: 0.9,
};

const TITLED: readonly Profession[] = ['medecin', 'dentiste'];

export const practitionersPart: DemoPart = {
  name: 'practitioners',
  async run(db, rng, state) {
    const rppsTaken = new Set<string>();
    const rows: unknown[][] = [];
    const links: unknown[][] = [];
    for (const practice of state.practices) {
      for (const member of practice.data.team) {
        for (let i = 0; i < member.count; i++) {
          const isMartin = practice.key === DR_MARTIN.practiceKey && member.specialty === 'medecine_generale' && i === 0;
          const sex: Sex = isMartin || rng.chance(WOMEN_SHARE[member.profession]) ? 'F' : 'M';
          const birthYear = rng.int(1960, 1994);
          let rpps = fakeRpps(rng);
          while (rppsTaken.has(rpps)) rpps = fakeRpps(rng);
          rppsTaken.add(rpps);
          const p: DemoPractitioner = {
            id: randomUUID(),
            title: TITLED.includes(member.profession) ? 'Dr' : null,
            firstName: isMartin ? DR_MARTIN.firstName : givenName(rng, sex, birthYear, practice.data.region),
            lastName: isMartin ? DR_MARTIN.lastName : surname(rng, practice.data.region),
            profession: member.profession,
            specialty: member.specialty,
            practiceKeys: [practice.key],
          };
          for (const [home, profession, other] of SHARED_PRACTITIONERS) {
            if (home === practice.key && profession === member.profession && i === 0) p.practiceKeys.push(other);
          }
          rows.push([p.id, state.organisationId, p.title, p.firstName, p.lastName, p.profession, p.specialty, rpps, practice.timeZone]);
          for (const key of p.practiceKeys) links.push([practiceByKey(state, key).id, p.id]);
          state.practitioners.push(p);
        }
      }
    }
    await insertRows(db, 'practitioners', ['id', 'organisation_id', 'title', 'first_name', 'last_name', 'profession', 'specialty', 'rpps', 'time_zone'], rows);
    await insertRows(db, 'practice_practitioners', ['practice_id', 'practitioner_id'], links);
  },
};
