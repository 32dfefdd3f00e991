/**
 * Erratum (Chapter 6): the paper's Adam update has no bias correction.
 *
 * @module
 */
import type { Erratum } from "./claim.ts";
import { adam } from "../../lib/optim/adam.ts";

/**
 * The paper writes Adam as x_{t+1} = x_t − α m_t/(√v_t + ε) with
 * m_0 = v_0 = 0. Adam as published (Kingma and Ba 2015), and as in
 * `tf.train.adam` and PyTorch, divides the moments by 1 − β₁ᵗ and 1 − β₂ᵗ.
 * The evidence: the library's Adam with and without bias correction on a
 * function whose gradient coordinates span ten decades. With correction the
 * first step is α·sign(g) per coordinate; without it, it is
 * (1 − β₁)/√(1 − β₂) ≈ 3.16 times larger, and at step t the ratio is
 * (1 − β₁ᵗ)/√(1 − β₂ᵗ) (checked at t = 1, 10, 1000).
 *
 * @example
 * ```ts
 * import { adamBiasCorrection } from "./adamBiasCorrection.ts";
 * const sentence = adamBiasCorrection.check();
 * if (!sentence.includes("3.16")) throw new Error(sentence);
 * ```
 */
export const adamBiasCorrection: Erratum = {
  id: "adam-bias-correction",
  chapter: 6,
  paper:
    "$x_{t+1} = x_t - \\alpha\\, m_t/(\\sqrt{v_t}+\\varepsilon)$ with $m_0 = v_0 = 0$, the moments used as they are",
  correction:
    "Adam divides them by $1-\\beta_1^t$ and $1-\\beta_2^t$: $\\hat m_t = m_t/(1-\\beta_1^t)$, $\\hat v_t = v_t/(1-\\beta_2^t)$, $x_{t+1} = x_t - \\alpha\\,\\hat m_t/(\\sqrt{\\hat v_t}+\\varepsilon)$ (Kingma and Ba 2015; so do `tf.train.adam` and PyTorch). Without the correction the early steps are biased: the first one is $(1-\\beta_1)/\\sqrt{1-\\beta_2}$ times too large.",
  check(): string {
    const g = [1e-5, -1, 1e5];
    const shown = ["10⁻⁵", "−1", "10⁵"];
    const objective = {
      f: (x: Float64Array) => x.reduce((s, xi, i) => s + g[i] * xi, 0),
      grad: () => Float64Array.from(g),
    };
    const lr = 0.01, b1 = 0.9, b2 = 0.999;
    // Steps taken at t = 1, 10 and 1000 by each variant (the gradient is constant).
    const stepsAt = (biasCorrection: boolean, ts: number[]) => {
      const run = adam({ lr, beta1: b1, beta2: b2, epsilon: 0, biasCorrection }).start(
        objective,
        [0, 0, 0],
      );
      const out: number[][] = [];
      let prev = Array.from(run.x);
      for (let t = 1; t <= Math.max(...ts); t++) {
        const x = Array.from(run.step().x);
        if (ts.includes(t)) out.push(x.map((xi, i) => prev[i] - xi));
        prev = x;
      }
      return out;
    };
    const ts = [1, 10, 1000];
    const withC = stepsAt(true, ts), without = stepsAt(false, ts);
    const expected = (1 - b1) / Math.sqrt(1 - b2);
    withC[0].forEach((s, i) => {
      if (Math.abs(s - lr * Math.sign(g[i])) > 1e-15) {
        throw new Error(`Cannot confirm the erratum: corrected first step ${s} is not α·sign(g)`);
      }
    });
    const ratios = ts.map((t, k) => {
      const r = without[k].map((s, i) => s / withC[k][i]);
      const closed = (1 - b1 ** t) / Math.sqrt(1 - b2 ** t);
      if (!r.every((x) => Math.abs(x - closed) < 1e-9 * closed)) {
        throw new Error(
          `Cannot confirm the erratum: at t = ${t} the ratios ${r} are not ${closed}`,
        );
      }
      return r[0];
    });
    if (Math.abs(ratios[0] - expected) > 1e-12) {
      throw new Error(`Cannot confirm the erratum: first-step ratio ${ratios[0]}`);
    }
    return `With a constant gradient whose coordinates are ${
      shown.join(", ")
    } and α = ${lr}, β₁ = ${b1},
β₂ = ${b2}, the corrected first step moves every coordinate by exactly α·sign(g) = ±${lr}; the
uncorrected one moves each by ${(lr * ratios[0]).toFixed(5)}, the factor
$(1-\\beta_1)/\\sqrt{1-\\beta_2} = ${expected.toFixed(2)}$, for every coordinate alike. In general
the uncorrected step is $(1-\\beta_1^t)/\\sqrt{1-\\beta_2^t}$ times the corrected one: measured
${ratios[1].toFixed(2)} at $t = 10$ and ${ratios[2].toFixed(2)} at $t = 1000$.`;
  },
};
