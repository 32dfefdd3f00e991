/**
 * A reproducible demonstration that TensorFlow.js second derivatives are
 * wrong or unavailable, against exact closed forms.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import type * as TF from "npm:@tensorflow/tfjs@4.22.0";
import { type Displayable, jupyterDisplay, table } from "../display.ts";
import { getTf } from "./_tf.ts";

/** One second-derivative test: the exact value and what tfjs gave. */
export interface SecondDerivativeCase {
  /** What is differentiated, and where. */
  name: string;
  /** The tfjs code that was run. */
  how: string;
  /** The exact value(s) from the closed form (a Hessian is flattened row-major). */
  exact: number[];
  /** What tfjs returned, or null when it threw. */
  tfjs: number[] | null;
  /** Whether tfjs threw. */
  threw: boolean;
  /** The error message when tfjs threw, else null. */
  error: string | null;
  /** max |tfjs − exact|, or null when tfjs threw. */
  maxAbsDiff: number | null;
  /** Whether tfjs's value differs from the exact one beyond float32 slack (1e-4·max(1, |exact|)). */
  differs: boolean;
  /** "wrong" (differs), "threw", or "agrees". */
  verdict: "wrong" | "threw" | "agrees";
}

/** The demonstration's result; displays as a table in notebooks. */
export interface SecondDerivativeDemo extends Displayable {
  /** The tfjs backend used. */
  backend: string;
  /** The tfjs-core version tested. */
  version: string;
  /** The cases, in order: tanh(x²), then softmax cross-entropy. */
  cases: SecondDerivativeCase[];
  /** True when every case is wrong or threw: tfjs cannot be trusted for curvature. */
  broken: boolean;
}

/** Options of {@linkcode tfjsSecondDerivativeDemo}. */
export interface TfjsSecondDerivativeDemoOptions {
  /** The tfjs backend. Default "wasm". */
  backend?: "wasm" | "cpu";
}

/** f″(x) for f(x) = tanh(x²): 2 sech²(x²) (1 − 4x² tanh(x²)). */
function tanhSquareSecond(x: number): number {
  const t = Math.tanh(x * x);
  return 2 * (1 - t * t) * (1 - 4 * x * x * t);
}

/** The Hessian of z ↦ −log softmax(z)[c] (any c): diag(p) − ppᵀ, row-major. */
function softmaxCrossEntropyHessian(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  const p = e.map((v) => v / s);
  return p.flatMap((pi, i) => p.map((pj, j) => (i === j ? pi : 0) - pi * pj));
}

/**
 * Ask TensorFlow.js for two second derivatives whose exact values are known,
 * and report what it does:
 *
 * 1. d²/dx² tanh(x²) at x = 1, by `tf.grad(x => tf.grad(f)(x))`. Exact:
 *    f′(x) = 2x sech²(x²), so f″(x) = 2 sech²(x²)(1 − 4x² tanh(x²)), and
 *    f″(1) = 2(1 − tanh²1)(1 − 4 tanh 1) ≈ −1.71885. (tfjs 4.22 returns
 *    ≈ 0.83995 = 2 sech²(1): the gradient of tanh is treated as a constant in
 *    the second pass, and the term −8x² tanh·sech² is lost — silently.)
 * 2. The Hessian of softmax cross-entropy `tf.losses.softmaxCrossEntropy`
 *    with respect to the logits z = (0.5, −1, 2), label 1, column by column as
 *    the gradient of ⟨∇ℓ(z), eᵢ⟩. Exact: diag(p) − ppᵀ with p = softmax(z).
 *    (tfjs 4.22 throws: the first gradient is not recorded for a second pass.)
 *
 * This is checked rather than assumed, so it stays true as tfjs changes: each
 * case reports whether tfjs threw or differed, and the library's test asserts
 * that, for every case, tfjs differs from the exact value **or** throws. If a
 * future tfjs gets these right, that test fails and the book's claim must be
 * revisited.
 *
 * @example
 * ```ts
 * import { tfjsSecondDerivativeDemo } from "./tfjsSecondDerivativeDemo.ts";
 * const demo = await tfjsSecondDerivativeDemo();
 * for (const c of demo.cases) {
 *   if (!(c.differs || c.threw)) throw new Error(`tfjs got ${c.name} right`);
 * }
 * ```
 */
