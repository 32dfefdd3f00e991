// Gradient, Hessian-vector product and full Hessian on the three example
// specs (examples/specs: 108, 1473 and 20163 parameters).
//
//   deno bench -A bench/autodiff.bench.ts
//
// Within each group the gradient is the baseline, so Deno prints each HVP's
// cost as a multiple of our own gradient measured in the same run. Two HVPs:
// `hvp(f)(x, v)` from scratch (forward, backward and both tangent passes),
// and `hessianOperator(f, x).apply(v)`, which records f at x once and replays
// only the tangent passes per product (what Lanczos and Hutchinson use).
//
// PyTorch on the same 20k network (float64, one thread, `deno task
// bench:torch`, which runs bench/torch_topeig.py --hvp-timing): gradient
// ≈ 0.8–0.9 ms, HVP from scratch ≈ 1.8–2.2 ms, HVP through a retained graph
// ≈ 0.9–1.1 ms; ours on a quiet machine: 1.6, 3.0 and 1.8 ms (bench/README.md).
// Target: our 20k HVP within 2× of PyTorch's. The full Hessian
// of a 1.5k MLP takes PyTorch 0.44 s (target here: ≤ 0.5 s for the 1.5k
// spec). The "js" group repeats the 20k gradient and HVP with the TypeScript
// matmul kernel instead of the WebAssembly SIMD one.
import { grad, hessian, hessianOperator, hvp } from "../lib/autodiff/mod.ts";
import { setGemmEngine } from "../lib/autodiff/gemm.ts";
import { wasmGemmKind } from "../lib/autodiff/wasmGemm.ts";
import { modelFromSpec, parseModelSpec } from "../lib/nn/mod.ts";
import { Rng } from "../lib/random.ts";

async function load(name: string) {
  const text = await Deno.readTextFile(new URL(`../examples/specs/${name}.json`, import.meta.url));
  const { loss, params } = modelFromSpec(parseModelSpec(text));
  const v = new Rng(1).normalVector(params.length);
  return { loss, params, v, g: grad(loss), h: hvp(loss), H: hessianOperator(loss, params) };
}

const specs = {
  small: await load("small"),
  medium: await load("medium"),
  large: await load("large"),
};
console.log(`matmul engine: ${wasmGemmKind() ?? "TypeScript only"}`);

for (const [name, s] of Object.entries(specs)) {
  const group = `${name} (n = ${s.params.length})`;
  Deno.bench({ name: `${name} gradient`, group, baseline: true, fn: () => void s.g(s.params) });
  Deno.bench({ name: `${name} HVP`, group, fn: () => void s.h(s.params, s.v) });
  Deno.bench({
    name: `${name} HVP at a fixed point (hessianOperator)`,
    group,
    fn: () => void s.H.apply(s.v),
  });
}

Deno.bench({
  name: "small full Hessian (108×108)",
  group: "full Hessian",
  fn: () => void hessian(specs.small.loss)(specs.small.params),
});
Deno.bench({
  name: "medium full Hessian (1473×1473)",
  group: "full Hessian",
  n: 5,
  warmup: 1,
  fn: () => void hessian(specs.medium.loss)(specs.medium.params),
});

const large = specs.large;
Deno.bench({
  name: "large gradient, TypeScript kernel",
  group: "large (TypeScript matmul)",
  baseline: true,
  fn: () => {
    const prev = setGemmEngine("js");
    large.g(large.params);
    setGemmEngine(prev);
  },
});
Deno.bench({
  name: "large HVP, TypeScript kernel",
  group: "large (TypeScript matmul)",
  fn: () => {
    const prev = setGemmEngine("js");
    large.h(large.params, large.v);
    setGemmEngine(prev);
  },
});
