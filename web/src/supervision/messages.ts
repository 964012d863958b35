/** The supervision screens' texts, French first; English has exactly the same keys (the compiler checks). */
import { useI18n } from '../app/i18n.tsx';

const fr = {
  'wall.title': 'Supervision en direct',
  'wall.live': 'En direct',
  'wall.offline': 'Connexion perdue — reconnexion…',
  'wall.fullscreen': 'Mode mur',
  'wall.exitFullscreen': 'Quitter le mode mur',
  'wall.queues': 'Files d’attente',
  'wall.agents': 'Agents',
  'wall.practice': 'Cabinet',
  'wall.waiting': 'En attente',
  'wall.longest': 'Attente la plus longue',
  'wall.ringing': 'Sonne',
  'wall.connected': 'En ligne',
  'wall.noQueue': 'Aucun appel en cours ni aujourd’hui.',
  'wall.agent': 'Agent',
  'wall.state': 'État',
  'wall.since': 'Depuis',
  'wall.callPractice': 'Cabinet de l’appel',
  'wall.today': 'Aujourd’hui',
  'wall.perPractice': 'Par cabinet',
  'wall.perAgent': 'Par agent',
  'wall.offered': 'Offerts',
  'wall.answered': 'Décrochés',
  'wall.abandoned': 'Abandons',
  'wall.serviceLevel': 'Niveau de service',
  'wall.asa': 'ASA',
  'wall.aht': 'DMT',
  'wall.occupancy': 'Occupation',
  'wall.total': 'Total',
  'wall.alertTitle': 'Objectif dépassé',
  'wall.breachWait': '{practice} : un appelant attend depuis {wait} (objectif {target} s)',
  'wall.breachLevel': '{practice} : niveau de service du jour {level} (objectif {target})',
  'state.ringing': 'Sonne',
  'state.on_call': 'En ligne',
  'state.wrap_up': 'Post-appel',
  'state.available': 'Disponible',
  'state.break': 'Pause',
  'state.lunch': 'Déjeuner',
  'state.training': 'Formation',
  'state.back_office': 'Back-office',
  'state.logged_out': 'Déconnecté',
  'plan.title': 'Prévisions et effectifs',
  'plan.date': 'Jour',
  'plan.model': 'Modèle : Erlang {model}',
  'plan.patience': 'patience observée {seconds} s',
  'plan.required': 'Agents nécessaires',
  'plan.planned': 'Agents prévus',
  'plan.calls': 'Appels prévus',
  'plan.half': 'Demi-heure',
  'plan.sl': 'Niveau de service attendu',
  'plan.abandons': 'Abandons attendus',
  'plan.aht': 'DMT (s)',
  'plan.funnel': 'Effet entonnoir',
  'plan.funnelLine':
    '{label} : {required} agents nécessaires, {planned} prévus — niveau de service attendu {level}, {abandons} abandons attendus — {practices}',
  'plan.noFunnel': 'Aucune demi-heure sous-staffée ce jour-là.',
  'plan.whatIf': 'Simulation',
  'plan.from': 'De',
  'plan.to': 'À',
  'plan.agents': 'Agents en plus',
  'plan.apply': 'Recalculer',
  'plan.clear': 'Effacer la simulation',
  'plan.csv': 'Exporter en CSV',
  'plan.heatmap': 'Appels par jour de semaine et demi-heure (moyenne des 8 dernières semaines)',
  'plan.weekdays': 'Lun,Mar,Mer,Jeu,Ven,Sam,Dim',
} as const;

export type SupervisionKey = keyof typeof fr;

const en: Record<SupervisionKey, string> = {
  'wall.title': 'Live supervision',
  'wall.live': 'Live',
  'wall.offline': 'Connection lost — reconnecting…',
  'wall.fullscreen': 'Wall mode',
  'wall.exitFullscreen': 'Leave wall mode',
  'wall.queues': 'Queues',
  'wall.agents': 'Agents',
  'wall.practice': 'Practice',
  'wall.waiting': 'Waiting',
  'wall.longest': 'Longest wait',
  'wall.ringing': 'Ringing',
  'wall.connected': 'On call',
  'wall.noQueue': 'No call now nor today.',
  'wall.agent': 'Agent',
  'wall.state': 'State',
  'wall.since': 'For',
  'wall.callPractice': 'Practice of the call',
  'wall.today': 'Today',
  'wall.perPractice': 'Per practice',
  'wall.perAgent': 'Per agent',
  'wall.offered': 'Offered',
  'wall.answered': 'Answered',
  'wall.abandoned': 'Abandoned',
  'wall.serviceLevel': 'Service level',
  'wall.asa': 'ASA',
  'wall.aht': 'AHT',
  'wall.occupancy': 'Occupancy',
  'wall.total': 'Total',
  'wall.alertTitle': 'Target missed',
  'wall.breachWait': '{practice}: a caller has waited {wait} (target {target} s)',
  'wall.breachLevel': '{practice}: today’s service level {level} (target {target})',
  'state.ringing': 'Ringing',
  'state.on_call': 'On call',
  'state.wrap_up': 'Wrap-up',
  'state.available': 'Available',
  'state.break': 'Break',
  'state.lunch': 'Lunch',
  'state.training': 'Training',
  'state.back_office': 'Back office',
  'state.logged_out': 'Logged out',
  'plan.title': 'Forecast and staffing',
  'plan.date': 'Day',
  'plan.model': 'Model: Erlang {model}',
  'plan.patience': 'observed patience {seconds} s',
  'plan.required': 'Agents required',
  'plan.planned': 'Agents planned',
  'plan.calls': 'Calls forecast',
  'plan.half': 'Half-hour',
  'plan.sl': 'Expected service level',
  'plan.abandons': 'Expected abandons',
  'plan.aht': 'AHT (s)',
  'plan.funnel': 'Funnel effect',
  'plan.funnelLine': '{label}: {required} agents required, {planned} planned — expected service level {level}, {abandons} expected abandons — {practices}',
  'plan.noFunnel': 'No understaffed half-hour that day.',
  'plan.whatIf': 'What-if',
  'plan.from': 'From',
  'plan.to': 'To',
  'plan.agents': 'Extra agents',
  'plan.apply': 'Recompute',
  'plan.clear': 'Clear the what-if',
  'plan.csv': 'Export as CSV',
  'plan.heatmap': 'Calls per weekday and half-hour (mean of the last 8 weeks)',
  'plan.weekdays': 'Mon,Tue,Wed,Thu,Fri,Sat,Sun',
};

export type SupervisionT = (key: SupervisionKey, vars?: Record<string, string | number>) => string;

export function useSupervisionT(): SupervisionT {
  const { locale } = useI18n();
  const dict: Record<SupervisionKey, string> = locale === 'en' ? en : fr;
  return (key, vars) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** 0.8532 → "85 %" (fr) / "85%" (en). */
export function percent(value: number | null, locale: string): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function seconds(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} s`;
}
