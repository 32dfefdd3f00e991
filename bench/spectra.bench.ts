// Matrix-free spectra of the 20k-parameter network Hessian
// (examples/specs/large.json: tanh MLP [12, 96, 96, 96, 3], residual,
// cross-entropy, N = 128), every product an exact HVP.
//
// `deno task bench` runs the Deno.bench cases below; on load this file also
// prints a summary measured once: HVPs, seconds and the error of λmax against
// a tightly converged reference (Lanczos to residual 1e-13·‖H‖), next to
// power iteration. Reference (issue 4, same machine class): PyTorch float64
// on one thread needs ≈ 0.19 s for 100 power-iteration steps, and 20 steps
// are not enough for 1e-6.
import { hessianOperator } from "../lib/autodiff/mod.ts";
import { modelFromSpec, parseModelSpec } from "../lib/nn/mod.ts";
import {
  hutchinson,
  hutchPlusPlus,
  lanczos,
  powerIteration,
  slqDensity,
} from "../lib/spectra/mod.ts";

const spec = parseModelSpec(
  Deno.readTextFileSync(new URL("../examples/specs/large.json", import.meta.url)),
);
const { loss, params } = modelFromSpec(spec);
const H = hessianOperator(loss, params);
const n = H.size;

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const t = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - t) / 1000 };
}

// --- Summary, measured once. ---
const probe = new Float64Array(n).map((_, i) => Math.sin(i));
H.apply(probe);
const hvpTimes = Array.from({ length: 10 }, () => timed(() => H.apply(probe)).seconds).sort();
const hvpMedian = hvpTimes[5];

const ref = timed(() => lanczos(H, { top: 6, tol: 1e-13, seed: 99 }));
const lmax = ref.value.top.values[0];
const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);

const gap = timed(() => lanczos(H, { top: 1, tol: 1e-6, convergence: "gap", seed: 1 }));
const strict = timed(() => lanczos(H, { top: 1, tol: 1e-6, seed: 1 }));
for (const [label, r] of [["gap", gap], ["residual", strict]] as const) {
  if (!(rel(r.value.top.values[0], lmax) <= 1e-6)) {
    throw new Error(`Lanczos (${label}) missed 1e-6: ${rel(r.value.top.values[0], lmax)}`);
  }
}
const power100 = timed(() => powerIteration(H, { maxIter: 100, tol: 1e-300, seed: 1 }));
const power20 = powerIteration(H, { maxIter: 20, tol: 1e-300, seed: 1 });
const top5 = timed(() => lanczos(H, { top: 5, tol: 1e-6, convergence: "gap", seed: 2 }));
const top5err = Math.max(...top5.value.top.values.map((v, i) => rel(v, ref.value.top.values[i])));
const hpp = timed(() => hutchPlusPlus(H, { budget: 100, seed: 3 }));
const hutch = timed(() => hutchinson(H, { samples: 100, seed: 3 }));
const slq = timed(() => slqDensity(H, { probes: 3, steps: 40, seed: 4 }));
const negMass = slq.value.grid.reduce(
  (s, t, i) => s + (t < 0 ? slq.value.density[i] * (slq.value.grid[1] - slq.value.grid[0]) : 0),
  0,
);

const f = (x: number, d = 3) => x.toPrecision(d);
console.log(`
Spectra of the ${n}-parameter Hessian (examples/specs/large.json), exact HVPs
  one HVP (median of 10)            ${f(hvpMedian * 1e3)} ms
  reference λmax                    ${lmax} (Lanczos, residual ≤ 1e-13‖H‖: ${ref.value.matvecs} HVPs, ${
  f(ref.seconds)
} s)
  Lanczos λmax, gap bound 1e-6      ${gap.value.matvecs} HVPs, ${f(gap.seconds)} s, error ${
  f(rel(gap.value.top.values[0], lmax), 2)
}
  Lanczos λmax, residual ≤ 1e-6‖H‖  ${strict.value.matvecs} HVPs, ${f(strict.seconds)} s, error ${
  f(rel(strict.value.top.values[0], lmax), 2)
} (rigorous bound)
  power iteration, 100 steps        100 HVPs, ${f(power100.seconds)} s, error ${
  f(rel(power100.value.values[0], lmax), 2)
}
  power iteration, 20 steps         error ${f(rel(power20.values[0], lmax), 2)}
  Lanczos top-5 (gap bound 1e-6)    ${top5.value.matvecs} HVPs, ${f(top5.seconds)} s, max error ${
  f(top5err, 2)
}; λ = ${top5.value.top.values.map((v) => f(v, 6)).join(", ")}
  Hutch++ trace, 100 HVPs           ${f(hpp.value.estimate, 6)} ± ${
  f(hpp.value.standardError, 2)
} (SE), ${f(hpp.seconds)} s  [Hutchinson, 100 HVPs: ${f(hutch.value.estimate, 6)} ± ${
  f(hutch.value.standardError, 2)
}, ${f(hutch.seconds)} s]
  SLQ density, 3 probes × 40 steps  ${slq.value.matvecs} HVPs, ${f(slq.seconds)} s, ∫φ = ${
  f(slq.value.integral, 6)
}, mass below 0: ${f(negMass, 2)}
  PyTorch reference: 100 power steps ≈ 0.19 s (float64, one thread)
`);

// --- Deno.bench cases. ---
const few = { n: 5, warmup: 1 };
Deno.bench({ name: "one HVP", group: "hvp", n: 30, warmup: 3 }, () => {
  H.apply(probe);
});
Deno.bench(
  { name: "lanczos λmax to 1e-6 (gap bound)", group: "λmax", baseline: true, ...few },
  () => {
    lanczos(H, { top: 1, tol: 1e-6, convergence: "gap", seed: 1 });
  },
);
Deno.bench({ name: "lanczos λmax to 1e-6 (residual bound)", group: "λmax", ...few }, () => {
  lanczos(H, { top: 1, tol: 1e-6, seed: 1 });
});
Deno.bench({ name: "power iteration, 100 steps", group: "λmax", n: 3, warmup: 1 }, () => {
  powerIteration(H, { maxIter: 100, tol: 1e-300, seed: 1 });
});
Deno.bench({ name: "lanczos top-5 (gap bound 1e-6)", ...few }, () => {
  lanczos(H, { top: 5, tol: 1e-6, convergence: "gap", seed: 2 });
});
Deno.bench({ name: "hutchPlusPlus trace, 100 HVPs", ...few }, () => {
  hutchPlusPlus(H, { budget: 100, seed: 3 });
});
Deno.bench({ name: "slqDensity, 3 probes × 40 steps", n: 3, warmup: 1 }, () => {
  slqDensity(H, { probes: 3, steps: 40, seed: 4 });
});
