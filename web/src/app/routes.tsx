/** Which screens each role has, and which one it lands on. */
import type { ReactNode } from 'react';
import type { MessageKey } from './messages.ts';
import type { Me, Role } from './session.ts';
import { matchPath } from './router.ts';
import { ConsolePage } from '../console/ConsolePage.tsx';
import { PracticesOverview } from '../practices/PracticesOverview.tsx';
import { PracticePage } from '../practices/PracticePage.tsx';
import { PractitionerHome } from '../practices/PractitionerHome.tsx';
import { TeamPage } from '../admin/team/TeamPage.tsx';
import { PortalPage } from '../portal/PortalPage.tsx';
import { OnboardingPage } from '../onboarding/OnboardingPage.tsx';
import { Inbox } from '../messages/Inbox.tsx';
import { Tasks } from '../messages/Tasks.tsx';
import { IcsFeedPage } from '../interop/IcsFeedPage.tsx';
import { WebhooksPage } from '../interop/WebhooksPage.tsx';
import { WallboardPage } from '../supervision/WallboardPage.tsx';
import { BillingPage } from '../billing/BillingPage.tsx';
import { InvoicePage } from '../billing/InvoicePage.tsx';

interface Screen {
  path: string;
  /** Shown in the header's navigation when set. */
  nav?: MessageKey;
  roles: readonly Role[];
  render(params: Record<string, string>, me: Me): ReactNode;
}

const OFFICE = ['admin', 'supervisor'] as const;

export const SCREENS: readonly Screen[] = [
  { path: '/console', nav: 'nav.console', roles: ['agent', 'trainer'], render: () => <ConsolePage /> },
  { path: '/practices', nav: 'nav.practices', roles: OFFICE, render: () => <PracticesOverview /> },
  { path: '/practices/:id', roles: OFFICE, render: (p) => <PracticePage id={p.id ?? ''} backTo="/practices" /> },
  { path: '/users', nav: 'nav.users', roles: OFFICE, render: (_p, me) => <TeamPage canWrite={me.role === 'admin'} /> },
  { path: '/onboarding', nav: 'nav.onboarding', roles: ['admin'], render: () => <OnboardingPage /> },
  { path: '/onboarding/:id', roles: ['admin'], render: (p) => <OnboardingPage practiceId={p.id} /> },
  { path: '/my-practice', nav: 'nav.myPractice', roles: ['practitioner'], render: (_p, me) => <PractitionerHome practiceIds={me.practiceIds} /> },
  { path: '/portal', nav: 'nav.portal', roles: ['practitioner'], render: (_p, me) => <PortalPage me={me} tab={undefined} /> },
  { path: '/portal/:tab', roles: ['practitioner'], render: (p, me) => <PortalPage me={me} tab={p.tab} /> },
  { path: '/messages', nav: 'nav.messages', roles: ['practitioner'], render: () => <Inbox /> },
  { path: '/webhooks', nav: 'nav.webhooks', roles: ['admin'], render: () => <WebhooksPage /> },
  { path: '/calendar-feed', nav: 'nav.icsFeed', roles: ['practitioner'], render: () => <IcsFeedPage /> },
  { path: '/supervision', nav: 'nav.supervision', roles: OFFICE, render: () => <WallboardPage /> },
  { path: '/tasks', nav: 'nav.tasks', roles: ['agent', 'admin', 'supervisor'], render: () => <Tasks /> },
  { path: '/billing', nav: 'nav.billing', roles: ['admin'], render: () => <BillingPage admin basePath="/billing" /> },
  { path: '/billing/:id', roles: ['admin'], render: (p) => <InvoicePage id={p.id ?? ''} admin basePath="/billing" /> },
  { path: '/my-invoices', nav: 'nav.myInvoices', roles: ['practitioner'], render: () => <BillingPage admin={false} basePath="/my-invoices" /> },
  { path: '/my-invoices/:id', roles: ['practitioner'], render: (p) => <InvoicePage id={p.id ?? ''} admin={false} basePath="/my-invoices" /> },
];

export function homePath(role: Role): string {
  return SCREENS.find((s) => s.nav && s.roles.includes(role))?.path ?? '/';
}

export function resolveScreen(path: string, role: Role): { screen: Screen; params: Record<string, string> } | null {
  for (const screen of SCREENS) {
    if (!screen.roles.includes(role)) continue;
    const params = matchPath(screen.path, path);
    if (params) return { screen, params };
  }
  return null;
}
