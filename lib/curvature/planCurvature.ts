/**
 * How a curvature report will be computed: dense or matrix-free, exact or
 * stochastic trace, decided from the estimated cost before anything runs.
 *
 * @module
 */
import { type ModelSpec, parseModelSpec } from "../nn/spec.ts";
import { formatBytes, formatSeconds } from "./_format.ts";
import { CurvatureOptionError } from "./CurvatureOptionError.ts";
import { describeNumberRule, satisfiesNumberRule } from "../validate/checkNumber.ts";
import { listChoices } from "../validate/checkChoice.ts";
import { describe } from "../validate/describe.ts";
import {
  type CurvatureCost,
  DEFAULT_MEMORY,
  denseFits,
  estimateCost,
  type MemoryLimit,
} from "./estimateCost.ts";

/** Options for `analyzeModel` and {@linkcode planCurvature}. */
export interface CurvatureOptions {
  /**
   * "dense" forms H (n Hessian-vector products, batched) and takes its full
   * eigendecomposition; "matrix-free" never forms H and uses Lanczos (and
   * the exact or Hutchinson trace) on Hessian-vector products. "auto"
   * (default) is dense when the spec asks for every eigenvalue, or when the
   * estimated dense run takes at most `denseBudget` seconds; matrix-free
   * otherwise. A dense run that does not fit in `memory` is refused.
   */
  mode?: "auto" | "dense" | "matrix-free";
  /**
   * How to compute the trace: "exact" (Σ Hᵢᵢ; matrix-free, from n batched
   * unit-vector products), "hutchinson" (a stochastic estimate with its
   * standard error, `samples` products), or "auto" (default): exact when
   * dense, and when matrix-free exact if the n products are estimated to
   * take at most `budget` seconds, else Hutchinson.
   */
  trace?: "auto" | "exact" | "hutchinson";
  /** Also report the K largest eigenvalues (descending). */
  top?: number;
  /** Also report the K smallest eigenvalues (ascending). */
  bottom?: number;
  /** Rademacher probes (Hessian-vector products) of a Hutchinson trace, at least 2. Default 100. */
  samples?: number;
  /**
   * Also report the spectral density on a grid: from the exact eigenvalues
   * (dense) or by stochastic Lanczos quadrature (matrix-free). Default false.
   */
  density?: boolean;
  /** Seed of every stochastic part (Lanczos start, probes). Default 0. */
  seed?: number;
  /**
   * Lanczos tolerance, relative: every eigenvalue Lanczos reports has a
   * Ritz residual ‖Hy − θy‖ ≤ tol·‖H‖, so an eigenvalue of H lies within
   * that distance of it. In (0, 1); default 1e-10.
   */
  tol?: number;
  /** Estimated seconds within which "auto" goes dense. Default 1. */
  denseBudget?: number;
  /**
   * Estimated seconds of computation that count as affordable for an exact
   * answer: the exact trace when matrix-free (n products), and the dense
   * fallback when Lanczos cannot resolve the requested eigenvalues.
   * Default 10.
   */
  budget?: number;
  /** The memory the dense path may use. Default {@linkcode DEFAULT_MEMORY}. */
  memory?: MemoryLimit;
}

/** The decisions behind a curvature report (see {@linkcode planCurvature}). */
export interface CurvaturePlan {
  /** The validated spec. */
  spec: ModelSpec;
  /** Number of parameters. */
  n: number;
  /** Dense (form H, full eigendecomposition) or matrix-free (Lanczos). */
  mode: "dense" | "matrix-free";
  /** The mode the options asked for ("auto" lets the plan choose, and fall back). */
  requestedMode: "auto" | "dense" | "matrix-free";
  /** How the trace is computed. */
  trace: "exact" | "hutchinson";
  /** The cost estimates the decisions rest on. */
  cost: CurvatureCost;
  /** Whether the dense path fits in memory. */
  denseFits: boolean;
  /** Whether the dense path fits and is estimated within `budget`. */
  denseAffordable: boolean;
  /** The options with their defaults filled in. */
  options: Required<Omit<CurvatureOptions, "mode" | "trace" | "top" | "bottom">> & {
    top: number;
    bottom: number;
  };
}

