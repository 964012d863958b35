/** Demo: every practice opens its online booking page at /rdv/{its key}; one in five wants its secretary to confirm. */
import type { DemoPart } from './state.ts';

const slugOf = (key: string) =>
  key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .padEnd(3, '0');

export const onlineBookingPart: DemoPart = {
  name: 'online-booking',
  async run(db, _rng, state) {
    const slugs = state.practices.map((p) => slugOf(p.key));
    await db.query(
      `insert into online_booking_settings (practice_id, organisation_id, slug, requires_confirmation)
       select p.id, $1, s.slug, s.n % 5 = 0
         from unnest($2::uuid[], $3::text[]) with ordinality as s(id, slug, n) join practices p on p.id = s.id
       on conflict (slug) do nothing`,
      [state.organisationId, state.practices.map((p) => p.id), slugs],
    );
  },
};
