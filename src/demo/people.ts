/** Plausible French identities: given names that fit the birth year, surnames that fit the region. Pure. */
import type { Region } from '../core/time/regions.ts';
import {
  GIVEN_NAMES,
  MIDDLE_NAMES,
  OVERSEAS_GIVEN_NAMES,
  SURNAMES_ALSACE_MOSELLE,
  SURNAMES_FRANCE,
  SURNAMES_MARTINIQUE,
  SURNAMES_MIGRATION,
  SURNAMES_REUNION,
  type Sex,
} from './data/names.ts';
import type { Rng } from './random.ts';

export type { Sex };

export function isOverseas(region: Region): boolean {
  return region === 'martinique' || region === 'reunion' || region === 'guadeloupe' || region === 'guyane' || region === 'mayotte';
}

/** A first given name people born that year commonly got. */
export function givenName(rng: Rng, sex: Sex, birthYear: number, region: Region): string {
  if (isOverseas(region) && rng.chance(0.2)) return rng.pick(OVERSEAS_GIVEN_NAMES[sex]);
  const bands = GIVEN_NAMES[sex];
  let names = bands[0]![1];
  for (const [from, list] of bands) if (birthYear >= from) names = list;
  return rng.pick(names);
}

/** The civil-status list of given names: the first, then sometimes one or two classic middle names. */
export function givenNames(rng: Rng, sex: Sex, first: string, birthYear: number): string[] {
  const older = birthYear < 1975;
  const extra = rng.weighted<number>([
    [0, older ? 35 : 50],
    [1, older ? 45 : 40],
    [2, older ? 20 : 10],
  ]);
  const names = [first];
  while (names.length <= extra) {
    const m = rng.pick(MIDDLE_NAMES[sex]);
    if (!names.includes(m) && !first.split('-').includes(m)) names.push(m);
  }
  return names;
}

export function surname(rng: Rng, region: Region): string {
  const pools: readonly (readonly [readonly string[], number])[] =
    region === 'alsace-moselle'
      ? [
          [SURNAMES_ALSACE_MOSELLE, 45],
          [SURNAMES_FRANCE, 45],
          [SURNAMES_MIGRATION, 10],
        ]
      : region === 'martinique'
        ? [
            [SURNAMES_MARTINIQUE, 62],
            [SURNAMES_FRANCE, 35],
            [SURNAMES_MIGRATION, 3],
          ]
        : region === 'reunion'
          ? [
              [SURNAMES_REUNION, 65],
              [SURNAMES_FRANCE, 32],
              [SURNAMES_MIGRATION, 3],
            ]
          : [
              [SURNAMES_FRANCE, 86],
              [SURNAMES_MIGRATION, 14],
            ];
  return rng.pick(rng.weighted(pools));
}