const WHAT = "compute the curvature report";

/**
 * Validate a model spec and the options, estimate the costs
 * ({@linkcode estimateCost}) and decide how the report will be computed.
 * Every decision depends on the spec's shape and the options only (never
 * on a clock), so the same input always gets the same plan.
 *
 * Throws a {@linkcode CurvatureOptionError} for an option out of range or
 * a mode that cannot run (a dense Hessian that does not fit in memory,
 * `report.eigenvalues` with mode "matrix-free"), and a plain `Error` when
 * the spec asks for every eigenvalue of a Hessian too large to
 * diagonalize here. Messages name the options with their command-line
 * flags and suggest only alternatives that work for this n.
 *
 * @example A tiny model goes dense; a dense run of 20k parameters cannot fit
 * ```ts
 * import { planCurvature } from "./planCurvature.ts";
 * const spec = (layers: number[], n: number) => ({
 *   model: { layers, activation: "tanh", batchnorm: false, residual: true },
 *   loss: "mse", params: new Array(n).fill(0.1),
 *   data: { x: [new Array(layers[0]).fill(1)], y: [new Array(layers.at(-1)).fill(0)] },
 * });
 * const p = planCurvature(spec([2, 3, 1], 13));
 * if (p.mode !== "dense" || p.trace !== "exact" || p.n !== 13) throw new Error(JSON.stringify(p.cost));
 * let msg = "";
 * try { planCurvature(spec([12, 96, 96, 96, 3], 20163), { mode: "dense" }); } catch (e) { msg = String(e); }
 * if (!msg.includes("cannot run here")) throw new Error(msg);
 * ```
 */
export function planCurvature(spec: unknown, options: CurvatureOptions = {}): CurvaturePlan {
  const parsed = parseModelSpec(spec);
  const cost = estimateCost({
    layers: parsed.model.layers,
    batchnorm: parsed.model.batchnorm,
    residual: parsed.model.residual,
    samples: parsed.data.x.length,
  });
  const n = cost.n;
  const opts = validate(options, n);
  const fits = denseFits(cost, opts.memory);
  const affordable = fits && cost.denseSeconds <= opts.budget;
  const wantsAll = parsed.report?.eigenvalues === true;
  const requested = options.mode ?? "auto";
  const denseRun = `about ${formatSeconds(cost.denseSeconds)} and ${formatBytes(cost.denseBytes)}`;
  const tooBig = `needs about ${formatBytes(cost.denseBytes)} (${
    formatBytes(cost.denseHeapBytes)
  } of it in the JavaScript heap, whose limit is ${
    formatBytes(opts.memory.heapBytes)
  }; the machine has ${formatBytes(opts.memory.totalBytes)}) and about ${
    formatSeconds(cost.denseSeconds)
  }`;
  let mode: "dense" | "matrix-free";
  if (requested === "dense") {
    if (!fits) {
      throw new CurvatureOptionError(
        `Cannot ${WHAT}: mode "dense" (--dense): the dense Hessian of n = ${n} parameters ${tooBig}, ` +
          `so it cannot run here. ${matrixFreeAlternative(cost, opts.budget, wantsAll)}`,
        "mode",
      );
    }
    mode = "dense";
  } else if (requested === "matrix-free") {
    if (wantsAll) {
      throw new CurvatureOptionError(
        `Cannot ${WHAT}: report.eigenvalues asks for all ${n} eigenvalues, which needs the dense ` +
          `Hessian, but mode "matrix-free" (--matrix-free) never forms it; ${
            fits
              ? `drop --matrix-free (a dense run takes ${denseRun}) or set report.eigenvalues to false`
              : "set report.eigenvalues to false (a dense run cannot fit here)"
          }`,
        "mode",
      );
    }
    mode = "matrix-free";
  } else if (wantsAll) {
    if (!fits) {
      throw new Error(
        `Cannot ${WHAT}: report.eigenvalues asks for all ${n} eigenvalues, which needs the dense ` +
          `Hessian, and for n = ${n} that ${tooBig}, more than this machine allows; set ` +
          "report.eigenvalues to false: the report then gives λmax and λmin by Lanczos, and " +
          "--top K / --bottom K (options top, bottom) the K extreme eigenvalues",
      );
    }
    mode = "dense";
  } else {
    mode = fits && cost.denseSeconds <= opts.denseBudget ? "dense" : "matrix-free";
  }
  const requestedTrace = options.trace ?? "auto";
  const trace = requestedTrace !== "auto"
    ? requestedTrace
    : mode === "dense" || cost.exactTraceSeconds <= opts.budget
    ? "exact"
    : "hutchinson";
  return {
    spec: parsed,
    n,
    mode,
    requestedMode: requested,
    trace,
    cost,
    denseFits: fits,
    denseAffordable: affordable,
    options: opts,
  };
}

