/**
 * Look up an activation function by name.
 *
 * @module
 */
import type { Activation } from "./activation.ts";
import { gelu } from "./gelu.ts";
import { linear } from "./linear.ts";
import { relu } from "./relu.ts";
import { sigmoid } from "./sigmoid.ts";
import { softplus } from "./softplus.ts";
import { tanh } from "./tanh.ts";

/** The names of the built-in activations. */
export type ActivationName = "relu" | "sigmoid" | "tanh" | "softplus" | "gelu" | "linear";

/**
 * Every built-in activation by name: relu, sigmoid, tanh, softplus, gelu and
 * linear (the identity).
 *
 * @example
 * ```ts
 * import { activations } from "./activations.ts";
 * if (activations.tanh.df(0) !== 1) throw new Error();
 * ```
 */
export const activations: Readonly<Record<ActivationName, Activation>> = Object.freeze({
  relu,
  sigmoid,
  tanh,
  softplus,
  gelu,
  linear,
});

/**
 * The activation called `name`. Throws
 * `Cannot find activation: unknown activation "relux" (expected relu, …)`
 * for any other string.
 *
 * @example
 * ```ts
 * import { getActivation } from "./activations.ts";
 * if (getActivation("softplus").df(0) !== 0.5) throw new Error();
 * let msg = "";
 * try { getActivation("relux"); } catch (e) { msg = String(e); }
 * if (!msg.includes('unknown activation "relux"')) throw new Error(msg);
 * ```
 */
export function getActivation(name: string): Activation {
  if (typeof name === "string" && Object.hasOwn(activations, name)) {
    return activations[name as ActivationName];
  }
  throw new RangeError(
    `Cannot find activation: unknown activation ${JSON.stringify(name)} (expected ${
      Object.keys(activations).join(", ")
    })`,
  );
}
