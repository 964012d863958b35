/** SQL of agents' states: what each agent chose, what the system set, and who is free to take a call. */
import type { Queryable } from '../core/db/types.ts';
import type { AgentStatus, SystemState } from './events.ts';

export interface AgentStateRow {
  user_id: string;
  organisation_id: string;
  status: AgentStatus;
  status_reason: 'ring_no_answer' | null;
  status_since: Date;
  system_state: SystemState;
  system_since: Date;
  call_id: string | null;
  idle_since: Date;
}

const AGENT_COLUMNS = 'user_id, organisation_id, status, status_reason, status_since, system_state, system_since, call_id, idle_since';

/** An agent's state row, created (logged out) on first use and locked. */
export async function lockAgentState(db: Queryable, userId: string, organisationId: string, at: Date): Promise<AgentStateRow> {
  await db.query(
    `insert into agent_states (user_id, organisation_id, status_since, system_since, idle_since, updated_at)
     values ($1, $2, $3, $3, $3, $3) on conflict (user_id) do nothing`,
    [userId, organisationId, at],
  );
  const { rows } = await db.query<AgentStateRow>(`select ${AGENT_COLUMNS} from agent_states where user_id = $1 for update`, [userId]);
  return rows[0]!;
}

export async function agentState(db: Queryable, userId: string): Promise<AgentStateRow | undefined> {
  const { rows } = await db.query<AgentStateRow>(`select ${AGENT_COLUMNS} from agent_states where user_id = $1`, [userId]);
  return rows[0];
}

export async function updateAgentState(
  db: Queryable,
  userId: string,
  set: Partial<{
    status: AgentStatus;
    status_reason: 'ring_no_answer' | null;
    status_since: Date;
    system_state: SystemState;
    system_since: Date;
    call_id: string | null;
    idle_since: Date;
  }>,
  where: { callId?: string | null; systemState?: SystemState; status?: AgentStatus },
  at: Date,
): Promise<AgentStateRow | undefined> {
  const entries = Object.entries(set);
  const params: unknown[] = [userId, at, ...entries.map(([, v]) => v)];
  const conditions = ['user_id = $1'];
  if (where.callId !== undefined) {
    if (where.callId === null) conditions.push('call_id is null');
    else {
      params.push(where.callId);
      conditions.push(`call_id = $${params.length}`);
    }
  }
  if (where.systemState !== undefined) {
    params.push(where.systemState);
    conditions.push(`system_state = $${params.length}`);
  }
  if (where.status !== undefined) {
    params.push(where.status);
    conditions.push(`status = $${params.length}`);
  }
  const { rows } = await db.query<AgentStateRow>(
    `update agent_states set ${[...entries.map(([k], i) => `${k} = $${i + 3}`), 'updated_at = $2'].join(', ')}
      where ${conditions.join(' and ')} returning ${AGENT_COLUMNS}`,
    params,
  );
  return rows[0];
}

export interface FreeAgentRow {
  user_id: string;
  idle_since: Date;
  /** Practices whose dedicated secretary the agent is. */
  dedicated: string[];
  /** Practices the agent is assigned to. */
  assigned: string[];
}

/**
 * Agents free to take a call (available and idle), locked, with their skills; agents another transaction
 * holds are skipped.
 */
export async function lockFreeAgents(db: Queryable, organisationId: string): Promise<FreeAgentRow[]> {
  const { rows } = await db.query<FreeAgentRow>(
    `with free as (
       select a.user_id, a.idle_since from agent_states a join users u on u.id = a.user_id
        where a.organisation_id = $1 and a.status = 'available' and a.system_state = 'idle' and u.active and u.role = 'agent'
        for update of a skip locked)
     select f.user_id, f.idle_since,
            coalesce(array_agg(up.practice_id) filter (where up.dedicated), '{}') as dedicated,
            coalesce(array_agg(up.practice_id) filter (where up.practice_id is not null), '{}') as assigned
       from free f left join user_practices up on up.user_id = f.user_id
      group by f.user_id, f.idle_since`,
    [organisationId],
  );
  return rows;
}

export interface AgentListRow extends AgentStateRow {
  display_name: string;
  practice_id: string | null;
}

/** Every agent of an organisation with its state (logged out when it never had one). */
export async function listAgents(db: Queryable, organisationId: string, userId?: string): Promise<AgentListRow[]> {
  const { rows } = await db.query<AgentListRow>(
    `select u.id as user_id, u.organisation_id, u.display_name,
            coalesce(a.status, 'logged_out') as status, a.status_reason, coalesce(a.status_since, u.created_at) as status_since,
            coalesce(a.system_state, 'idle') as system_state, coalesce(a.system_since, u.created_at) as system_since,
            a.call_id, coalesce(a.idle_since, u.created_at) as idle_since, c.practice_id
       from users u left join agent_states a on a.user_id = u.id left join calls c on c.id = a.call_id
      where u.organisation_id = $1 and u.role = 'agent' and u.active and ($2::uuid is null or u.id = $2)
      order by u.display_name, u.id`,
    [organisationId, userId ?? null],
  );
  return rows;
}
