/**
 * SGD against Adam, each with its learning rate tuned on a grid, over
 * several seeds: on an ill-conditioned least-squares quadratic (rotated and
 * axis-aligned) and on the Iris MLP.
 *
 * @module
 */
import { adam } from "../../lib/optim/adam.ts";
import type { Objective } from "../../lib/optim/objective.ts";
import type { Optimizer } from "../../lib/optim/optimizer.ts";
import { sgd } from "../../lib/optim/sgd.ts";
import { Rng } from "../../lib/random.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";
import { illConditionedLeastSquares } from "./illConditionedLeastSquares.ts";
import { irisMlp } from "./irisMlp.ts";
import { type LossBands, lossBands } from "./lossBands.ts";

/** Options of {@linkcode sgdVersusAdam}. */
export interface SgdVersusAdamOptions {
  /** Seeds (start point or initialization, and batch order). Default [1, 2, 3, 4, 5]. */
  seeds?: number[];
  /** SGD's learning-rate grid. Default [0.03, 0.1, 0.3, 1, 3, 10]. */
  sgdRates?: number[];
  /** Adam's learning-rate grid. Default [0.001, 0.003, 0.01, 0.03, 0.1, 0.3]. */
  adamRates?: number[];
  /** Steps on the quadratics. Default 600. */
  quadraticSteps?: number;
  /** Steps on the MLP. Default 400. */
  mlpSteps?: number;
  /** Mini-batch size on both (N = 200 and 120). Default 10. */
  batchSize?: number;
  /** Record the loss every this many steps. Default 10. */
  every?: number;
}

/** One optimizer at one learning rate on one problem, over the seeds. */
export interface RateRun {
  /** "SGD" or "Adam". */
  optimizer: "SGD" | "Adam";
  /** The learning rate. */
  lr: number;
  /** The loss curves (f − f* on the quadratics, f on the MLP). */
  bands: LossBands;
}

/** One problem of the race. */
export interface RaceProblem {
  /** A short name: "rotated quadratic", "axis-aligned quadratic" or "Iris MLP". */
  problem: string;
  /** The number of steps. */
  steps: number;
  /** The recorded steps (shared by all runs). */
  recorded: number[];
  /** What the curves show: "f − f*" or "f". */
  quantity: string;
  /** Every (optimizer, learning rate) pair. */
  runs: RateRun[];
  /** Per optimizer, the learning rate with the lowest final median among runs where no seed diverged. */
  tuned: { SGD: number; Adam: number };
  /**
   * Per optimizer and recorded step, the lowest median over its learning
   * rates (runs with a diverged seed excluded): the best each optimizer can
   * do with that many steps when its rate is tuned for them.
   */
  envelope: { SGD: number[]; Adam: number[] };
}

/**
 * Race SGD and Adam (both on mini-batches of the same size) on three
 * problems: f(β) = (1/N)‖Xβ − y‖² with Hessian eigenvalues log-spaced over
 * κ = 10³ ({@linkcode illConditionedLeastSquares}, n = 20, N = 200), once
 * with a random eigenbasis and once with the coordinate axes as
 * eigenvectors, and the Iris MLP ({@linkcode irisMlp}). Every learning rate
 * of each grid runs for every seed (the quadratics start from a standard
 * normal x₀, the MLP from its seeded initialization). Deterministic; cached
 * in-process by options.
 *
 * @example A quick race on short grids
 * ```ts
 * import { sgdVersusAdam } from "./sgdVersusAdam.ts";
 * const r = sgdVersusAdam({
 *   seeds: [1, 2], sgdRates: [0.1, 0.3], adamRates: [0.01, 0.03],
 *   quadraticSteps: 40, mlpSteps: 20, every: 10,
 * });
 * if (r.length !== 3 || r[0].runs.length !== 4) throw new Error();
 * if (!r.every((p) => p.envelope.SGD.every((v, k) => v <= p.runs[0].bands.median[k]))) {
 *   throw new Error("the envelope is a minimum over rates");
 * }
 * ```
 */
export function sgdVersusAdam(options: SgdVersusAdamOptions = {}): RaceProblem[] {
  const o = {
    seeds: options.seeds ?? [1, 2, 3, 4, 5],
    sgdRates: options.sgdRates ?? [0.03, 0.1, 0.3, 1, 3, 10],
    adamRates: options.adamRates ?? [0.001, 0.003, 0.01, 0.03, 0.1, 0.3],
    quadraticSteps: options.quadraticSteps ?? 600,
    mlpSteps: options.mlpSteps ?? 400,
    batchSize: options.batchSize ?? 10,
    every: options.every ?? 10,
  };
  const what = "race SGD against Adam";
  if (o.sgdRates.length === 0 || o.adamRates.length === 0) {
    throw new RangeError(`Cannot ${what}: options sgdRates and adamRates must be non-empty`);
  }
  return memoizeExperiment("sgdVersusAdam", o, () => {
    const problems: {
      problem: string;
      steps: number;
      quantity: string;
      offset: number;
      setup: (seed: number) => { objective: Objective; x0: ArrayLike<number> };
    }[] = [];
    for (const rotate of [true, false]) {
      const p = illConditionedLeastSquares({ rotate, seed: 3 });
      problems.push({
        problem: rotate ? "rotated quadratic" : "axis-aligned quadratic",
        steps: o.quadraticSteps,
        quantity: "f − f*",
        offset: p.minimum,
        setup: (seed) => ({
          objective: p.objective,
          x0: new Rng(100 + seed).normalVector(p.objective.size),
        }),
      });
    }
    const net = irisMlp();
    problems.push({
      problem: "Iris MLP",
      steps: o.mlpSteps,
      quantity: "f",
      offset: 0,
      setup: (seed) => ({ objective: net.objective, x0: net.init(seed) }),
    });
    const makers: ["SGD" | "Adam", number[], (lr: number, seed: number) => Optimizer][] = [
      ["SGD", o.sgdRates, (lr, seed) => sgd({ lr, batchSize: o.batchSize, seed })],
      ["Adam", o.adamRates, (lr, seed) => adam({ lr, batchSize: o.batchSize, seed })],
    ];
    return problems.map((p) => {
      const runs: RateRun[] = [];
      for (const [optimizer, rates, make] of makers) {
        for (const lr of rates) {
          const bands = lossBands(
            (seed) => ({ ...p.setup(seed), optimizer: make(lr, seed) }),
            { seeds: o.seeds, steps: p.steps, every: o.every, offset: p.offset },
          );
          runs.push({ optimizer, lr, bands });
        }
      }
      const recorded = runs[0].bands.steps;
      const best = (name: "SGD" | "Adam") => {
        const ok = runs.filter((r) => r.optimizer === name && r.bands.diverged.length === 0);
        if (ok.length === 0) {
          throw new Error(`Cannot ${what}: every ${name} learning rate diverged on ${p.problem}`);
        }
        const last = recorded.length - 1;
        const tuned = ok.reduce((a, b) => (b.bands.median[last] < a.bands.median[last] ? b : a));
        const envelope = recorded.map((_, k) => Math.min(...ok.map((r) => r.bands.median[k])));
        return { tuned: tuned.lr, envelope };
      };
      const s = best("SGD"), a = best("Adam");
      return {
        problem: p.problem,
        steps: p.steps,
        recorded,
        quantity: p.quantity,
        runs,
        tuned: { SGD: s.tuned, Adam: a.tuned },
        envelope: { SGD: s.envelope, Adam: a.envelope },
      };
    });
  });
}
