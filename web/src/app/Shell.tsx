/** The frame around every signed-in screen: navigation, language, help, user, sign-out. */
import { useEffect } from 'react';
import { ActionIcon, AppShell, Button, Group, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useI18n } from './i18n.tsx';
import { navigate, usePath } from './router.ts';
import { useSignOut, type Me } from './session.ts';
import { homePath, resolveScreen, SCREENS } from './routes.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ShortcutHelp, useShortcutHelp } from './ShortcutHelp.tsx';
import { Truncated } from './Truncated.tsx';
import { CallProvider } from '../console/call-context.tsx';

export function Shell({ me }: { me: Me }) {
  const { t } = useI18n();
  const path = usePath();
  const signOut = useSignOut();
  const help = useShortcutHelp();
  const resolved = resolveScreen(path, me.role);
  useEffect(() => {
    if (!resolved) navigate(homePath(me.role), { replace: true });
  }, [resolved, me.role]);

  return (
    <CallProvider>
      <AppShell header={{ height: 52 }} padding="sm">
        <AppShell.Header px="md">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Title order={3}>Relais</Title>
              <Group gap={4} component="nav" wrap="nowrap">
                {SCREENS.filter((s) => s.nav && s.roles.includes(me.role)).map((s) => (
                  <UnstyledButton
                    key={s.path}
                    onClick={() => navigate(s.path)}
                    px="sm"
                    py={4}
                    fw={path.startsWith(s.path) ? 700 : 400}
                    aria-current={path.startsWith(s.path) ? 'page' : undefined}
                  >
                    {s.nav && t(s.nav)}
                  </UnstyledButton>
                ))}
              </Group>
            </Group>
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <LanguageSwitch />
              <Tooltip label={t('shortcut.title')}>
                <ActionIcon variant="default" onClick={help.open} aria-label={t('shortcut.title')} data-testid="help-button">
                  ?
                </ActionIcon>
              </Tooltip>
              <Truncated fz="sm" maw={220} data-testid="user-name">
                {me.displayName}
              </Truncated>
              <Text fz="xs" c="dimmed">
                {t(`role.${me.role}`)}
              </Text>
              <Button size="xs" variant="default" onClick={() => signOut.mutate()} data-testid="sign-out">
                {t('nav.signOut')}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main>{resolved?.screen.render(resolved.params, me)}</AppShell.Main>
      </AppShell>
      <ShortcutHelp opened={help.opened} onClose={help.close} />
    </CallProvider>
  );
}