export async function tfjsSecondDerivativeDemo(
  options: TfjsSecondDerivativeDemoOptions = {},
): Promise<SecondDerivativeDemo> {
  const { tf, backend } = await getTf(options.backend ?? "wasm");
  const attempt = (
    name: string,
    how: string,
    exact: number[],
    compute: () => number[],
  ): SecondDerivativeCase => {
    let tfjs: number[] | null = null, error: string | null = null;
    try {
      tfjs = compute();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const threw = tfjs === null;
    const maxAbsDiff = tfjs === null
      ? null
      : Math.max(...exact.map((v, i) => Math.abs((tfjs as number[])[i] - v)));
    const differs = tfjs !== null &&
      (tfjs.length !== exact.length ||
        exact.some((v, i) =>
          !(Math.abs((tfjs as number[])[i] - v) <= 1e-4 * Math.max(1, Math.abs(v)))
        ));
    return {
      name,
      how,
      exact,
      tfjs,
      threw,
      error,
      maxAbsDiff,
      differs,
      verdict: threw ? "threw" : differs ? "wrong" : "agrees",
    };
  };

  const x0 = 1;
  const tanhCase = attempt(
    "d²/dx² tanh(x²) at x = 1",
    "tf.grad((x) => tf.grad((u) => tf.tanh(tf.square(u)))(x))(tf.scalar(1))",
    [tanhSquareSecond(x0)],
    () =>
      tf.tidy(() => {
        const f = (u: TF.Tensor) => tf.tanh(tf.square(u));
        const second = tf.grad((x: TF.Tensor) => tf.grad(f)(x));
        return Array.from(second(tf.scalar(x0)).dataSync());
      }),
  );

  const z0 = [0.5, -1, 2], label = 1;
  const ceCase = attempt(
    "Hessian of softmax cross-entropy in the logits z = (0.5, −1, 2), label 1",
    "tf.grad((z) => tf.sum(tf.mul(tf.grad(ce)(z), e_i)))(z) with ce = " +
      "(z) => tf.losses.softmaxCrossEntropy(onehot, z)",
    softmaxCrossEntropyHessian(z0),
    () =>
      tf.tidy(() => {
        const onehot = tf.oneHot(tf.tensor1d([label], "int32"), 3).reshape([3]);
        const ce = (z: TF.Tensor) => tf.losses.softmaxCrossEntropy(onehot, z);
        const rows: number[] = [];
        for (let i = 0; i < 3; i++) {
          const ei = tf.oneHot(tf.tensor1d([i], "int32"), 3).reshape([3]);
          const col = tf.grad((z: TF.Tensor) => tf.sum(tf.mul(tf.grad(ce)(z), ei)))(
            tf.tensor1d(z0),
          );
          rows.push(...col.dataSync());
        }
        // rows holds H e_i for i = 0, 1, 2, i.e. columns; H is symmetric.
        return rows;
      }),
  );

  const cases = [tanhCase, ceCase];
  const shown = table(
    cases.map((c) => ({
      case: c.name,
      exact: c.exact.map((v) => v.toPrecision(6)).join(", "),
      tfjs: c.tfjs === null ? `threw: ${c.error}` : c.tfjs.map((v) => v.toPrecision(6)).join(", "),
      verdict: c.verdict,
    })),
    {
      caption:
        `TensorFlow.js ${tf.version_core} (${backend}) second derivatives against exact values`,
    },
  );
  return {
    backend,
    version: tf.version_core,
    cases,
    broken: cases.every((c) => c.threw || c.differs),
    [jupyterDisplay]: () => shown[jupyterDisplay](),
  };
}
