/**
 * Outliers and the bulk of the Hessian spectrum of a small classifier at
 * the end of training (Sagun et al., 2017; Papyan, 2019), with and without
 * BatchNorm (Ghorbani et al., 2019).
 *
 * @module
 */
import { gaussianBlobs } from "../../lib/data/gaussianBlobs.ts";
import type { ClassificationData } from "../../lib/data/types.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { Mlp } from "../../lib/nn/mlp.ts";
import { adam } from "../../lib/optim/adam.ts";
import { type MlpObjective, mlpObjective } from "../../lib/optim/mlpObjective.ts";
import { lanczos } from "../../lib/spectra/lanczos.ts";
import { slqDensity, type SlqDensityResult } from "../../lib/spectra/slqDensity.ts";
import { type SpectralOutliers, spectralOutliers } from "../../lib/spectra/spectralOutliers.ts";
import { median } from "../../lib/stats/median.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";

/** The data and network of one setting. */
export interface OutlierSetting {
  /** The number of classes C ≥ 2. */
  classes: number;
  /** Seed of the data, the initialization and (for SLQ) the probes. */
  seed: number;
  /** Train-mode BatchNorm in the hidden layer. Default false. */
  batchnorm?: boolean;
  /** Samples per class. Default 60. */
  perClass?: number;
  /**
   * Distance between neighbouring class centres, in units of the blobs'
   * standard deviation. The centres sit on a circle whose radius is chosen
   * so that this distance is the same for every C. Default 3.
   */
  spacing?: number;
  /** Width of the single tanh hidden layer. Default 32. */
  hidden?: number;
  /** Adam steps (full batch, α = 0.01). Default 800. */
  steps?: number;
}

/** The blobs and the trained network of one setting. */
export interface TrainedClassifier {
  /** The data: C blobs in the plane, `perClass` points each. */
  data: ClassificationData;
  /** The network [2, hidden, C]. */
  net: Mlp;
  /** The mean cross-entropy, with exact HVPs. */
  objective: MlpObjective;
  /** The parameters after training. */
  x: Float64Array;
}

/** The spectrum at the end of training of one setting. */
export interface OutlierRun {
  /** The number of classes C. */
  classes: number;
  /** The seed. */
  seed: number;
  /** Whether the hidden layer has BatchNorm. */
  batchnorm: boolean;
  /** The number of parameters n. */
  parameters: number;
  /** The number of samples N. */
  samples: number;
  /** The training loss at the end. */
  loss: number;
  /** The training accuracy at the end. */
  accuracy: number;
  /** ‖∇f‖ at the end. */
  gradNorm: number;
  /** Every eigenvalue of the exact Hessian, descending. */
  eigenvalues: number[];
  /** The outliers by the largest relative gap among the top 2C + 2 eigenvalues. */
  outliers: SpectralOutliers;
  /**
   * Where the top eigenvector lives: the share of its squared norm in the
   * hidden layer's W and b, in BatchNorm's γ and β, and in the output layer.
   */
  topVectorShare: { hidden: number; batchnorm: number; output: number };
  /**
   * The singular values, descending, of the C class-mean gradients
   * √π_c ḡ_c (ḡ_c the mean loss gradient over the samples of class c,
   * π_c the class share). They sum, weighted, to ∇f, so the smallest is at
   * most ‖∇f‖.
   */
  classMeanSingularValues: number[];
}

/** The rule's search window for C classes: the top 2C + 2 eigenvalues. */
export function outlierWindow(classes: number): number {
  return 2 * classes + 2;
}

/**
 * Build and train one setting: C Gaussian blobs (unit spread) on a circle
 * with neighbouring centres `spacing` apart, the tanh network [2, hidden, C]
 * (optionally with BatchNorm), full-batch Adam (α = 0.01) for `steps`
 * steps from a seeded initialization. Cached in-process by setting.
 *
 * @example
 * ```ts
 * import { trainClassifier } from "./hessianOutliers.ts";
 * const t = trainClassifier({ classes: 3, seed: 1, steps: 5 });
 * if (t.net.size !== 2 * 32 + 32 + 32 * 3 + 3 || t.data.x.length !== 180) throw new Error();
 * ```
 */
export function trainClassifier(setting: OutlierSetting): TrainedClassifier {
  const s = fill(setting);
  return memoizeExperiment("trainClassifier", s, () => {
    const radius = s.spacing / (2 * Math.sin(Math.PI / s.classes));
    const { data } = gaussianBlobs({
      classes: s.classes,
      perClass: s.perClass,
      dim: 2,
      spread: 1,
      radius,
      seed: s.seed,
    });
    const net = new Mlp({
      layers: [2, s.hidden, s.classes],
      activation: "tanh",
      batchnorm: s.batchnorm,
    });
    const objective = mlpObjective(net, data, "cross_entropy");
    const run = adam({ lr: 0.01 }).start(objective, net.init({ seed: s.seed }));
    while (run.t < s.steps) run.step();
    return { data, net, objective, x: run.x.slice() };
  });
}

