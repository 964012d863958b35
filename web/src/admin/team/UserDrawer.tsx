/**
 * One user's form in a drawer: identity, role, the practices an agent or trainer works for (and where she
 * is the dedicated secretary), the practitioner a practitioner's account is; for an existing user,
 * deactivation and a password reset. The API's errors show beside the field at fault.
 */
import { useState } from 'react';
import { Alert, Button, Code, Divider, Drawer, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { errorText } from '../../app/errors.ts';
import type { Role } from '../../app/session.ts';
import { practitionerName } from '../../practices/Practitioners.tsx';
import { usePractices } from '../../practices/api.ts';
import { fieldErrors, isFieldError } from '../form-errors.ts';
import { generatePassword } from '../password.ts';
import { useCreateUser, usePractitionerList, useUpdateUser, type UpdateUserInput, type UserView } from './api.ts';

const ROLES: readonly Role[] = ['admin', 'supervisor', 'trainer', 'agent', 'practitioner'];
const ASSIGNED: readonly Role[] = ['agent', 'trainer'];

interface Draft {
  displayName: string;
  email: string;
  role: Role;
  locale: 'fr' | 'en';
  practiceIds: string[];
  dedicatedPracticeIds: string[];
  practitionerId: string | null;
  password: string;
}

function draftOf(user: UserView | null): Draft {
  return {
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    role: user?.role ?? 'agent',
    locale: user?.locale ?? 'fr',
    practiceIds: user?.practices.map((p) => p.practiceId) ?? [],
    dedicatedPracticeIds: user?.practices.filter((p) => p.dedicated).map((p) => p.practiceId) ?? [],
    practitionerId: user?.practitionerId ?? null,
    password: user ? '' : generatePassword(),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Only what changed, so that a save never rewrites what the admin did not touch. */
function changes(user: UserView, d: Draft): UpdateUserInput {
  const before = draftOf(user);
  const out: UpdateUserInput = {};
  if (d.displayName !== before.displayName) out.displayName = d.displayName;
  if (d.email !== before.email) out.email = d.email;
  if (d.role !== before.role) out.role = d.role;
  if (d.locale !== before.locale) out.locale = d.locale;
  if (ASSIGNED.includes(d.role)) {
    if (!sameSet(d.practiceIds, before.practiceIds) || d.role !== before.role) out.practiceIds = d.practiceIds;
    if (!sameSet(d.dedicatedPracticeIds, before.dedicatedPracticeIds) || out.practiceIds)
      out.dedicatedPracticeIds = d.dedicatedPracticeIds.filter((id) => d.practiceIds.includes(id));
  }
  if (d.role === 'practitioner' && d.practitionerId && d.practitionerId !== before.practitionerId) out.practitionerId = d.practitionerId;
  return out;
}

export function UserDrawer({ user, onClose }: { user: UserView | null; onClose(): void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(user));
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const practices = usePractices();
  const practitioners = usePractitionerList();
  const save = user ? update : create;
  const errors = fieldErrors(save.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const practiceOptions = (practices.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));

  const submit = () => {
    if (!user) {
      create.mutate(
        {
          displayName: draft.displayName,
          email: draft.email,
          role: draft.role,
          locale: draft.locale,
          password: draft.password,
          ...(ASSIGNED.includes(draft.role)
            ? { practiceIds: draft.practiceIds, dedicatedPracticeIds: draft.dedicatedPracticeIds.filter((id) => draft.practiceIds.includes(id)) }
            : {}),
          ...(draft.role === 'practitioner' && draft.practitionerId ? { practitionerId: draft.practitionerId } : {}),
        },
        { onSuccess: onClose },
      );
    } else {
      update.mutate({ id: user.id, ...changes(user, draft) }, { onSuccess: onClose });
    }
  };
  const resetPassword = () => {
    if (!user) return;
    const password = generatePassword();
    update.mutate({ id: user.id, password }, { onSuccess: () => setNewPassword(password) });
  };
  const toggleActive = () => {
    if (user) update.mutate({ id: user.id, active: !user.active }, { onSuccess: onClose });
  };

  return (
    <Drawer opened onClose={onClose} position="right" size="md" title={user ? user.displayName : t('team.new')} data-testid="user-drawer">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('users.name')}
            name="displayName"
            required
            value={draft.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            error={errors['displayName']}
            data-autofocus
          />
          <TextInput
            label={t('users.email')}
            name="email"
            type="email"
            required
            value={draft.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors['email']}
          />
          <Group grow>
            <Select
              label={t('users.role')}
              name="role"
              data={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
              value={draft.role}
              onChange={(v) => v && set('role', v as Role)}
              allowDeselect={false}
              error={errors['role']}
              data-testid="user-role"
            />
            <Select
              label={t('language.label')}
              data={[
                { value: 'fr', label: 'Français' },
                { value: 'en', label: 'English' },
              ]}
              value={draft.locale}
              onChange={(v) => v && set('locale', v as 'fr' | 'en')}
              allowDeselect={false}
            />
          </Group>
          {ASSIGNED.includes(draft.role) && (
            <>
              <MultiSelect
                label={t('users.practices')}
                description={t('team.practicesHelp')}
                data={practiceOptions}
                value={draft.practiceIds}
                onChange={(v) => set('practiceIds', v)}
                searchable
                error={errors['practiceIds']}
                data-testid="user-practices"
              />
              <MultiSelect
                label={t('team.dedicated')}
                description={t('team.dedicatedHelp')}
                data={practiceOptions.filter((o) => draft.practiceIds.includes(o.value))}
                value={draft.dedicatedPracticeIds.filter((id) => draft.practiceIds.includes(id))}
                onChange={(v) => set('dedicatedPracticeIds', v)}
                error={errors['dedicatedPracticeIds']}
                data-testid="user-dedicated"
              />
            </>
          )}
          {draft.role === 'practitioner' && (
            <Select
              label={t('team.practitioner')}
              data={(practitioners.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `${practitionerName(p)} · ${p.practices.map((x) => x.name).join(', ')}`,
              }))}
              value={draft.practitionerId}
              onChange={(v) => set('practitionerId', v)}
              searchable
              error={errors['practitionerId']}
              data-testid="user-practitioner"
            />
          )}
          {!user && (
            <Group align="end" gap="xs" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t('team.initialPassword')}
                description={t('team.initialPasswordHelp')}
                name="password"
                value={draft.password}
                onChange={(e) => set('password', e.currentTarget.value)}
                error={errors['password']}
                ff="monospace"
              />
              <Button variant="default" onClick={() => set('password', generatePassword())}>
                {t('team.generate')}
              </Button>
            </Group>
          )}
          {/* MFA: the sign-in work adds "require a second factor" for this user here. */}
          {save.isError && !isFieldError(save.error) && <Alert color="red">{errorText(save.error, t)}</Alert>}
          {save.isError && errors['active'] && <Alert color="red">{errors['active']}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="user-save">
              {user ? t('team.save') : t('team.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      {user && (
        <Stack gap="sm" mt="lg">
          <Divider />
          <Group justify="space-between">
            <Text fz="sm">{t('team.resetHelp')}</Text>
            <Button variant="default" onClick={resetPassword} loading={update.isPending} data-testid="user-reset-password">
              {t('team.resetPassword')}
            </Button>
          </Group>
          {newPassword && (
            <Alert color="blue" data-testid="user-new-password">
              {t('team.newPassword')} <Code fz="md">{newPassword}</Code>
            </Alert>
          )}
          <Group justify="space-between">
            <Text fz="sm">{t(user.active ? 'team.deactivateHelp' : 'team.reactivateHelp')}</Text>
            <Button color={user.active ? 'red' : 'green'} variant="light" onClick={toggleActive} data-testid="user-toggle-active">
              {t(user.active ? 'team.deactivate' : 'team.reactivate')}
            </Button>
          </Group>
        </Stack>
      )}
    </Drawer>
  );
}
