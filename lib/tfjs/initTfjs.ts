/**
 * Load TensorFlow.js with the wasm backend, once and quietly.
 *
 * @module
 */
import { choiceOption } from "../validate/choiceOption.ts";
import { getTf } from "./_tf.ts";

/** Which TensorFlow.js backend is in use, and how it got there. */
export interface TfjsInfo {
  /** The active backend. */
  backend: "wasm" | "cpu";
  /** The tfjs-core version. */
  version: string;
  /** A sentence on the backend (SIMD, threads), or why wasm fell back to cpu. */
  note: string;
}

/** Options of {@linkcode initTfjs}. */
export interface InitTfjsOptions {
  /** The backend to use. Default "wasm"; "cpu" is plain JavaScript. */
  backend?: "wasm" | "cpu";
}

/**
 * Import `@tensorflow/tfjs` and select the wasm backend
 * (`@tensorflow/tfjs-backend-wasm`, with its `.wasm` files read from the
 * local `node_modules/@tensorflow/tfjs-backend-wasm/dist/`). If wasm cannot
 * load, it falls back to the cpu backend and says why in `note`.
 *
 * Idempotent: the first call does the work, later calls return at once (a
 * call asking for another backend switches to it). Quiet: tfjs's
 * registration and platform messages are filtered from the console during
 * initialization, so notebooks show no noise. tfjs is loaded lazily: merely
 * importing this library does not load it.
 *
 * After it resolves, `import * as tf from "npm:@tensorflow/tfjs@4.22.0"` gives the same,
 * initialized module. Everything in TensorFlow.js is float32, and this
 * library uses it for first-order training only (see
 * {@linkcode tfjsSecondDerivativeDemo} for why).
 *
 * @example
 * ```ts
 * import { initTfjs } from "./initTfjs.ts";
 * const a = await initTfjs();
 * const b = await initTfjs();
 * if (a.backend !== b.backend || !a.version.startsWith("4.")) throw new Error(a.note);
 * ```
 */
export async function initTfjs(options: InitTfjsOptions = {}): Promise<TfjsInfo> {
  const want = choiceOption(options, "backend", {
    what: "initialize tfjs",
    values: ["wasm", "cpu"],
    default: "wasm",
  });
  const { tf, backend, note } = await getTf(want);
  return { backend, version: tf.version_core, note };
}
