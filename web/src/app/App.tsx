/** Providers, then the login page or the signed-in shell. */
import { useEffect } from 'react';
import { Center, Loader, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider, storedLocale, useI18n } from './i18n.tsx';
import { ShortcutProvider } from './shortcuts.tsx';
import { useMe } from './session.ts';
import { LoginPage } from './LoginPage.tsx';
import { Shell } from './Shell.tsx';
import { ApiError } from './api.ts';
import { matchPath } from './router.ts';
import { PatientLinkPage } from '../messages/PatientLinkPage.tsx';
import { OnlineBookingPage } from '../online-booking/OnlineBookingPage.tsx';

const theme = createTheme({ primaryColor: 'blue', defaultRadius: 'sm' });

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not go away by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function Root() {
  const me = useMe();
  const { locale, setLocale } = useI18n();
  // A browser with no language chosen yet follows the account's.
  const accountLocale = me.data?.locale;
  useEffect(() => {
    if (accountLocale && !storedLocale() && accountLocale !== locale) setLocale(accountLocale);
  }, [accountLocale, locale, setLocale]);
  if (me.isPending)
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  if (!me.data) return <LoginPage />;
  return <Shell me={me.data} />;
}

function bookingSlug(): string | undefined {
  return matchPath('/rdv/:slug', window.location.pathname)?.['slug'];
}

function linkToken(): string | undefined {
  return matchPath('/l/:token', window.location.pathname)?.['token'];
}

export function App() {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <ShortcutProvider>
            {/* A signed link (/l/…) opens without signing in. */}
            {linkToken() ? <PatientLinkPage token={linkToken()!} /> : bookingSlug() ? <OnlineBookingPage slug={bookingSlug()!} /> : <Root />}
          </ShortcutProvider>
        </I18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
