/**
 * One simulated caller, through the carrier's webhooks as Twilio would send them: the call comes in,
 * the caller presses 1 if urgent, waits on hold (the carrier asks the wait URL at each hold loop), hangs
 * up when her patience runs out, or talks once an agent answered; sent to voicemail (closed line,
 * overflow), she may leave a message. The carrier reports the end of every call (status callback).
 */
import type { SimClock } from './clock.ts';
import type { Carrier } from './http.ts';
import { LiveCall, type LiveCalls, type Tally } from './live-call.ts';
import type { SimCall } from './traffic.ts';

export interface CallerContext {
  clock: SimClock;
  carrier: Carrier;
  live: LiveCalls;
  tally: Tally;
  /** Simulated seconds between two hold-loop requests (Twilio: when the hold announcement ends). */
  holdLoopSeconds: number;
  /** Never poll faster than this (real ms), whatever the speed. */
  minPollMs: number;
  onCall?: (sim: SimCall, what: string) => void;
}

const MESSAGE_SECONDS = 15;

async function leaveMessageOrHangUp(ctx: CallerContext, sim: SimCall, startedAt: number): Promise<void> {
  if (sim.leavesVoicemail) {
    await ctx.clock.sleep((MESSAGE_SECONDS + 5) * 1000);
    await ctx.carrier.recorded(sim.callSid, MESSAGE_SECONDS);
    ctx.tally.voicemailsLeft++;
    ctx.onCall?.(sim, 'message vocal / voicemail');
  }
  await ctx.carrier.ended(sim.callSid, Math.round((ctx.clock.simNow() - startedAt) / 1000));
}

/** Plays one call from its arrival to the carrier's final status callback. */
export async function playCaller(ctx: CallerContext, sim: SimCall): Promise<void> {
  const { clock, carrier, tally } = ctx;
  if (!(await clock.sleepUntil(sim.at))) return;
  const startedAt = clock.simNow();
  const verbs = await carrier.incoming(sim.callSid, sim.to, sim.from);
  tally.calls++;
  if (!verbs.includes('Enqueue')) {
    tally.notQueued++;
    ctx.onCall?.(sim, verbs.includes('Record') ? 'ligne fermée, messagerie / closed line, voicemail' : 'ligne fermée / closed line');
    if (verbs.includes('Record')) await leaveMessageOrHangUp(ctx, sim, startedAt);
    else await carrier.ended(sim.callSid, 0);
    return;
  }
  tally.queued++;
  ctx.onCall?.(sim, sim.urgent ? 'en file, urgent / queued, urgent' : 'en file / queued');
  const call = new LiveCall(sim);
  ctx.live.add(call);
  try {
    await waitThenTalk(ctx, call, startedAt);
  } finally {
    call.callerGone.resolve();
    ctx.live.remove(call);
  }
}

async function waitThenTalk(ctx: CallerContext, call: LiveCall, startedAt: number): Promise<void> {
  const { clock, carrier, tally } = ctx;
  const sim = call.sim;
  const giveUpAt = startedAt + sim.patienceMs;
  if (sim.urgent) {
    // The voice menu: the caller presses 1 a few seconds into the welcome message.
    await Promise.race([clock.sleep(3000), call.connected.promise]);
    if (!call.connected.settled && clock.simNow() < giveUpAt) await carrier.press(sim.callSid, '1');
  }
  const pollMs = Math.max(ctx.holdLoopSeconds * 1000, ctx.minPollMs * clock.speed);
  let nextPoll = clock.simNow() + pollMs;
  while (!call.connected.settled) {
    const wakeAt = Math.min(giveUpAt, nextPoll);
    const slept = await Promise.race([clock.sleepUntil(wakeAt), call.connected.promise.then(() => true)]);
    if (call.connected.settled) break;
    const now = clock.simNow();
    if (!slept || now >= giveUpAt) {
      // Out of patience (or the run stops): the caller hangs up while waiting.
      tally.callerHangUps++;
      ctx.onCall?.(sim, `raccroche après ${Math.round((now - startedAt) / 1000)} s d'attente / hangs up`);
      await carrier.ended(sim.callSid, Math.round((now - startedAt) / 1000));
      return;
    }
    nextPoll = now + pollMs;
    const hold = await carrier.waiting(sim.callSid, Math.round((now - startedAt) / 1000));
    if (!hold.includes('Leave')) continue;
    // The server took the call out of the queue: answered meanwhile, or overflow.
    const next = await carrier.leftQueue(sim.callSid, 'leave');
    if (next.includes('Dial')) {
      call.connected.resolve();
      break;
    }
    tally.leftQueue++;
    ctx.onCall?.(sim, next.includes('Record') ? 'débordement, messagerie / overflow, voicemail' : 'débordement / overflow');
    if (next.includes('Record')) await leaveMessageOrHangUp(ctx, sim, startedAt);
    else await carrier.ended(sim.callSid, Math.round((clock.simNow() - startedAt) / 1000));
    return;
  }
  // Bridged to the agent (Twilio reports the caller's leg leaving the queue after the redirect).
  ctx.onCall?.(sim, `décroché après ${Math.round((clock.simNow() - startedAt) / 1000)} s / answered`);
  await carrier.leftQueue(sim.callSid, 'redirected');
  // A simulated agent says when the conversation is over (a safety net if she never does); with a
  // person at a console, the caller talks for her own talk time, then hangs up.
  const talkLimit = call.answeredBySimulator ? 2 * sim.talkMs + 60_000 : sim.talkMs;
  const by = await Promise.race([call.ended.promise, clock.sleep(talkLimit).then(() => 'caller' as const)]);
  if (by === 'caller') ctx.onCall?.(sim, 'le patient raccroche / caller hangs up');
  await carrier.ended(sim.callSid, Math.round((clock.simNow() - startedAt) / 1000));
}
