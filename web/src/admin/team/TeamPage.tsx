/**
 * The team (administrators manage, supervisors read): every person of the organisation with role, practices
 * and state; search, role filter, deactivated shown on demand; a row opens the user's form.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Select, Stack, Switch, Table, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { errorText } from '../../app/errors.ts';
import { Truncated } from '../../app/Truncated.tsx';
import type { Role } from '../../app/session.ts';
import { usePractices } from '../../practices/api.ts';
import { useUsers, type UserView } from './api.ts';
import { UserDrawer } from './UserDrawer.tsx';

const ROLES: readonly Role[] = ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'];

function matches(u: UserView, q: string): boolean {
  const needle = q.trim().toLocaleLowerCase('fr').normalize('NFD').replace(/\p{M}/gu, '');
  if (!needle) return true;
  return `${u.displayName} ${u.email}`.toLocaleLowerCase('fr').normalize('NFD').replace(/\p{M}/gu, '').includes(needle);
}

export function TeamPage({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const users = useUsers();
  const practices = usePractices();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  const [open, setOpen] = useState<{ user: UserView | null } | null>(null);
  const practiceNames = useMemo(() => new Map((practices.data?.items ?? []).map((p) => [p.id, p.name])), [practices.data]);
  const shown = (users.data?.users ?? []).filter((u) => (showInactive || u.active) && (!role || u.role === role) && matches(u, q));

  return (
    <Stack gap="sm" data-testid="team">
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        {canWrite && (
          <Button onClick={() => setOpen({ user: null })} data-testid="user-new">
            {t('team.new')}
          </Button>
        )}
      </Group>
      <Group gap="sm" align="end">
        <TextInput w={280} label={t('team.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} data-testid="team-search" />
        <Select
          w={200}
          label={t('users.role')}
          placeholder={t('team.allRoles')}
          clearable
          data={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
          value={role}
          onChange={setRole}
        />
        <Switch
          label={t('team.showInactive')}
          checked={showInactive}
          onChange={(e) => setShowInactive(e.currentTarget.checked)}
          data-testid="team-show-inactive"
        />
      </Group>
      {users.isPending && <Loader size="sm" />}
      {users.isError && <Alert color="red">{errorText(users.error, t)}</Alert>}
      {users.data && (
        <Table striped highlightOnHover fz="sm" style={{ tableLayout: 'fixed' }} data-testid="users-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="24%">{t('users.name')}</Table.Th>
              <Table.Th w="26%">{t('users.email')}</Table.Th>
              <Table.Th w="13%">{t('users.role')}</Table.Th>
              <Table.Th>{t('users.practices')}</Table.Th>
              <Table.Th w="10%">{t('users.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((u) => (
              <Table.Tr key={u.id} data-testid="user-row" data-email={u.email}>
                <Table.Td>
                  {canWrite ? (
                    <UnstyledButton onClick={() => setOpen({ user: u })} c="blue" fz="sm" style={{ maxWidth: '100%' }} data-testid="user-open">
                      <Truncated inherit>{u.displayName}</Truncated>
                    </UnstyledButton>
                  ) : (
                    <Truncated fz="sm">{u.displayName}</Truncated>
                  )}
                </Table.Td>
                <Table.Td>
                  <Truncated fz="sm">{u.email}</Truncated>
                </Table.Td>
                <Table.Td>{t(`role.${u.role}` as MessageKey)}</Table.Td>
                <Table.Td>
                  <Truncated fz="sm">
                    {u.practices.map((p) => `${practiceNames.get(p.practiceId) ?? '…'}${p.dedicated ? ` (${t('team.dedicatedShort')})` : ''}`).join(', ')}
                  </Truncated>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={u.active ? 'green' : 'gray'}>
                    {t(u.active ? 'users.active' : 'users.inactive')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {users.data && shown.length === 0 && <Alert color="gray">{t('team.none')}</Alert>}
      {open && <UserDrawer user={open.user} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
