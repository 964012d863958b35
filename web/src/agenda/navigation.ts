/** Which days the agenda shows and how: one date, day or week, one practitioner or all side by side. */
import { useState } from 'react';
import { useShortcut } from '../app/shortcuts.tsx';
import { addDays, todayIn } from './time.ts';

export type AgendaMode = 'day' | 'week';

export interface AgendaNav {
  date: string;
  mode: AgendaMode;
  setDate(date: string): void;
  setMode(mode: AgendaMode): void;
  /** One day (or one week) back (−1) or forward (+1). */
  step(direction: -1 | 1): void;
  today(): void;
}

export function useAgendaNav(zone: string): AgendaNav {
  const [date, setDate] = useState(() => todayIn(zone));
  const [mode, setMode] = useState<AgendaMode>('day');
  // setDate and setMode are React's setters: stable, safe in effects' dependencies.
  return {
    date,
    mode,
    setDate,
    setMode,
    step: (direction) => setDate(addDays(date, direction * (mode === 'week' ? 7 : 1))),
    today: () => setDate(todayIn(zone)),
  };
}

/**
 * ←/→ day or week, T today, W week/day, P next practitioner (then all side by side) — while `enabled`.
 * `cyclePractitioner` is left out where there is only one agenda (the practitioner's portal).
 */
export function useAgendaKeys(nav: AgendaNav, enabled: boolean, onWeek: () => void, cyclePractitioner?: () => void): void {
  useShortcut('agendaStep', (e) => nav.step(e.key === 'ArrowLeft' ? -1 : 1), enabled);
  useShortcut('agendaToday', nav.today, enabled);
  useShortcut('agendaWeek', onWeek, enabled);
  useShortcut('agendaPractitioner', () => cyclePractitioner?.(), enabled && cyclePractitioner !== undefined);
}
