/**
 * Regenerate the example specs in this folder, deterministically:
 *
 *     deno run --allow-write=examples/specs examples/specs/generate.ts
 *     deno fmt examples/specs
 *
 * Inputs are standard normal; targets come from a fixed random "teacher"
 * network (argmax classes for cross_entropy, outputs plus noise for mse), so
 * the loss landscape has structure. Parameters are the library's seeded
 * initialization with small seeded perturbations of biases, γ and β, rounded
 * to 6 significant digits to keep the files small.
 *
 * @module
 */
import { Mlp, type MlpConfig } from "../../lib/nn/mod.ts";
import { Rng } from "../../lib/random.ts";

interface Example {
  file: string;
  description: string;
  model: Required<MlpConfig>;
  loss: "mse" | "cross_entropy";
  samples: number;
  seed: number;
  eigenvalues: boolean;
}

const examples: Example[] = [
  {
    file: "small.json",
    description: "About 100 parameters: softplus MLP [4, 8, 6, 2], mean squared error, 32 samples.",
    model: { layers: [4, 8, 6, 2], activation: "softplus", batchnorm: false, residual: false },
    loss: "mse",
    samples: 32,
    seed: 1,
    eigenvalues: true,
  },
  {
    file: "medium.json",
    description:
      "About 1.5k parameters: tanh MLP [10, 30, 30, 3] with BatchNorm and a residual block, cross-entropy, 64 samples.",
    model: { layers: [10, 30, 30, 3], activation: "tanh", batchnorm: true, residual: true },
    loss: "cross_entropy",
    samples: 64,
    seed: 2,
    eigenvalues: true,
  },
  {
    file: "large.json",
    description:
      "About 20k parameters: tanh MLP [12, 96, 96, 96, 3] with residual blocks, cross-entropy, 128 samples.",
    model: { layers: [12, 96, 96, 96, 3], activation: "tanh", batchnorm: false, residual: true },
    loss: "cross_entropy",
    samples: 128,
    seed: 3,
    eigenvalues: false,
  },
];

const round = (x: number) => Number(x.toPrecision(6));

/** Build the spec object of one example. */
export function buildExample(ex: Example): Record<string, unknown> {
  const rng = new Rng(ex.seed);
  const net = new Mlp(ex.model);
  const params = net.init({ seed: ex.seed });
  for (const l of net.layout.layers) {
    for (const blk of [l.b, l.gamma, l.beta]) {
      if (blk) {
        for (let i = 0; i < blk.length; i++) params[blk.offset + i] += 0.1 * rng.normal();
      }
    }
  }
  const d0 = ex.model.layers[0];
  const x = Array.from({ length: ex.samples }, () => Array.from(rng.normalVector(d0), round));
  const teacher = new Mlp({ ...ex.model, batchnorm: false });
  const out = teacher.forward(teacher.init({ seed: ex.seed + 100, scheme: "xavier" }), x);
  const dL = ex.model.layers[ex.model.layers.length - 1];
  const rows = Array.from(
    { length: ex.samples },
    (_, i) => Array.from(out.data.subarray(i * dL, (i + 1) * dL)),
  );
  const y = ex.loss === "mse"
    ? rows.map((r) => r.map((v) => round(v + 0.1 * rng.normal())))
    : rows.map((r) => r.indexOf(Math.max(...r)));
  return {
    description: ex.description,
    model: ex.model,
    loss: ex.loss,
    params: Array.from(params, round),
    data: { x, y },
    report: { eigenvalues: ex.eigenvalues },
  };
}

if (import.meta.main) {
  const dir = new URL(".", import.meta.url);
  for (const ex of examples) {
    const spec = buildExample(ex);
    await Deno.writeTextFile(new URL(ex.file, dir), JSON.stringify(spec, null, 2) + "\n");
    console.log(`${ex.file}: ${(spec.params as number[]).length} parameters`);
  }
}
