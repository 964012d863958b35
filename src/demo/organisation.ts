/** The demo's telesecretariat company. */
import type { DemoPart } from './state.ts';

export const DEMO_ORGANISATION_NAME = 'Relais Démo Télésecrétariat';

export const organisationPart: DemoPart = {
  name: 'organisation',
  async run(db, _rng, state) {
    const { rows } = await db.query<{ id: string }>('insert into organisations (name) values ($1) returning id', [DEMO_ORGANISATION_NAME]);
    state.organisationId = rows[0]!.id;
  },
};
