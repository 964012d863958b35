/**
 * The demo's billing: the company's invoicing entity, one client per practice (its legal identity and first
 * site), a contract each — a monthly subscription with included calls for half of them, per call with
 * extended hours for the others — and last month's invoices from the demo's call history: issued, except
 * a few drafts left for review. Set-based SQL. Runs after the parts that write the activity it bills.
 */
import type { Queryable } from '../core/db/types.ts';
import type { RequestContext } from '../core/auth/actor.ts';
import { issueDraftById } from '../billing/invoice-service.ts';
import { runMonth } from '../billing/run-service.ts';
import { zContractTerms, type TermsInput } from '../billing/terms.ts';
import { lastMonthOf } from '../billing/pricing.ts';
import { systemClock, type Clock } from '../core/time/clock.ts';
import type { DemoPart } from './state.ts';

const SUBSCRIPTION: TermsInput = {
  unit: 'call',
  subscriptionCents: 69_000,
  includedUnits: 400,
  tiers: [
    { upTo: 200, unitCents: 85 },
    { upTo: null, unitCents: 70 },
  ],
  surcharges: { evening: 0, saturday: 0, sunday: 0, holiday: 0 },
  eveningFrom: '19:00',
  morningUntil: '08:00',
  fees: { appointmentBooked: 0, messageTaken: 0, smsSent: 8 },
  options: [{ code: 'online_agenda', label: 'Agenda en ligne', monthlyCents: 2_900 }],
  revision: { date: '2027-01-01', index: 'Syntec', baseValue: 322.5 },
};

const PER_CALL: TermsInput = {
  unit: 'call',
  subscriptionCents: 0,
  includedUnits: 0,
  tiers: [
    { upTo: 300, unitCents: 110 },
    { upTo: 1000, unitCents: 90 },
    { upTo: null, unitCents: 65 },
  ],
  surcharges: { evening: 30, saturday: 40, sunday: 60, holiday: 60 },
  eveningFrom: '19:00',
  morningUntil: '08:00',
  fees: { appointmentBooked: 20, messageTaken: 15, smsSent: 8 },
  options: [{ code: 'extended_hours', label: 'Horaires étendus (soirs, week-ends, jours fériés)', monthlyCents: 4_900 }],
  revision: null,
};

/** Drafts left unissued so that the demo shows the review step. */
const DRAFTS_LEFT = 4;

export async function seedContracts(db: Queryable, organisationId: string, clock: Clock = systemClock): Promise<void> {
  const { rows: sellers } = await db.query<{ id: string }>(
    `insert into billing_sellers (organisation_id, legal_name, siren, vat_number, address_line, postal_code, city, email, iban, bic, invoice_prefix)
     values ($1, 'Relais Télésecrétariat Médical SAS', '552100554', 'FR31552100554', '12 rue de la Roquette', '75011', 'Paris',
             'facturation@relais-demo.fr', 'FR76 3000 6000 0112 3456 7890 189', 'AGRIFRPP', 'RL') returning id`,
    [organisationId],
  );
  await db.query(
    `with src as (
       select gen_random_uuid() as cid, gen_random_uuid() as kid, p.id as pid, p.legal_name, p.siren, p.email, p.region,
              coalesce(s.address_line, p.name) as address_line, coalesce(s.postal_code, '75001') as postal_code, coalesce(s.city, 'Paris') as city,
              row_number() over (order by p.name) as n
         from practices p
         left join lateral (select address_line, postal_code, city from practice_sites where practice_id = p.id order by position limit 1) s on true
        where p.organisation_id = $1),
     clients as (
       insert into billing_clients (id, organisation_id, seller_id, legal_name, siren, vat_number, address_line, postal_code, city, email)
       select cid, $1, $2, legal_name, siren, 'FR' || lpad(((12 + 3 * (siren::bigint % 97)) % 97)::text, 2, '0') || siren, address_line, postal_code, city, email from src),
     links as (insert into billing_client_practices (client_id, practice_id) select cid, pid from src),
     contracts as (
       insert into contracts (id, organisation_id, client_id, label, starts_on)
       select kid, $1, cid, case when n % 2 = 0 then 'Forfait permanence téléphonique' else 'Permanence à l''appel, horaires étendus' end, $3::date from src)
     insert into contract_versions (contract_id, valid_from, terms)
     select kid, $3::date, case when n % 2 = 0 then $4::jsonb else $5::jsonb end from src`,
    [organisationId, sellers[0]!.id, '2025-01-01', JSON.stringify(zContractTerms.parse(SUBSCRIPTION)), JSON.stringify(zContractTerms.parse(PER_CALL))],
  );

  const { rows: admins } = await db.query<{ id: string; email: string; display_name: string }>(
    "select id, email, display_name from users where organisation_id = $1 and role = 'admin' and active order by created_at limit 1",
    [organisationId],
  );
  const admin = admins[0];
  if (!admin) return;
  const { rows: practices } = await db.query<{ id: string }>('select id from practices where organisation_id = $1', [organisationId]);
  const ctx: RequestContext = {
    actor: {
      userId: admin.id,
      organisationId,
      role: 'admin',
      email: admin.email,
      displayName: admin.display_name,
      locale: 'fr',
      practitionerId: null,
      practiceIds: practices.map((p) => p.id),
    },
    requestId: 'demo-seed',
    clock,
  };
  const run = await runMonth(db, { organisationId, scope: ctx.actor.practiceIds, userId: admin.id, month: lastMonthOf(clock.nowMs()), now: clock.nowMs() });
  for (const id of run.invoiceIds.slice(0, Math.max(0, run.invoiceIds.length - DRAFTS_LEFT))) await issueDraftById(db, ctx, clock, id);
}

export const contractsPart: DemoPart = {
  name: 'contracts',
  async run(db, _rng, state) {
    await seedContracts(db, state.organisationId);
  },
};