function fill(s: OutlierSetting): Required<OutlierSetting> {
  const what = "set up the outlier experiment";
  if (!Number.isInteger(s?.classes) || s.classes < 2) {
    throw new RangeError(`Cannot ${what}: classes must be an integer ≥ 2, got ${s?.classes}`);
  }
  return {
    classes: s.classes,
    seed: s.seed,
    batchnorm: s.batchnorm ?? false,
    perClass: s.perClass ?? 60,
    spacing: s.spacing ?? 3,
    hidden: s.hidden ?? 32,
    steps: s.steps ?? 800,
  };
}

/**
 * The exact Hessian spectrum of one trained setting
 * ({@linkcode trainClassifier}), its outliers by
 * {@linkcode spectralOutliers} (window 2C + 2), where the top eigenvector
 * lives, and the singular values of the class-mean gradients. Cached
 * in-process by setting.
 *
 * @example Two classes, a short run: a full spectrum of n eigenvalues
 * ```ts
 * import { outlierRun } from "./hessianOutliers.ts";
 * const r = outlierRun({ classes: 2, seed: 1, steps: 5, hidden: 4 });
 * if (r.eigenvalues.length !== r.parameters || r.classMeanSingularValues.length !== 2) throw new Error();
 * ```
 */
export function outlierRun(setting: OutlierSetting): OutlierRun {
  const s = fill(setting);
  return memoizeExperiment("outlierRun", s, () => {
    const { data, net, objective, x } = trainClassifier(s);
    const { values, vectors } = eigh(objective.hessian(x));
    const order = values.map((_, i) => i).reverse();
    const eigenvalues = order.map((i) => values[i]);
    const top = vectors[order[0]];
    const share = { hidden: 0, batchnorm: 0, output: 0 };
    for (const layer of net.layout.layers) {
      const mass = (b?: { offset: number; length: number } | null) => {
        let m = 0;
        if (b) { for (let i = b.offset; i < b.offset + b.length; i++) m += top[i] * top[i]; }
        return m;
      };
      const wb = mass(layer.W) + mass(layer.b);
      if (layer.hidden) share.hidden += wb;
      else share.output += wb;
      share.batchnorm += mass(layer.gamma) + mass(layer.beta);
    }
    const N = data.x.length;
    const means = Array.from({ length: s.classes }, (_, c) => {
      const idx = data.y.flatMap((y, i) => (y === c ? [i] : []));
      const g = objective.gradBatch(x, idx);
      return Array.from(g, (v) => v * Math.sqrt(idx.length / N));
    });
    // Singular values of the C×n matrix of class means, from its C×C Gram matrix.
    const gram = means.map((a) => means.map((b) => a.reduce((t, v, j) => t + v * b[j], 0)));
    const classMeanSingularValues = eigh(gram).values.map((v) => Math.sqrt(Math.max(v, 0)))
      .reverse();
    const logits = net.forward(x, data.x).data;
    let correct = 0;
    for (let i = 0; i < N; i++) {
      let best = 0;
      for (let c = 1; c < s.classes; c++) {
        if (logits[i * s.classes + c] > logits[i * s.classes + best]) best = c;
      }
      if (best === data.y[i]) correct++;
    }
    const grad = objective.grad(x);
    return {
      classes: s.classes,
      seed: s.seed,
      batchnorm: s.batchnorm,
      parameters: net.size,
      samples: N,
      loss: objective.f(x),
      accuracy: correct / N,
      gradNorm: Math.hypot(...grad),
      eigenvalues,
      outliers: spectralOutliers(eigenvalues, { window: outlierWindow(s.classes) }),
      topVectorShare: share,
      classMeanSingularValues,
    };
  });
}

/** Options of {@linkcode outlierSweep}. */
export interface OutlierSweepOptions extends Omit<OutlierSetting, "classes" | "seed"> {
  /** The class counts C. Default [2, 3, 4, 5, 6]. */
  classes?: number[];
  /** Seeds per C. Default [1, 2, 3]. */
  seeds?: number[];
}

/** One row of the sweep: the counts of one C over the seeds. */
export interface OutlierSweepRow {
  /** The number of classes C. */
  classes: number;
  /** The outlier count of each seed, in seed order. */
  counts: number[];
  /** Their median (the setting's count). */
  count: number;
  /** The runs. */
  runs: OutlierRun[];
}

/**
 * Count the Hessian's outliers at the end of training for each number of
 * classes C and each seed ({@linkcode outlierRun}); a setting's count is
 * the median over its seeds.
 *
 * @example
 * ```ts
 * import { outlierSweep } from "./hessianOutliers.ts";
 * const rows = outlierSweep({ classes: [2], seeds: [1], steps: 5, hidden: 4 });
 * if (rows.length !== 1 || rows[0].counts.length !== 1) throw new Error();
 * ```
 */
