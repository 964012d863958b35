/** The organisation's users (supervisors and administrators): name, email, role, practices, state. */
import { Alert, Badge, Loader, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../app/api.ts';
import type { UserView } from '../app/contracts.ts';
import { useT, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { Truncated } from '../app/Truncated.tsx';

export function UsersList() {
  const t = useT();
  const users = useQuery({ queryKey: ['users'], queryFn: () => get<{ users: UserView[] }>('/api/users') });
  return (
    <Stack gap="sm" data-testid="users-list">
      <Title order={2}>{t('users.title')}</Title>
      {users.isPending && <Loader size="sm" />}
      {users.isError && <Alert color="red">{errorText(users.error, t)}</Alert>}
      {users.data && (
        <Table striped fz="sm" style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">{t('users.name')}</Table.Th>
              <Table.Th w="32%">{t('users.email')}</Table.Th>
              <Table.Th>{t('users.role')}</Table.Th>
              <Table.Th ta="right">{t('users.practices')}</Table.Th>
              <Table.Th>{t('users.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Truncated fz="sm">{u.displayName}</Truncated>
                </Table.Td>
                <Table.Td>
                  <Truncated fz="sm">{u.email}</Truncated>
                </Table.Td>
                <Table.Td>{t(`role.${u.role}` as MessageKey)}</Table.Td>
                <Table.Td ta="right">{u.practices.length || ''}</Table.Td>
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
    </Stack>
  );
}
