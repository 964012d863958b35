/** FR / EN: kept in this browser, and on the user's account when signed in. */
import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n, type Locale } from './i18n.tsx';
import { ME_KEY, saveLocale, type Me } from './session.ts';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const qc = useQueryClient();
  const change = (value: string) => {
    const next = value as Locale;
    setLocale(next);
    if (qc.getQueryData<Me | null>(ME_KEY)) {
      // Server messages follow the account's language: refetch what was shown once it is saved.
      void saveLocale(next).then(() => qc.invalidateQueries());
    }
  };
  return (
    <SegmentedControl
      size="xs"
      value={locale}
      onChange={change}
      aria-label={t('language.label')}
      data-testid="language-switch"
      data={[
        { value: 'fr', label: 'FR' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