export function outlierSweep(options: OutlierSweepOptions = {}): OutlierSweepRow[] {
  const { classes = [2, 3, 4, 5, 6], seeds = [1, 2, 3], ...rest } = options;
  if (classes.length === 0 || seeds.length === 0) {
    throw new RangeError("Cannot sweep the outliers: classes and seeds must be non-empty");
  }
  return classes.map((C) => {
    const runs = seeds.map((seed) => outlierRun({ ...rest, classes: C, seed }));
    const counts = runs.map((r) => r.outliers.count);
    return { classes: C, counts, count: median(counts), runs };
  });
}

/** One seed of {@linkcode batchNormOutliers}: the same data and initial weights, with and without BatchNorm. */
export interface BatchNormOutlierPair {
  /** The seed. */
  seed: number;
  /** The plain network. */
  plain: OutlierRun;
  /** The network with train-mode BatchNorm in the hidden layer. */
  batchnorm: OutlierRun;
}

/**
 * The same C-class data with and without train-mode BatchNorm (full-batch
 * statistics), one pair of runs per seed ({@linkcode outlierRun}).
 *
 * @example
 * ```ts
 * import { batchNormOutliers } from "./hessianOutliers.ts";
 * const p = batchNormOutliers({ seeds: [1], steps: 5, hidden: 4 });
 * if (!p[0].batchnorm.batchnorm || p[0].plain.batchnorm) throw new Error();
 * if (p[0].batchnorm.parameters !== p[0].plain.parameters + 8) throw new Error();
 * ```
 */
export function batchNormOutliers(
  options: Omit<OutlierSetting, "seed" | "batchnorm" | "classes"> & {
    /** The number of classes. Default 4. */
    classes?: number;
    /** Seeds. Default [1, 2, 3, 4, 5]. */
    seeds?: number[];
  } = {},
): BatchNormOutlierPair[] {
  const { classes = 4, seeds = [1, 2, 3, 4, 5], ...rest } = options;
  if (seeds.length === 0) throw new RangeError("Cannot compare BatchNorm: seeds is empty");
  return seeds.map((seed) => ({
    seed,
    plain: outlierRun({ ...rest, classes, seed }),
    batchnorm: outlierRun({ ...rest, classes, seed, batchnorm: true }),
  }));
}

/** The spectrum of a larger network, from {@linkcode outlierDensity}. */
export interface OutlierDensity {
  /** The number of classes. */
  classes: number;
  /** The number of parameters n. */
  parameters: number;
  /** The SLQ density estimate of the whole spectrum. */
  density: SlqDensityResult;
  /** The top 2C + 2 eigenvalues by Lanczos, descending. */
  top: number[];
  /** The outliers among them, by the same rule. */
  outliers: SpectralOutliers;
  /** Hessian-vector products: Lanczos, then SLQ. */
  matvecs: { lanczos: number; slq: number };
}

/**
 * A network too large for the dense route: [2, hidden, C] with `hidden`
 * 128 by default (900 parameters for C = 4), trained as in
 * {@linkcode trainClassifier}. Its spectrum by stochastic Lanczos
 * quadrature (8 probes × 60 steps) and its top 2C + 2 eigenvalues by
 * Lanczos, all on exact HVPs, never forming H. Cached in-process.
 *
 * @example
 * ```ts
 * import { outlierDensity } from "./hessianOutliers.ts";
 * const d = outlierDensity({ classes: 2, seed: 1, hidden: 8, steps: 5, probes: 2, slqSteps: 10 });
 * if (d.top.length !== 6 || Math.abs(d.density.integral - 1) > 0.05) throw new Error();
 * ```
 */
export function outlierDensity(
  options: Partial<OutlierSetting> & {
    /** SLQ probes. Default 8. */
    probes?: number;
    /** Lanczos steps per SLQ probe. Default 60. */
    slqSteps?: number;
  } = {},
): OutlierDensity {
  const { probes = 8, slqSteps = 60, ...rest } = options;
  const s = fill({
    ...rest,
    classes: rest.classes ?? 4,
    seed: rest.seed ?? 1,
    hidden: rest.hidden ?? 128,
  });
  return memoizeExperiment("outlierDensity", { ...s, probes, slqSteps }, () => {
    const { net, objective, x } = trainClassifier(s);
    const op = { size: net.size, apply: (v: Float64Array) => objective.hvp(x, v) };
    const window = outlierWindow(s.classes);
    const top = lanczos(op, { top: window, tol: 1e-8, seed: s.seed });
    const density = slqDensity(op, { probes, steps: slqSteps, seed: s.seed });
    return {
      classes: s.classes,
      parameters: net.size,
      density,
      top: top.top.values,
      outliers: spectralOutliers(top.top.values, { window }),
      matvecs: { lanczos: top.matvecs, slq: density.matvecs },
    };
  });
}
