// How the cost of a gradient, an HVP, a full Hessian and a dense EVD grows
// with the number of parameters n, for tanh MLPs [8, w, w, 3] on N = 64
// samples (n = w² + 13w + 3). Fits t ≈ c·nᵖ by least squares on log t
// against log n and prints a table (the cost table of the chapter on
// computational trade-offs).
//
//   deno run -A bench/scaling.ts
//
// Each time is the minimum over several repetitions (robust to noise from
// other processes). Expected: gradient and HVP p ≈ 1 (cost ∝ N·n), full
// Hessian p ≈ 2 (n HVPs), dense EVD p ≈ 3.
import { grad, hessian, hvp } from "../lib/autodiff/mod.ts";
import { eigh } from "../lib/linalg/eigh.ts";
import { Mlp } from "../lib/nn/mod.ts";
import { Rng } from "../lib/random.ts";
import { fitPowerLaw } from "../lib/stats/fitPowerLaw.ts";

function minTime(fn: () => void, budgetMs: number, minReps = 3): number {
  fn(); // warm up
  let best = Infinity, reps = 0;
  const start = performance.now();
  while (reps < minReps || (performance.now() - start < budgetMs && reps < 200)) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
    reps++;
  }
  return best;
}

const widths = [8, 12, 16, 24, 32, 48, 64, 96, 128];
const rows: { n: number; grad: number; hvp: number; hessian?: number; evd?: number }[] = [];
for (const w of widths) {
  const rng = new Rng(w);
  const net = new Mlp({ layers: [8, w, w, 3], activation: "tanh" });
  const x = Array.from({ length: 64 }, () => Array.from(rng.normalVector(8)));
  const y = Array.from({ length: 64 }, () => rng.int(3));
  const f = net.lossFunction({ x, y }, "cross_entropy");
  const p = net.init({ seed: w }), v = rng.normalVector(net.size);
  const row: (typeof rows)[number] = {
    n: net.size,
    grad: minTime(() => grad(f)(p), 300),
    hvp: minTime(() => hvp(f)(p, v), 300),
  };
  if (net.size <= 3000) {
    let H: Float64Array[] = [];
    row.hessian = minTime(() => (H = hessian(f)(p)), 1000, 2);
    if (net.size <= 1500) row.evd = minTime(() => eigh(H), 1000, 1);
  }
  rows.push(row);
  console.error(`n = ${net.size} done`);
}

const fmt = (
  t?: number,
) => (t === undefined ? "—" : t < 1 ? `${(t * 1000).toFixed(0)} µs` : `${t.toFixed(1)} ms`);
console.log("| n | gradient | HVP | HVP/gradient | full Hessian | dense EVD |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.n} | ${fmt(r.grad)} | ${fmt(r.hvp)} | ${(r.hvp / r.grad).toFixed(2)} | ${
      fmt(r.hessian)
    } | ${fmt(r.evd)} |`,
  );
}
// Over all sizes, and over the four largest (where fixed per-call costs matter least).
const fit = (key: "grad" | "hvp" | "hessian" | "evd") => {
  const sel = rows.filter((r) => r[key] !== undefined);
  const one = (s: typeof sel) => {
    const { exponent: p } = fitPowerLaw(s.map((r) => r.n), s.map((r) => r[key]!));
    return `${p.toFixed(2)} (${s.length} sizes, n = ${s[0].n}…${s[s.length - 1].n})`;
  };
  return `${one(sel)};  largest four: ${one(sel.slice(-4))}`;
};
console.log("\nfitted exponent p in t ≈ c·nᵖ:");
console.log(`  gradient:     ${fit("grad")}`);
console.log(`  HVP:          ${fit("hvp")}`);
console.log(`  full Hessian: ${fit("hessian")}`);
console.log(`  dense EVD:    ${fit("evd")}`);
