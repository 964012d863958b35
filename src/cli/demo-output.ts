/** What the CLI prints about the demo: the summary of a seed and the demo logins. */
import type { Queryable } from '../core/db/types.ts';
import { demoAccounts, type DemoSummary } from '../demo/seed.ts';
import { DEMO_PASSWORD } from '../demo/users.ts';

const ROLE_LABELS: Record<string, string> = {
  admin: 'Administration',
  supervisor: 'Supervision',
  trainer: 'Formation',
  agent: 'Télésecrétaire',
  practitioner: 'Praticien',
};

const fr = (n: number) => n.toLocaleString('fr-FR');

export function seedSummaryText(s: DemoSummary): string {
  return (
    `Démo créée en ${(s.milliseconds / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s : ` +
    `${fr(s.practices)} cabinets, ${fr(s.practitioners)} praticiens, ${fr(s.patients)} patients, ${fr(s.accounts.length)} comptes.`
  );
}

/** The demo logins, one per line, or an empty list when the demo accounts do not exist. */
export async function demoLoginLines(db: Queryable): Promise<string[]> {
  const accounts = await demoAccounts(db);
  if (accounts.length === 0) return [];
  const { rows } = await db.query<{ email: string; n: number; dedicated: number }>(
    `select u.email, count(up.practice_id)::int as n, count(up.practice_id) filter (where up.dedicated)::int as dedicated
       from users u join user_practices up on up.user_id = u.id where u.email = any($1::text[]) group by u.email`,
    [accounts.map((a) => a.email)],
  );
  const counts = new Map(rows.map((r) => [r.email, r]));
  const width = Math.max(...accounts.map((a) => a.email.length));
  return [
    `Comptes de démonstration (mot de passe : ${DEMO_PASSWORD}) / Demo logins (password: ${DEMO_PASSWORD})`,
    ...accounts.map((a) => {
      const c = counts.get(a.email);
      const scope = c ? ` — ${c.n} cabinet${c.n > 1 ? 's' : ''}${c.dedicated ? ` dont ${c.dedicated} en secrétariat dédié` : ''}` : '';
      return `  ${a.email.padEnd(width)}  ${ROLE_LABELS[a.role] ?? a.role} : ${a.displayName}${scope}`;
    }),
  ];
}
