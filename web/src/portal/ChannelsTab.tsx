/** Where the practitioner receives his messages: always in Relais, and by e-mail and/or SMS if he wishes. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { fieldErrors, isFieldError } from '../admin/form-errors.ts';
import { usePrefs, useSetPrefs, type PrefsDto } from './api.ts';

function Form({ practitionerId, prefs }: { practitionerId: string; prefs: PrefsDto }) {
  const { t } = useI18n();
  const [email, setEmail] = useState(prefs.email);
  const [sms, setSms] = useState(prefs.sms);
  const [emailAddress, setEmailAddress] = useState(prefs.emailAddress ?? '');
  const [mobilePhone, setMobilePhone] = useState(prefs.mobilePhone ?? '');
  const save = useSetPrefs(practitionerId);
  const errors = fieldErrors(save.error);
  return (
    <Stack gap="sm" maw={520} data-testid="channels">
      <Checkbox checked disabled label={t('channels.inApp')} />
      <Checkbox checked={email} onChange={(e) => setEmail(e.currentTarget.checked)} label={t('channels.email')} data-testid="channel-email" />
      {email && (
        <TextInput
          label={t('channels.emailAddress')}
          name="emailAddress"
          value={emailAddress}
          onChange={(e) => setEmailAddress(e.currentTarget.value)}
          error={errors['emailAddress']}
        />
      )}
      <Checkbox checked={sms} onChange={(e) => setSms(e.currentTarget.checked)} label={t('channels.sms')} data-testid="channel-sms" />
      {sms && (
        <TextInput
          label={t('channels.mobile')}
          name="mobilePhone"
          value={mobilePhone}
          onChange={(e) => setMobilePhone(e.currentTarget.value)}
          error={errors['mobilePhone']}
        />
      )}
      {save.isError && !isFieldError(save.error) && <Alert color="red">{errorText(save.error, t)}</Alert>}
      {save.isSuccess && <Alert color="green">{t('channels.saved')}</Alert>}
      <Button
        w="fit-content"
        loading={save.isPending}
        onClick={() =>
          save.mutate({ email, sms, emailAddress: email && emailAddress.trim() ? emailAddress.trim() : null, mobilePhone: mobilePhone.trim() || null })
        }
        data-testid="channels-save"
      >
        {t('channels.save')}
      </Button>
    </Stack>
  );
}

export function ChannelsTab({ practitionerId }: { practitionerId: string }) {
  const { t } = useI18n();
  const prefs = usePrefs(practitionerId);
  return (
    <Paper withBorder p="md">
      <Title order={4}>{t('channels.title')}</Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t('channels.help')}
      </Text>
      {prefs.isPending && <Loader size="sm" />}
      {prefs.isError && <Alert color="red">{errorText(prefs.error, t)}</Alert>}
      {prefs.data && <Form practitionerId={practitionerId} prefs={prefs.data} />}
    </Paper>
  );
}
