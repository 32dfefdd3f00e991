/**
 * Second-order methods in the stochastic setting: sub-sampled Newton against
 * SGD and Adam, per step, on a convex ill-conditioned quadratic and on the
 * non-convex Iris MLP.
 *
 * @module
 */
import { eigh } from "../../lib/linalg/eigh.ts";
import { leastSquaresObjective } from "../../lib/optim/leastSquaresObjective.ts";
import { adam } from "../../lib/optim/adam.ts";
import { newton } from "../../lib/optim/newton.ts";
import type { Objective } from "../../lib/optim/objective.ts";
import type { Optimizer } from "../../lib/optim/optimizer.ts";
import { sgd } from "../../lib/optim/sgd.ts";
import { Rng } from "../../lib/random.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";
import { illConditionedLeastSquares } from "./illConditionedLeastSquares.ts";
import { irisMlp } from "./irisMlp.ts";
import { type LossBands, lossBands } from "./lossBands.ts";
import { subsampledNewton } from "../../lib/optim/subsampledNewton.ts";

/** Options of {@linkcode stochasticNewtonStudy}. */
export interface StochasticNewtonStudyOptions {
  /** Seeds. Default [1, 2, 3]. */
  seeds?: number[];
  /** Steps of every method on the quadratic. Default 20. */
  quadraticSteps?: number;
  /** Steps of every method on the MLP. Default 20. */
  mlpSteps?: number;
  /** Newton's batch on the quadratic (N = 200, n = 20). Default 40. */
  quadraticBatch?: number;
  /** Newton's batch on the MLP (N = 120, n = 67). Default 32. */
  mlpBatch?: number;
  /** Dampings ε of sub-sampled Newton on the MLP. Default [0.001, 1]. */
  dampings?: number[];
  /** First-order batch size. Default 10. */
  batchSize?: number;
  /** SGD's learning-rate grid (the best final median is kept). Default [0.03, 0.1, 0.3, 1, 3]. */
  sgdRates?: number[];
  /** Adam's learning-rate grid. Default [0.001, 0.003, 0.01, 0.03, 0.1, 0.3]. */
  adamRates?: number[];
}

/** A first-order baseline at its best learning rate on the grid. */
export interface TunedBaseline {
  /** The learning rate with the lowest final median (no seed diverged). */
  lr: number;
  /** Its curves. */
  bands: LossBands;
}

/** The eigenvalue signs of the MLP's Hessian at one initialization. */
export interface InitialSpectrum {
  /** The seed. */
  seed: number;
  /** Eigenvalues below −1e-9·max|λ|. */
  negative: number;
  /** Eigenvalues with |λ| ≤ 1e-9·max|λ| (numerically zero). */
  zero: number;
  /** Eigenvalues above 1e-9·max|λ|. */
  positive: number;
}

/** Everything {@linkcode stochasticNewtonStudy} measured. */
export interface StochasticNewtonStudy {
  /** The convex problem: f − f* of sub-sampled Newton (ε = 0, η = 1) and the tuned baselines. */
  quadratic: { batch: number; newton: LossBands; sgd: TunedBaseline; adam: TunedBaseline };
  /** The non-convex problem: f of sub-sampled Newton per damping, and the tuned baselines. */
  mlp: {
    batch: number;
    /** The number of parameters. */
    parameters: number;
    /** The Hessian's spectrum signs at each seed's initialization. */
    initialSpectra: InitialSpectrum[];
    /** Seeds at which a pure Newton step (full batch, ε = 0) threw. */
    pureNewtonFailures: number[];
    /** The first error message of a pure Newton step ("" if none threw). */
    pureNewtonMessage: string;
    /** Sub-sampled Newton for each damping. */
    damped: { damping: number; bands: LossBands }[];
    sgd: TunedBaseline;
    adam: TunedBaseline;
  };
}

function tune(
  setup: (seed: number) => { objective: Objective; x0: ArrayLike<number> },
  rates: number[],
  make: (lr: number, seed: number) => Optimizer,
  seeds: number[],
  steps: number,
  offset: number,
): TunedBaseline {
  let best: TunedBaseline | undefined;
  for (const lr of rates) {
    const bands = lossBands((seed) => ({ ...setup(seed), optimizer: make(lr, seed) }), {
      seeds,
      steps,
      offset,
    });
    if (bands.diverged.length > 0) continue;
    if (!best || bands.median[steps] < best.bands.median[steps]) best = { lr, bands };
  }
  if (!best) throw new Error("Cannot tune a baseline: every learning rate diverged");
  return best;
}

