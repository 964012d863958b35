/**
 * `relais simulate-calls`: realistic call traffic against a running Relais, through the same webhook
 * path as the carrier (signed Twilio requests) and the same API and WebSocket as the consoles — for
 * demonstrations, training and load tests. Example: an hour of a Monday morning in one minute:
 *   relais simulate-calls --url http://localhost:3000 --calls-per-hour 300 --agents 10 --speed 60 \
 *     --start 2026-03-02T08:30:00+01:00
 * The traffic is the same for the same seed. The server must know the same Twilio auth token
 * (RELAIS_TWILIO_AUTH_TOKEN on both sides, or --auth-token).
 */
import { Command, Option } from 'commander';
import { prepareRun } from '../calls/simulator/setup.ts';
import { runSimulation, type SimulationSummary } from '../calls/simulator/runner.ts';
import { generateTraffic } from '../calls/simulator/traffic.ts';
import { HttpError } from '../calls/simulator/http.ts';
import { instantToLocal } from '../core/time/local-time.ts';

interface Options {
  url: string;
  publicUrl?: string;
  authToken?: string;
  email: string;
  password: string;
  callsPerHour: string;
  agents: string;
  speed: string;
  minutes: string;
  start?: string;
  seed: string;
  profile: 'day' | 'flat';
  practice?: string[];
  keepQueueSettings?: boolean;
  verbose?: boolean;
}

interface Figures {
  offered: number;
  answered: number;
  abandoned: number | null;
  shortAbandoned: number | null;
  overflowed: number | null;
  closed: number | null;
  serviceLevel: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  averageHandleTimeSeconds: number | null;
  occupancy: number | null;
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} doit être un nombre positif / must be a positive number (${value})`);
  return n;
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
const secs = (x: number | null, speed: number) =>
  x === null ? '—' : speed === 1 ? `${x.toFixed(1)} s` : `${x.toFixed(2)} s réelles ≈ ${(x * speed).toFixed(0)} s simulées`;

function summaryLines(s: SimulationSummary): string[] {
  return [
    `Appels passés / calls placed: ${s.calls} (en file / queued ${s.queued}, ligne fermée ou inconnue / closed line ${s.notQueued})`,
    `Décrochés par les agents simulés / answered: ${s.connected}; appelants lassés / callers who gave up: ${s.callerHangUps}; ` +
      `sortis de file (débordement) / overflowed: ${s.leftQueue}; messages vocaux / voicemails: ${s.voicemailsLeft}`,
    `Sonneries laissées sans réponse exprès / rings let go: ${s.ringsLetGo}; décrochés trop tard / late answers: ${s.lateAnswers}; ` +
      `durée réelle / wall time: ${s.realSeconds.toFixed(1)} s`,
  ];
}

async function simulate(o: Options): Promise<void> {
  const speed = positive('speed', o.speed);
  const callsPerHour = positive('calls-per-hour', o.callsPerHour);
  const agents = Math.round(positive('agents', o.agents));
  const minutes = positive('minutes', o.minutes);
  const authToken = o.authToken ?? process.env.RELAIS_TWILIO_AUTH_TOKEN;
  if (!authToken) throw new Error('Jeton Twilio manquant : --auth-token ou RELAIS_TWILIO_AUTH_TOKEN / missing Twilio auth token');
  const start = o.start ? Date.parse(o.start) : Date.now();
  if (Number.isNaN(start)) throw new Error(`--start : instant ISO 8601 attendu / ISO 8601 instant expected (${o.start})`);
  const baseUrl = o.url.replace(/\/+$/, '');

  const prepared = await prepareRun({
    baseUrl,
    adminEmail: o.email,
    adminPassword: o.password,
    agents,
    speed: o.keepQueueSettings ? 1 : speed,
    ...(o.practice?.length ? { practiceIds: o.practice } : {}),
  });
  const controller = new AbortController();
  const stop = () => {
    console.log('\nArrêt : les appels en cours se terminent… / Stopping: calls in progress end…');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const calls = generateTraffic({ seed: o.seed, start, durationMs: minutes * 60_000, callsPerHour, practices: prepared.practices, profile: o.profile });
    const local = instantToLocal('Europe/Paris', start);
    console.log(
      `${calls.length} appels sur ${minutes} min simulées à partir du ${local.date} ${local.time} (heure de Paris), ` +
        `${prepared.practices.length} cabinets, ${agents} agents simulés, vitesse ×${speed} : ≈ ${((minutes * 60) / speed).toFixed(0)} s réelles.\n` +
        `/ ${calls.length} calls over ${minutes} simulated minutes, ${prepared.practices.length} practices, ${agents} agents, speed ×${speed}.` +
        (speed > 1 && !o.keepQueueSettings
          ? '\nRéglages des files mis à l’échelle pendant la simulation, rétablis à la fin. / Queue settings scaled for the run, restored after.'
          : ''),
    );
    const names = new Map(prepared.practices.map((p) => [p.number, p.name]));
    const runStart = new Date();
    const progress = setInterval(() => process.stdout.write('.'), 2000);
    let summary: SimulationSummary;
    try {
      summary = await runSimulation({
        baseUrl,
        authToken,
        agents: prepared.agents,
        calls,
        simStart: start,
        speed,
        signal: controller.signal,
        ...(o.publicUrl ? { publicUrl: o.publicUrl.replace(/\/+$/, '') } : {}),
        ...(o.verbose
          ? { onCall: (sim, what) => console.log(`${instantToLocal('Europe/Paris', sim.at).time} #${sim.seq} ${names.get(sim.to) ?? sim.to} — ${what}`) }
          : {}),
      });
    } finally {
      clearInterval(progress);
    }
    console.log(`\n${summaryLines(summary).join('\n')}`);
    if (summary.errors.length)
      console.error(`Réponses inattendues du serveur / unexpected answers (${summary.errors.length}):\n  ${summary.errors.slice(0, 10).join('\n  ')}`);
    // The server measures on the wall clock: its thresholds are scaled like the run (20 s → 20/speed s).
    const q = new URLSearchParams({
      from: runStart.toISOString(),
      to: new Date(Date.now() + 1000).toISOString(),
      groupBy: 'practice',
      serviceLevelSeconds: String(Math.max(0.1, 20 / speed)),
      shortAbandonSeconds: String(5 / speed),
    });
    const { total: m } = await prepared.admin.get<{ total: Figures }>(`/api/calls/metrics?${q}`);
    console.log(
      `Indicateurs du serveur / server metrics: offerts ${m.offered}, décrochés ${m.answered}, abandons ${m.abandoned} (+ ${m.shortAbandoned} courts), ` +
        `débordés ${m.overflowed}, hors horaires ${m.closed}; niveau de service (20 s simulées) ${pct(m.serviceLevel)}; ` +
        `ASA ${secs(m.averageSpeedOfAnswerSeconds, speed)}; DMT/AHT ${secs(m.averageHandleTimeSeconds, speed)}; occupation ${pct(m.occupancy)}`,
    );
    if (summary.errors.length) process.exitCode = 1;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await prepared.restore();
  }
}

