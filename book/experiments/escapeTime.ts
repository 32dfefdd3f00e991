/**
 * How many steps an optimizer needs to leave a ball around a critical point.
 *
 * @module
 */
import type { Objective } from "../../lib/optim/objective.ts";
import type { Optimizer } from "../../lib/optim/optimizer.ts";

/** Options of {@linkcode escapeTime}. */
export interface EscapeTimeOptions {
  /** The centre of the ball, usually the saddle. Default the origin. */
  center?: ArrayLike<number>;
  /** The radius of the ball. Default 1. */
  radius?: number;
  /** Give up after this many steps. Default 10000. */
  maxSteps?: number;
  /** Keep the distance to the centre after every step in `distances`. Default false. */
  record?: boolean;
}

/** What {@linkcode escapeTime} returns. */
export interface EscapeTimeResult {
  /** Whether an iterate left the ball within `maxSteps`. */
  escaped: boolean;
  /** The first k with ‖x_k − center‖ > radius, or `maxSteps` when it never escaped. */
  steps: number;
  /** The last iterate. */
  x: Float64Array;
  /** The smallest distance to the centre over x₀, …, x_steps. */
  closest: number;
  /** ‖x_k − center‖ for k = 0..steps (only with `record: true`, else empty). */
  distances: number[];
}

/**
 * Run `optimizer` from `x0` and count the steps until an iterate leaves the
 * ball ‖x − center‖ ≤ radius: the escape time from a saddle at `center`.
 * Unlike {@linkcode minimize} it does not stop when the gradient vanishes,
 * because at a saddle that is exactly where a perturbed method must keep
 * going.
 *
 * Errors: `Cannot measure the escape time: …` when x₀ or the centre has the
 * wrong length or is not finite, when x₀ starts outside the ball, or when an
 * option is out of range.
 *
 * @example Gradient descent on x² − y² leaves the unit ball along y
 * ```ts
 * import { escapeTime } from "./escapeTime.ts";
 * import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
 * const saddle = {
 *   f: ([x, y]: Float64Array) => x * x - y * y,
 *   grad: ([x, y]: Float64Array) => new Float64Array([2 * x, -2 * y]),
 * };
 * const off = escapeTime(saddle, [0.5, 1e-6], gradientDescent({ lr: 0.1 }));
 * // y_k = 1.2^k · 1e-6 passes 1 at k = ⌈log(1e6)/log(1.2)⌉ = 76
 * if (!off.escaped || off.steps !== 76) throw new Error(String(off.steps));
 * const on = escapeTime(saddle, [0.5, 0], gradientDescent({ lr: 0.1 }), { maxSteps: 500 });
 * if (on.escaped) throw new Error("on the stable manifold GD cannot escape");
 * ```
 */
export function escapeTime(
  objective: Objective,
  x0: ArrayLike<number>,
  optimizer: Optimizer,
  options: EscapeTimeOptions = {},
): EscapeTimeResult {
  const what = "measure the escape time";
  const n = x0?.length;
  if (typeof n !== "number" || n < 1) {
    throw new TypeError(`Cannot ${what}: x0 must be a non-empty array of numbers`);
  }
  const center = options.center === undefined
    ? new Float64Array(n)
    : Float64Array.from(options.center);
  if (center.length !== n) {
    throw new RangeError(`Cannot ${what}: center has length ${center.length}, x0 has ${n}`);
  }
  if (!center.every(Number.isFinite)) {
    throw new RangeError(`Cannot ${what}: center is not finite`);
  }
  const radius = options.radius ?? 1;
  if (typeof radius !== "number" || !(radius > 0) || !Number.isFinite(radius)) {
    throw new RangeError(
      `Cannot ${what}: option radius must be a finite number > 0, got ${radius}`,
    );
  }
  const maxSteps = options.maxSteps ?? 10000;
  if (!Number.isInteger(maxSteps) || maxSteps < 0) {
    throw new RangeError(`Cannot ${what}: option maxSteps must be an integer ≥ 0, got ${maxSteps}`);
  }
  const record = options.record ?? false;
  // Scaled like Math.hypot, so a distance of 1e-200 does not underflow to 0.
  const distance = (x: ArrayLike<number>) => {
    let big = 0;
    for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(x[i] - center[i]));
    if (big === 0 || !Number.isFinite(big)) return big;
    let s = 0;
    for (let i = 0; i < n; i++) s += ((x[i] - center[i]) / big) ** 2;
    return big * Math.sqrt(s);
  };
  const d0 = distance(x0);
  if (!Number.isFinite(d0)) throw new RangeError(`Cannot ${what}: x0 is not finite`);
  if (d0 > radius) {
    throw new RangeError(
      `Cannot ${what}: x0 starts outside the ball (distance ${d0} > radius ${radius})`,
    );
  }
  const run = optimizer.start(objective, x0);
  const distances = record ? [d0] : [];
  let closest = d0;
  let x: Float64Array = Float64Array.from(x0);
  for (let k = 1; k <= maxSteps; k++) {
    x = run.step().x;
    const d = distance(x);
    if (record) distances.push(d);
    // NaN or ∞ counts as having left the ball.
    if (!(d <= radius)) return { escaped: true, steps: k, x: x.slice(), closest, distances };
    if (d < closest) closest = d;
  }
  return { escaped: false, steps: maxSteps, x: x.slice(), closest, distances };
}
