/** Identity rules of a patient (INS traits): the search key, what makes two identities "the same", who may qualify. Pure. */
import { searchKey } from '../core/text.ts';
import type { Role } from '../core/auth/roles.ts';

export interface NameTraits {
  birthName: string;
  usualName?: string | null;
  firstGivenName: string;
  givenNames?: readonly string[];
}

/**
 * The text patient search matches against: birth name first (so a prefix of it ranks first), then usual
 * name and given names, each word once, lower-case and unaccented.
 */
export function patientSearchName(p: NameTraits): string {
  const words: string[] = [];
  for (const part of [p.birthName, p.usualName ?? '', p.firstGivenName, ...(p.givenNames ?? [])]) {
    for (const w of searchKey(part).split(' ')) if (w && !words.includes(w)) words.push(w);
  }
  return words.join(' ');
}

export interface IdentityTraits {
  birthName: string;
  firstGivenName: string;
  birthDate: string;
}

/** Two identities are presumed the same person when birth name, first given name and birth date agree, accents and case aside. */
export function identityKey(p: IdentityTraits): string {
  return `${searchKey(p.birthName)}|${searchKey(p.firstGivenName)}|${p.birthDate}`;
}

export function sameIdentity(a: IdentityTraits, b: IdentityTraits): boolean {
  return identityKey(a) === identityKey(b);
}

/** The traits INS qualification vouches for; changing one invalidates a qualification. */
export const IDENTITY_TRAITS = ['birthName', 'firstGivenName', 'givenNames', 'birthDate', 'sex', 'birthPlaceInsee'] as const;

/**
 * Who may mark an identity "qualified": only the practice side (its practitioner, who checked an ID document
 * and the INSi service) and the organisation's administrators acting for it. An identity taken over the phone
 * by an agent is provisional.
 */
export function mayQualifyIdentity(role: Role): boolean {
  return role === 'practitioner' || role === 'admin';
}
