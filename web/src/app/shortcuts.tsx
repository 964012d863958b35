/**
 * Keyboard shortcuts: one catalogue (what the help on "?" lists), one window listener, and a hook by which
 * a screen binds a handler to a shortcut while it is shown.
 */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { MessageKey } from './messages.ts';

export interface ShortcutDef {
  /** KeyboardEvent.key values that trigger it. */
  keys: readonly string[];
  /** How the keys are shown to the user. */
  label: string;
  description: MessageKey;
  /** F-keys work even while typing in a field; letters and Enter do not. */
  inFields: boolean;
}

export const SHORTCUTS = {
  help: { keys: ['?'], label: '?', description: 'shortcut.help', inFields: false },
  answer: { keys: ['Enter', ' '], label: 'Entrée / Espace', description: 'shortcut.answer', inFields: false },
  hangUp: { keys: ['F4'], label: 'F4', description: 'shortcut.hangUp', inFields: true },
  finishWrapUp: { keys: ['F9'], label: 'F9', description: 'shortcut.finishWrapUp', inFields: true },
  simulate: { keys: ['F8'], label: 'F8', description: 'shortcut.simulate', inFields: true },
  search: { keys: ['F2'], label: 'F2', description: 'shortcut.search', inFields: true },
  newPatient: { keys: ['n', 'N'], label: 'N', description: 'shortcut.newPatient', inFields: false },
  close: { keys: ['Escape'], label: 'Échap / Esc', description: 'shortcut.close', inFields: true },
  // Before `motif`: during wrap-up the digits record the call's outcome (one key), not a motif.
  outcome: { keys: ['1', '2', '3', '4', '5', '6', '7', '8'], label: '1 … 8', description: 'shortcut.outcome', inFields: false },
  bookFirst: { keys: ['Enter'], label: 'Entrée / Enter', description: 'shortcut.bookFirst', inFields: false },
  motif: { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: '1 … 9', description: 'shortcut.motif', inFields: false },
  agendaTab: { keys: ['a', 'A'], label: 'A', description: 'shortcut.agendaTab', inFields: false },
  agendaStep: { keys: ['ArrowLeft', 'ArrowRight'], label: '← / →', description: 'shortcut.agendaStep', inFields: false },
  agendaToday: { keys: ['t', 'T'], label: 'T', description: 'shortcut.agendaToday', inFields: false },
  agendaWeek: { keys: ['w', 'W'], label: 'W', description: 'shortcut.agendaWeek', inFields: false },
  agendaPractitioner: { keys: ['p', 'P'], label: 'P', description: 'shortcut.agendaPractitioner', inFields: false },
  consignesRead: { keys: ['l', 'L'], label: 'L', description: 'shortcut.consignesRead', inFields: false },
  message: { keys: ['m', 'M'], label: 'M', description: 'shortcut.message', inFields: false },
} as const satisfies Record<string, ShortcutDef>;

export type ShortcutId = keyof typeof SHORTCUTS;

type Handler = (event: KeyboardEvent) => void;
type Registry = Map<ShortcutId, Handler[]>;

const RegistryContext = createContext<Registry | null>(null);

function isField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'BUTTON' || target.tagName === 'A' || target.getAttribute('role') === 'button');
}

export function ShortcutProvider({ children }: { children: ReactNode }) {
  const registry = useRef<Registry>(new Map()).current;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const target = event.target;
      // A dialog owns the keyboard while it is open (Mantine closes it on Escape itself).
      if (target instanceof HTMLElement && target.closest('[role="dialog"]')) return;
      for (const [id, def] of Object.entries(SHORTCUTS) as [ShortcutId, ShortcutDef][]) {
        if (!def.keys.includes(event.key)) continue;
        if (!def.inFields && isField(target)) continue;
        // Enter and Space on a focused button already press that button.
        if ((event.key === 'Enter' || event.key === ' ') && isActivatable(target)) continue;
        const handlers = registry.get(id);
        const handler = handlers?.[handlers.length - 1];
        if (!handler) continue;
        event.preventDefault();
        handler(event);
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

/** Binds `handler` to a shortcut while the component is mounted and `enabled`; the latest binding wins. */
export function useShortcut(id: ShortcutId, handler: Handler, enabled = true): void {
  const registry = useContext(RegistryContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!registry || !enabled) return undefined;
    const bound: Handler = (e) => ref.current(e);
    const list = registry.get(id) ?? [];
    list.push(bound);
    registry.set(id, list);
    return () => {
      const l = registry.get(id) ?? [];
      registry.set(
        id,
        l.filter((h) => h !== bound),
      );
    };
  }, [registry, id, enabled]);
}
