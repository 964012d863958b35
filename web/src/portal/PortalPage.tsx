/**
 * The practitioner's own side of Relais, one tab per task: his absences, his consignes, the outcome of his
 * appointments, where he receives messages, his monthly activity report. The tab is in the address.
 */
import { Alert, Loader, Stack, Tabs, Title } from '@mantine/core';
import { useI18n, type MessageKey } from '../app/i18n.tsx';
import { errorText } from '../app/errors.ts';
import { navigate } from '../app/router.ts';
import type { Me } from '../app/session.ts';
import { usePracticeFile } from '../practices/api.ts';
import { AbsencesTab } from './AbsencesTab.tsx';
import { ConsignesEditor } from './ConsignesEditor.tsx';
import { OutcomesTab } from './OutcomesTab.tsx';
import { ChannelsTab } from './ChannelsTab.tsx';
import { ReportTab } from './ReportTab.tsx';

export const PORTAL_TABS = ['absences', 'consignes', 'presence', 'channels', 'report'] as const;
type Tab = (typeof PORTAL_TABS)[number];

export function PortalPage({ me, tab }: { me: Me; tab: string | undefined }) {
  const { t } = useI18n();
  const practiceId = me.practiceIds[0] ?? null;
  const file = usePracticeFile(practiceId);
  const current: Tab = (PORTAL_TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'absences';
  if (!me.practitionerId || !practiceId) return <Alert color="gray">{t('portal.noPractitioner')}</Alert>;
  if (file.isPending) return <Loader size="sm" />;
  if (file.isError) return <Alert color="red">{errorText(file.error, t)}</Alert>;
  const zone = file.data.timeZone;
  const practitionerId = me.practitionerId;
  return (
    <Stack gap="sm" data-testid="portal">
      <Title order={2}>{t('portal.title')}</Title>
      <Tabs value={current} onChange={(v) => v && navigate(`/portal/${v}`)} keepMounted={false}>
        <Tabs.List>
          {PORTAL_TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`portal-tab-${k}`}>
              {t(`portal.tab.${k}` as MessageKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="absences" pt="sm">
          <AbsencesTab practitionerId={practitionerId} zone={zone} />
        </Tabs.Panel>
        <Tabs.Panel value="consignes" pt="sm">
          <ConsignesEditor practiceId={practiceId} practitionerId={practitionerId} />
        </Tabs.Panel>
        <Tabs.Panel value="presence" pt="sm">
          <OutcomesTab practitionerId={practitionerId} zone={zone} />
        </Tabs.Panel>
        <Tabs.Panel value="channels" pt="sm">
          <ChannelsTab practitionerId={practitionerId} />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="sm">
          <ReportTab practiceId={practiceId} zone={zone} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
