/** SQL for consignes, their versions and who read which. Callers check the scope before passing a practice id. */
import type { Queryable } from '../core/db/types.ts';
import type { Section, UsefulNumber } from './content.ts';

export async function practiceExists(db: Queryable, practiceId: string, organisationId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from practices where id = $1 and organisation_id = $2', [practiceId, organisationId]);
  return rows.length > 0;
}

export async function practitionerAtPractice(db: Queryable, practiceId: string, practitionerId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from practice_practitioners where practice_id = $1 and practitioner_id = $2', [practiceId, practitionerId]);
  return rows.length > 0;
}

export interface SetRow {
  id: string;
  practitioner_id: string | null;
  practitioner_name: string | null;
  current_version: number;
  updated_at: Date;
  author_name: string;
  summary: string | null;
  sections: Section[];
  useful_numbers: UsefulNumber[];
  seen_version: number | null;
  seen_sections: Section[] | null;
  seen_numbers: UsefulNumber[] | null;
}

/** The practice's sets of consignes with their current version and the version `userId` last read (practice's first). */
export async function setsOfPractice(db: Queryable, practiceId: string, userId: string): Promise<SetRow[]> {
  const { rows } = await db.query<SetRow>(
    `select c.id, c.practitioner_id,
            case when pr.id is null then null
                 else trim(coalesce(pr.title || ' ', '') || pr.first_name || ' ' || pr.last_name) end as practitioner_name,
            c.current_version, v.created_at as updated_at, coalesce(u.display_name, '') as author_name, v.summary,
            v.sections, v.useful_numbers,
            r.version as seen_version, sv.sections as seen_sections, sv.useful_numbers as seen_numbers
       from consignes c
       join consigne_versions v on v.consigne_id = c.id and v.version = c.current_version
       left join users u on u.id = v.author_id
       left join practitioners pr on pr.id = c.practitioner_id
       left join consigne_reads r on r.consigne_id = c.id and r.user_id = $2
       left join consigne_versions sv on sv.consigne_id = c.id and sv.version = r.version
      where c.practice_id = $1
        and (c.practitioner_id is null
             or exists (select 1 from practice_practitioners pp where pp.practice_id = c.practice_id and pp.practitioner_id = c.practitioner_id))
      order by c.practitioner_id is not null, pr.last_name, pr.first_name, c.id`,
    [practiceId, userId],
  );
  return rows;
}

export interface VersionInfoRow {
  version: number;
  author_id: string;
  author_name: string;
  created_at: Date;
  summary: string | null;
}

export interface VersionRow extends VersionInfoRow {
  sections: Section[];
  useful_numbers: UsefulNumber[];
}

const INFO = `v.version, v.author_id, coalesce(u.display_name, '') as author_name, v.created_at, v.summary`;

/** The versions of a set after `after` up to `upTo` included, oldest first. */
export async function versionsBetween(db: Queryable, consigneId: string, after: number, upTo: number): Promise<VersionInfoRow[]> {
  const { rows } = await db.query<VersionInfoRow>(
    `select ${INFO} from consigne_versions v left join users u on u.id = v.author_id
      where v.consigne_id = $1 and v.version > $2 and v.version <= $3 order by v.version`,
    [consigneId, after, upTo],
  );
  return rows;
}

/** A set's versions, newest first, older than `before` if given. */
export async function history(db: Queryable, consigneId: string, o: { before: number | null; limit: number }): Promise<VersionRow[]> {
  const { rows } = await db.query<VersionRow>(
    `select ${INFO}, v.sections, v.useful_numbers from consigne_versions v left join users u on u.id = v.author_id
      where v.consigne_id = $1 and ($2::int is null or v.version < $2::int) order by v.version desc limit $3`,
    [consigneId, o.before, o.limit],
  );
  return rows;
}

export async function findSet(db: Queryable, practiceId: string, practitionerId: string | null): Promise<{ id: string; current_version: number } | undefined> {
  const { rows } = await db.query<{ id: string; current_version: number }>(
    'select id, current_version from consignes where practice_id = $1 and practitioner_id is not distinct from $2',
    [practiceId, practitionerId],
  );
  return rows[0];
}

/** The set (created empty on first write) locked for this transaction: concurrent writers take turns. */
export async function lockSet(
  tx: Queryable,
  s: { organisationId: string; practiceId: string; practitionerId: string | null },
): Promise<{ id: string; current_version: number }> {
  await tx.query('insert into consignes (organisation_id, practice_id, practitioner_id) values ($1, $2, $3) on conflict do nothing', [
    s.organisationId,
    s.practiceId,
    s.practitionerId,
  ]);
  const { rows } = await tx.query<{ id: string; current_version: number }>(
    'select id, current_version from consignes where practice_id = $1 and practitioner_id is not distinct from $2 for update',
    [s.practiceId, s.practitionerId],
  );
  return rows[0]!;
}

export async function versionContent(
  db: Queryable,
  consigneId: string,
  version: number,
): Promise<{ sections: Section[]; useful_numbers: UsefulNumber[] } | undefined> {
  const { rows } = await db.query<{ sections: Section[]; useful_numbers: UsefulNumber[] }>(
    'select sections, useful_numbers from consigne_versions where consigne_id = $1 and version = $2',
    [consigneId, version],
  );
  return rows[0];
}

export async function insertVersion(
  tx: Queryable,
  v: {
    consigneId: string;
    version: number;
    organisationId: string;
    practiceId: string;
    sections: Section[];
    usefulNumbers: UsefulNumber[];
    summary: string | null;
    authorId: string;
  },
): Promise<void> {
  await tx.query(
    `insert into consigne_versions (consigne_id, version, organisation_id, practice_id, sections, useful_numbers, summary, author_id)
     values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
    [v.consigneId, v.version, v.organisationId, v.practiceId, JSON.stringify(v.sections), JSON.stringify(v.usefulNumbers), v.summary, v.authorId],
  );
  await tx.query('update consignes set current_version = $2, updated_at = now() where id = $1', [v.consigneId, v.version]);
}

/** The sets among `ids` that belong to the practice, with their current version. */
export async function setsByIds(db: Queryable, practiceId: string, ids: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: string; current_version: number }>(
    'select id, current_version from consignes where practice_id = $1 and id = any($2::uuid[])',
    [practiceId, ids],
  );
  return new Map(rows.map((r) => [r.id, r.current_version]));
}

/** Records that the user read `version`; never moves back to an older one. */
export async function markSeen(tx: Queryable, userId: string, consigneId: string, version: number): Promise<void> {
  await tx.query(
    `insert into consigne_reads (user_id, consigne_id, version) values ($1, $2, $3)
     on conflict (user_id, consigne_id) do update
       set version = greatest(consigne_reads.version, excluded.version),
           seen_at = case when excluded.version > consigne_reads.version then now() else consigne_reads.seen_at end`,
    [userId, consigneId, version],
  );
}
