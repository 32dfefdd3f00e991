/**
 * Full-batch gradient descent (or heavy-ball momentum) that can measure its
 * own sharpness at any step: the stepper behind edge-of-stability studies.
 *
 * @module
 */
import type { Objective } from "./objective.ts";
import type { Stepper, StepResult } from "./optimizer.ts";
import { gradientDescent } from "./gradientDescent.ts";
import { momentum as heavyBall } from "./momentum.ts";
import { sharpness, type SharpnessOptions, type SharpnessResult } from "./sharpness.ts";
import { startCheck } from "./_util.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode sharpnessTracker}. */
export interface SharpnessTrackerOptions {
  /** The learning rate η > 0. Required. */
  lr: number;
  /**
   * The heavy-ball coefficient β in [0, 1). Default 0 (plain gradient
   * descent). The update is the library's {@linkcode momentum}:
   * a ← βa + ∇f(x), x ← x − ηa.
   */
  momentum?: number;
  /**
   * Lanczos settings for {@linkcode SharpnessTracker.sharpness} (`tol`,
   * `maxSteps`, `seed`; defaults as in {@linkcode sharpness}). The first
   * measurement starts from the seeded random vector, every later one from
   * the previous top eigenvector.
   */
  lanczos?: Omit<SharpnessOptions, "start">;
}

/** A run of full-batch gradient descent or heavy ball that can measure its sharpness. */
export interface SharpnessTracker extends Stepper {
  /** The learning rate η. */
  readonly lr: number;
  /** The heavy-ball coefficient β (0 for gradient descent). */
  readonly momentum: number;
  /**
   * The stability threshold of the quadratic theory, (2 + 2β)/η: on
   * ½xᵀHx the run converges iff λmax(H) < threshold (2/η for gradient
   * descent).
   */
  readonly threshold: number;
  /** Whether the run has diverged (a non-finite iterate or loss); `step()` then throws. */
  readonly diverged: boolean;
  /** The loss f(x_t) at the current iterate (computed once per step). */
  loss(): number;
  /**
   * The sharpness λmax(∇²f(x_t)) at the current iterate, by Lanczos on
   * HVPs (computed once per step; warm-started from the previous
   * measurement's eigenvector).
   */
  sharpness(): SharpnessResult;
  /** Hessian-vector products used by all sharpness measurements so far. */
  readonly matvecs: number;
}

/**
 * Start full-batch gradient descent (β = 0) or heavy-ball momentum on
 * `objective` from `x0`, with the sharpness λmax(∇²f(x_t)) available at any
 * step. Step with `step()`; read `x`, `t`, `loss()` and `sharpness()`
 * between steps, as often as needed: a browser can drive it one frame at a
 * time, and {@linkcode trackSharpness} is the same loop run to the end.
 *
 * Everything is deterministic: the iterates do not depend on when or how
 * often the sharpness is measured, and the measurements depend only on the
 * iterates, the Lanczos seed and the sequence of steps at which they are
 * taken (each warm-starts from the previous one).
 *
 * On a quadratic the threshold (2 + 2β)/η is exact. On a network the
 * sharpness changes along the path: full-batch gradient descent typically
 * drives it up to 2/η and then holds it there (the "edge of stability" of
 * Cohen et al., 2021).
 *
 * @example Gradient descent on ½xᵀdiag(1, 4)x; the sharpness is 4 everywhere
 * ```ts
 * import { sharpnessTracker } from "./sharpnessTracker.ts";
 * import { quadraticObjective } from "./quadraticObjective.ts";
 * const run = sharpnessTracker(quadraticObjective([[1, 0], [0, 4]]), [1, 1], { lr: 0.1 });
 * run.step();
 * if (run.t !== 1 || Math.abs(run.x[1] - 0.6) > 1e-15) throw new Error(String(run.x));
 * if (Math.abs(run.sharpness().value - 4) > 1e-12 || run.threshold !== 20) throw new Error();
 * ```
 */
export function sharpnessTracker(
  objective: Objective,
  x0: ArrayLike<number>,
  options: SharpnessTrackerOptions,
): SharpnessTracker {
  const what = "track the sharpness";
  const lr = numberOption(options, "lr", { what, min: 0, exclusiveMin: true });
  const beta = numberOption(options, "momentum", {
    what,
    min: 0,
    max: 1,
    exclusiveMax: true,
    default: 0,
  });
  startCheck(objective, x0, what);
  if (typeof objective.hvp !== "function" && typeof objective.hessian !== "function") {
    throw new TypeError(`Cannot ${what}: the objective has neither hvp nor hessian`);
  }
  const inner: Stepper = beta === 0
    ? gradientDescent({ lr }).start(objective, x0)
    : heavyBall({ lr, momentum: beta }).start(objective, x0);
  const lanczosOptions = options.lanczos ?? {};
  let diverged = false;
  let lossAt = -1, lossValue = NaN;
  let sharpAt = -1, sharpValue: SharpnessResult | undefined;
  let warm: Float64Array | undefined;
  let matvecs = 0;
  const loss = (): number => {
    if (lossAt !== inner.t) {
      lossValue = objective.f(inner.x);
      lossAt = inner.t;
      if (!Number.isFinite(lossValue)) diverged = true;
    }
    return lossValue;
  };
  return {
    lr,
    momentum: beta,
    threshold: (2 + 2 * beta) / lr,
    get x() {
      return inner.x;
    },
    get t() {
      return inner.t;
    },
    get diverged() {
      return diverged;
    },
    get matvecs() {
      return matvecs;
    },
    loss,
    sharpness(): SharpnessResult {
      if (diverged) {
        throw new RangeError(`Cannot measure the sharpness: the run diverged by step ${inner.t}`);
      }
      if (sharpAt !== inner.t || !sharpValue) {
        sharpValue = sharpness(objective, inner.x, {
          ...lanczosOptions,
          ...(warm ? { start: warm } : {}),
        });
        matvecs += sharpValue.matvecs;
        warm = sharpValue.vector;
        sharpAt = inner.t;
      }
      return sharpValue;
    },
    step(): StepResult {
      if (diverged) {
        throw new RangeError(`Cannot take a step: the run diverged by step ${inner.t}`);
      }
      const result = inner.step();
      if (!result.x.every(Number.isFinite)) diverged = true;
      else loss();
      return result;
    },
  };
}