export function simulateCallsCommand(): Command {
  return new Command('simulate-calls')
    .description('Trafic d’appels simulé (démo, formation, charge) / Simulated call traffic (demo, training, load tests)')
    .option('--url <url>', 'serveur Relais / Relais server', 'http://localhost:3000')
    .option('--public-url <url>', 'URL que le serveur croit appelée par l’opérateur (RELAIS_PUBLIC_URL) / the URL signatures cover')
    .option('--auth-token <token>', 'jeton Twilio partagé (défaut RELAIS_TWILIO_AUTH_TOKEN) / shared Twilio auth token')
    .option('--email <email>', 'administrateur qui prépare la simulation / administrator', 'admin@demo.relais.fr')
    .option('--password <password>', 'son mot de passe / password', 'relais-demo')
    .option('--calls-per-hour <n>', 'appels par heure simulée, en moyenne sur la période / mean calls per simulated hour', '300')
    .option('--agents <n>', 'agents simulés / simulated agents', '10')
    .option('--speed <x>', 'compression du temps (60 = une heure en une minute) / time compression', '1')
    .option('--minutes <n>', 'durée simulée / simulated duration', '60')
    .option('--start <instant>', 'début simulé, ISO 8601 (défaut : maintenant) / simulated start (default now)')
    .option('--seed <seed>', 'graine : même graine, même trafic / same seed, same traffic', 'relais')
    .addOption(new Option('--profile <profile>', 'profil horaire / arrival profile').choices(['day', 'flat']).default('day'))
    .option('--practice <id>', 'seulement ce cabinet (répétable) / only this practice (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--keep-queue-settings', 'ne pas mettre les files à l’échelle / do not scale the queue settings')
    .option('--verbose', 'chaque étape de chaque appel / every step of every call')
    .action(async (o: Options) => {
      try {
        await simulate(o);
      } catch (err) {
        if (err instanceof HttpError && err.status === 401)
          throw new Error(`Connexion refusée pour ${o.email} / sign-in refused (--email, --password)`, { cause: err });
        throw err;
      }
    });
}
