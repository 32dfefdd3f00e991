/**
 * Mini-batch noise at a saddle: a finite-sum objective whose full gradient
 * vanishes on the saddle's stable manifold while its per-sample gradients
 * do not.
 *
 * @module
 */
import { Rng } from "../../lib/random.ts";
import { median } from "../../lib/stats/median.ts";

/** Options of {@linkcode saddleNoiseEscape}. */
export interface SaddleNoiseOptions {
  /** Samples N. Default 100. */
  samples?: number;
  /** Mini-batch size. Default 10. */
  batch?: number;
  /** Learning rate. Default 0.1. */
  lr?: number;
  /** Steps. Default 300. */
  steps?: number;
  /** Seeds of the mini-batch draws. Default 1–20. */
  seeds?: readonly number[];
}

/** What {@linkcode saddleNoiseEscape} returns. */
export interface SaddleNoiseResult {
  /** Runs of mini-batch SGD from (1, 0). */
  runs: number;
  /** How many of them reached |y| > 0.5 (the minima are at y = ±1). */
  escaped: number;
  /** Median escape step among those that escaped. */
  medianEscapeStep: number;
  /** Full-batch gradient descent from (1, 0): its largest |y| over the run (exactly 0 if it never leaves the manifold). */
  fullBatchMaxAbsY: number;
  /** Its distance to the saddle (0, 0) at the end. */
  fullBatchDistanceToSaddle: number;
  /** Full-batch descent from (1, 10⁻⁸): the step it escapes (rounding-size offsets escape too, slowly). */
  fullBatchOffsetEscapeStep: number;
}

/**
 * f(x, y) = (1/N)Σᵢ fᵢ with fᵢ(x, y) = ½x² − ½y² + ¼y⁴ + cᵢy and Σcᵢ = 0
 * (cᵢ standard normal in pairs ±cᵢ, seed 0, so the sum is exactly 0). The full objective has a saddle at
 * the origin (Hessian diag(1, −1)) and minima at (0, ±1); on the line y = 0
 * its gradient is (x, 0), so full-batch gradient descent from (1, 0) slides
 * into the saddle and stays. A mini-batch gradient has the y-component
 * mean_B(cᵢ) ≠ 0, the noise the paper credits with escaping saddles.
 *
 * @example
 * ```ts
 * import { saddleNoiseEscape } from "./saddleNoiseEscape.ts";
 * const r = saddleNoiseEscape({ seeds: [1, 2], steps: 200 });
 * if (r.fullBatchMaxAbsY !== 0 || r.escaped !== 2) throw new Error(JSON.stringify(r));
 * ```
 */
export function saddleNoiseEscape(options: SaddleNoiseOptions = {}): SaddleNoiseResult {
  const {
    samples: N = 100,
    batch = 10,
    lr = 0.1,
    steps = 300,
    seeds = Array.from({ length: 20 }, (_, i) => i + 1),
  } = options;
  // cᵢ in pairs ±c, so Σcᵢ = 0 exactly and the full y-gradient is exactly −y + y³.
  const rng0 = new Rng(0);
  const half = Float64Array.from({ length: Math.floor(N / 2) }, () => rng0.normal());
  const c = Float64Array.from(
    { length: 2 * half.length },
    (_, i) => i < half.length ? half[i] : -half[i - half.length],
  );
  const fullRun = (y0: number, maxSteps: number) => {
    let x = 1, y = y0, maxY = Math.abs(y0), escape = -1;
    for (let t = 1; t <= maxSteps; t++) {
      const gx = x, gy = -y + y ** 3;
      x -= lr * gx, y -= lr * gy;
      maxY = Math.max(maxY, Math.abs(y));
      if (escape < 0 && Math.abs(y) > 0.5) escape = t;
    }
    return { maxY, dist: Math.hypot(x, y), escape };
  };
  const onManifold = fullRun(0, steps);
  const offset = fullRun(1e-8, 10 * steps);
  const escapes: number[] = [];
  for (const seed of seeds) {
    const rng = new Rng(seed);
    let x = 1, y = 0;
    for (let t = 1; t <= steps; t++) {
      let cb = 0;
      for (let k = 0; k < batch; k++) cb += c[rng.int(c.length)];
      cb /= batch;
      const gx = x, gy = -y + y ** 3 + cb;
      x -= lr * gx, y -= lr * gy;
      if (Math.abs(y) > 0.5) {
        escapes.push(t);
        break;
      }
    }
  }
  return {
    runs: seeds.length,
    escaped: escapes.length,
    medianEscapeStep: escapes.length ? median(escapes) : NaN,
    fullBatchMaxAbsY: onManifold.maxY,
    fullBatchDistanceToSaddle: onManifold.dist,
    fullBatchOffsetEscapeStep: offset.escape,
  };
}