function matrixFreeAlternative(cost: CurvatureCost, budget: number, wantsAll: boolean): string {
  const trace = cost.exactTraceSeconds <= budget
    ? "the exact trace"
    : `a Hutchinson trace estimate (the exact trace, --trace exact, takes about ${
      formatSeconds(cost.exactTraceSeconds)
    })`;
  return `Without --dense the report is matrix-free: ${trace}, and λmax and λmin by Lanczos` +
    (wantsAll ? ", once report.eigenvalues is set to false" : "") + ".";
}

type Validated = CurvaturePlan["options"];

function validate(o: CurvatureOptions, n: number): Validated {
  if (o === null || typeof o !== "object") {
    throw new TypeError(`Cannot ${WHAT}: options must be an object, got ${describe(o)}`);
  }
  const choice = (key: "mode" | "trace", values: string[]) => {
    const v = o[key];
    if (v !== undefined && !values.includes(v)) {
      throw CurvatureOptionError.badValue(key, `one of ${listChoices(values)}`, v);
    }
  };
  choice("mode", ["auto", "dense", "matrix-free"]);
  choice("trace", ["auto", "exact", "hutchinson"]);
  const integer = (key: keyof CurvatureOptions, min: number, max: number, fallback: number) => {
    const v = o[key] as unknown;
    if (v === undefined) return fallback;
    const rule = { what: WHAT, integer: true, min, max };
    if (!satisfiesNumberRule(v, rule)) {
      // "from 1 to n = 17" says where the bound comes from, which a flag's message repeats
      const range = max === Infinity
        ? describeNumberRule({ ...rule, max: undefined })
        : `an integer from ${min} to n = ${max}`;
      throw CurvatureOptionError.badValue(key, range, v);
    }
    return v;
  };
  const positive = (key: keyof CurvatureOptions, fallback: number, below = Infinity) => {
    const v = o[key] as unknown;
    if (v === undefined) return fallback;
    const rule = {
      what: WHAT,
      min: 0,
      exclusiveMin: true,
      max: below,
      exclusiveMax: true,
      infinite: below === Infinity,
    };
    if (!satisfiesNumberRule(v, rule) || v === Infinity) {
      throw CurvatureOptionError.badValue(
        key,
        below === Infinity ? "a number > 0" : `a number > 0 and < ${below}`,
        v,
      );
    }
    return v;
  };
  const memory = o.memory ?? DEFAULT_MEMORY;
  if (
    memory === null || typeof memory !== "object" || !(memory.heapBytes > 0) ||
    !(memory.totalBytes > 0)
  ) {
    throw CurvatureOptionError.badValue(
      "memory",
      "{heapBytes, totalBytes}, both positive",
      JSON.stringify(memory),
    );
  }
  const seed = o.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw CurvatureOptionError.badValue("seed", "an integer", seed);
  if (o.density !== undefined && typeof o.density !== "boolean") {
    throw CurvatureOptionError.badValue("density", "true or false", o.density);
  }
  return {
    top: integer("top", 1, n, 0),
    bottom: integer("bottom", 1, n, 0),
    samples: integer("samples", 2, Infinity, 100),
    density: o.density ?? false,
    seed,
    tol: positive("tol", 1e-10, 1),
    denseBudget: positive("denseBudget", 1),
    budget: positive("budget", 10),
    memory: { heapBytes: memory.heapBytes, totalBytes: memory.totalBytes },
  };
}
