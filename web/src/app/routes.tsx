/** Which screens each role has, and which one it lands on. */
import type { ReactNode } from 'react';
import type { MessageKey } from './messages.ts';
import type { Me, Role } from './session.ts';
import { matchPath } from './router.ts';
import { ConsolePage } from '../console/ConsolePage.tsx';
import { PracticesOverview } from '../practices/PracticesOverview.tsx';
import { PracticePage } from '../practices/PracticePage.tsx';
import { PractitionerHome } from '../practices/PractitionerHome.tsx';
import { UsersList } from '../users/UsersList.tsx';
import { Inbox } from '../messages/Inbox.tsx';
import { Tasks } from '../messages/Tasks.tsx';
import { WallboardPage } from '../supervision/WallboardPage.tsx';
import { PlanPage } from '../supervision/PlanPage.tsx';

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
  { path: '/users', nav: 'nav.users', roles: OFFICE, render: () => <UsersList /> },
  { path: '/my-practice', nav: 'nav.myPractice', roles: ['practitioner'], render: (_p, me) => <PractitionerHome practiceIds={me.practiceIds} /> },
  { path: '/messages', nav: 'nav.messages', roles: ['practitioner'], render: () => <Inbox /> },
  { path: '/supervision', nav: 'nav.supervision', roles: OFFICE, render: () => <WallboardPage /> },
  { path: '/staffing', nav: 'nav.staffing', roles: OFFICE, render: () => <PlanPage /> },
  { path: '/tasks', nav: 'nav.tasks', roles: ['agent', 'admin', 'supervisor'], render: () => <Tasks /> },
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
