/** Sign-in with email and password. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useT } from './i18n.tsx';
import { errorText, isApiError } from './errors.ts';
import { useSignIn } from './session.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function LoginPage() {
  const t = useT();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email, password });
  };
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit} data-testid="login-form">
          <Stack gap="md">
            <Group justify="space-between">
              <Title order={2}>Relais</Title>
              <LanguageSwitch />
            </Group>
            <TextInput
              label={t('login.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              autoComplete="username"
              autoFocus
              required
              name="email"
            />
            <PasswordInput
              label={t('login.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              required
              name="password"
            />
            {signIn.isError && (
              <Alert color="red" role="alert">
                {errorText(signIn.error, t)}
                {isApiError(signIn.error, 'rate_limited') && typeof signIn.error.details.retryAfterSeconds === 'number' && (
                  <> {t('login.retryIn', { seconds: signIn.error.details.retryAfterSeconds })}</>
                )}
              </Alert>
            )}
            <Button type="submit" loading={signIn.isPending}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