/**
 * Compare, step for step, a stochastic Newton method
 * ({@linkcode subsampledNewton}: batch Hessian and batch gradient) with SGD
 * and Adam tuned over learning-rate grids, on two problems:
 *
 * - convex: the rotated least-squares quadratic with κ = 10³
 *   ({@linkcode illConditionedLeastSquares}, n = 20, N = 200), where each
 *   batch Hessian of B > n samples is positive definite;
 * - non-convex: the Iris MLP ({@linkcode irisMlp}), where the Hessian at
 *   initialization is indefinite and singular (the softmax is unchanged by
 *   adding a constant to all logits, so some directions are exactly flat).
 *   A pure Newton step is attempted at each initialization; sub-sampled
 *   Newton runs with each damping ε.
 *
 * Deterministic; cached in-process by options.
 *
 * @example A short study
 * ```ts
 * import { stochasticNewtonStudy } from "./stochasticNewtonStudy.ts";
 * const s = stochasticNewtonStudy({ seeds: [1], quadraticSteps: 3, mlpSteps: 2, sgdRates: [0.3], adamRates: [0.03] });
 * if (s.quadratic.newton.median.length !== 4) throw new Error();
 * if (s.mlp.initialSpectra[0].negative === 0) throw new Error("the MLP starts at an indefinite point");
 * ```
 */
export function stochasticNewtonStudy(
  options: StochasticNewtonStudyOptions = {},
): StochasticNewtonStudy {
  const o = {
    seeds: options.seeds ?? [1, 2, 3],
    quadraticSteps: options.quadraticSteps ?? 20,
    mlpSteps: options.mlpSteps ?? 20,
    quadraticBatch: options.quadraticBatch ?? 40,
    mlpBatch: options.mlpBatch ?? 32,
    dampings: options.dampings ?? [0.001, 1],
    batchSize: options.batchSize ?? 10,
    sgdRates: options.sgdRates ?? [0.03, 0.1, 0.3, 1, 3],
    adamRates: options.adamRates ?? [0.001, 0.003, 0.01, 0.03, 0.1, 0.3],
  };
  return memoizeExperiment("stochasticNewtonStudy", o, () => {
    const B = o.batchSize;
    const first = {
      sgd: (lr: number, seed: number) => sgd({ lr, batchSize: B, seed }),
      adam: (lr: number, seed: number) => adam({ lr, batchSize: B, seed }),
    };
    // Convex: the rotated quadratic.
    const p = illConditionedLeastSquares({ rotate: true, seed: 3 });
    const qSetup = (seed: number) => ({
      objective: p.objective,
      x0: new Rng(100 + seed).normalVector(p.objective.size),
    });
    const lsBatch = (I: readonly number[]) =>
      leastSquaresObjective(I.map((i) => p.x[i]), I.map((i) => p.y[i]));
    const qNewton = lossBands(
      (seed) => ({
        ...qSetup(seed),
        optimizer: subsampledNewton({ batch: lsBatch, batchSize: o.quadraticBatch, seed }),
      }),
      { seeds: o.seeds, steps: o.quadraticSteps, offset: p.minimum },
    );
    const qs = o.quadraticSteps;
    const quadratic = {
      batch: o.quadraticBatch,
      newton: qNewton,
      sgd: tune(qSetup, o.sgdRates, first.sgd, o.seeds, qs, p.minimum),
      adam: tune(qSetup, o.adamRates, first.adam, o.seeds, qs, p.minimum),
    };
    // Non-convex: the Iris MLP.
    const net = irisMlp();
    const mSetup = (seed: number) => ({ objective: net.objective, x0: net.init(seed) });
    const initialSpectra = o.seeds.map((seed) => {
      const { values } = eigh(net.objective.hessian(net.init(seed)));
      const tol = 1e-9 * Math.max(...values.map(Math.abs));
      return {
        seed,
        negative: values.filter((v) => v < -tol).length,
        zero: values.filter((v) => Math.abs(v) <= tol).length,
        positive: values.filter((v) => v > tol).length,
      };
    });
    const pureNewtonFailures: number[] = [];
    let pureNewtonMessage = "";
    for (const seed of o.seeds) {
      try {
        newton().start(net.objective, net.init(seed)).step();
      } catch (e) {
        pureNewtonFailures.push(seed);
        if (!pureNewtonMessage) pureNewtonMessage = (e as Error).message;
      }
    }
    const ms = o.mlpSteps;
    const damped = o.dampings.map((damping) => ({
      damping,
      bands: lossBands(
        (seed) => ({
          ...mSetup(seed),
          optimizer: subsampledNewton({ batch: net.batch, batchSize: o.mlpBatch, damping, seed }),
        }),
        { seeds: o.seeds, steps: ms },
      ),
    }));
    return {
      quadratic,
      mlp: {
        batch: o.mlpBatch,
        parameters: net.objective.size,
        initialSpectra,
        pureNewtonFailures,
        pureNewtonMessage,
        damped,
        sgd: tune(mSetup, o.sgdRates, first.sgd, o.seeds, ms, 0),
        adam: tune(mSetup, o.adamRates, first.adam, o.seeds, ms, 0),
      },
    };
  });
}
