import { loadIris } from "./lib/data/loadIris.ts";
import { networkSpectrum } from "./book/experiments/networkSpectrum.ts";
const data = loadIris({ seed: 0 }).train;
const t0 = performance.now();
for (const variant of ["plain", "residual", "batchnorm"])
for (const steps of [0, 300]) for (const depth of [1, 3, 5]) {
  const r = networkSpectrum({ layers: [4, ...Array(depth).fill(5), 3], activation: "relu", batchnorm: variant==="batchnorm", residual: variant==="residual" && depth>=2, data, seed: 1, steps });
  const s = r.summary; const abs = r.eigenvalues.map(Math.abs).sort((a,b)=>a-b);
  const rel = abs.filter(a=>a> s.n*2.2e-16*s.scale).slice(0,6).map(a=>(a/s.scale).toExponential(1));
  console.log(variant, steps, depth, s.n, s.zero, "k_nz", s.kappaNonzero.toExponential(1), "smallest rel:", rel.join(" "));
}
console.log(performance.now()-t0);
