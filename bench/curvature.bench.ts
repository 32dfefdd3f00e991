// The computation behind `deno task curvature examples/specs/large.json --top 1`
// (20,163 parameters), in process: the whole report, and its two parts on the
// Hessian operator (Lanczos for λmax and λmin, Hutchinson with 100 probes).
// The whole-process comparison with PyTorch + SciPy is `deno task bench:torch`.
//
//   deno bench -A bench/curvature.bench.ts
import { hessianOperator } from "../lib/autodiff/mod.ts";
import { analyzeModel } from "../lib/curvature/mod.ts";
import { modelFromSpec, parseModelSpec } from "../lib/nn/mod.ts";
import { hutchinson, lanczos } from "../lib/spectra/mod.ts";

const text = await Deno.readTextFile(new URL("../examples/specs/large.json", import.meta.url));
const spec = JSON.parse(text);
const { loss, params } = modelFromSpec(parseModelSpec(spec));

Deno.bench({
  name: "curvature report, 20k spec, --top 1 (parse, gradient, Lanczos, Hutchinson)",
  group: "curvature",
  baseline: true,
  n: 5,
  warmup: 1,
  fn: () => void analyzeModel(spec, { top: 1 }),
});
Deno.bench({
  name: "Lanczos λmax and λmin (tol 1e-10) on the 20k Hessian operator",
  group: "curvature",
  n: 5,
  warmup: 1,
  fn: () => void lanczos(hessianOperator(loss, params), { top: 1, bottom: 1, seed: 0 }),
});
Deno.bench({
  name: "Hutchinson trace, 100 probes, on the 20k Hessian operator",
  group: "curvature",
  n: 5,
  warmup: 1,
  fn: () => void hutchinson(hessianOperator(loss, params), { samples: 100, seed: 0 }),
});
