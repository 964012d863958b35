/**
 * The random laws of call-centre traffic, drawn from a seeded generator (src/demo/random.ts) so that a
 * simulation is the same for the same seed. Pure: no clock, no I/O.
 */
import type { Rng } from '../../demo/random.ts';

/** Exponential with the given mean (> 0): times between Poisson arrivals, callers' patience. */
export function exponential(rng: Rng, mean: number): number {
  // 1 − next() is in (0, 1]: the logarithm is finite.
  return -mean * Math.log(1 - rng.next());
}

/** Standard normal (Box–Muller). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal by its median and the σ of its logarithm: handle times (skewed right, never negative). */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * standardNormal(rng));
}

/** Uniform in [min, max). */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}
