/**
 * The edge-of-stability lab's two costs, as one function that runs the same
 * way in Deno and in Chromium (the bench bundles this module with the
 * explorables; in a page it puts the function on `globalThis.hxEosBench`):
 * training steps per second of full-batch gradient descent on the section's
 * 701-parameter network, and the time of one sharpness evaluation, warm
 * (from the previous top eigenvector, as the lab measures every k steps) and
 * cold (a random start).
 *
 * @module
 */
import { edgeOfStabilityProblem } from "../book/experiments/edgeOfStabilityRuns.ts";
import { sharpness } from "../lib/optim/sharpness.ts";
import { sharpnessTracker } from "../lib/optim/sharpnessTracker.ts";
import { median } from "../lib/stats/median.ts";

/** What {@linkcode eosBenchmark} measured. */
export interface EosBenchmark {
  /** Training steps per second (gradient steps only, no sharpness). */
  stepsPerSecond: number;
  /** Median milliseconds of one warm-started sharpness evaluation (every `every` steps). */
  warmMs: number;
  /** Median Hessian-vector products of those. */
  warmMatvecs: number;
  /** Median milliseconds of one cold sharpness evaluation (random start, seed 1). */
  coldMs: number;
  /** Its Hessian-vector products. */
  coldMatvecs: number;
  /** λmax at the end (the same in Deno and in the page, a check that they ran the same thing). */
  lambda: number;
}

/** Time `steps` steps at η = 0.1, then `measurements` warm and 5 cold sharpness evaluations. */
export function eosBenchmark(steps = 2000, measurements = 20, every = 50): EosBenchmark {
  const { objective, x0 } = edgeOfStabilityProblem();
  const run = sharpnessTracker(objective, x0, { lr: 0.1, lanczos: { seed: 1 } });
  for (let t = 0; t < 50; t++) run.step(); // warm-up
  let t0 = performance.now();
  for (let t = 0; t < steps; t++) run.step();
  const stepsPerSecond = steps / ((performance.now() - t0) / 1000);
  run.sharpness();
  const warm: number[] = [], warmMv: number[] = [];
  for (let k = 0; k < measurements; k++) {
    for (let t = 0; t < every; t++) run.step();
    const before = run.matvecs;
    t0 = performance.now();
    run.sharpness();
    warm.push(performance.now() - t0);
    warmMv.push(run.matvecs - before);
  }
  const cold: number[] = [];
  let coldMatvecs = 0;
  for (let k = 0; k < 5; k++) {
    t0 = performance.now();
    coldMatvecs = sharpness(objective, run.x, { seed: 1 }).matvecs;
    cold.push(performance.now() - t0);
  }
  return {
    stepsPerSecond,
    warmMs: median(warm),
    warmMatvecs: median(warmMv),
    coldMs: median(cold),
    coldMatvecs,
    lambda: run.sharpness().value,
  };
}

if (typeof document !== "undefined") {
  (globalThis as unknown as { hxEosBench: typeof eosBenchmark }).hxEosBench = eosBenchmark;
}
