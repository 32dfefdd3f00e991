// Dense symmetric linear algebra: the eigendecomposition (ml-matrix
// tred2 + tql2 through lib/linalg/eigh.ts) over sizes, with the exponent p of
// t ≈ c·nᵖ fitted on a log–log scale, plus LU determinant, Cholesky and the
// closed-form 2×2 eigenvalues.
//
// `deno task bench` runs the Deno.bench cases; on load this file also prints
// the fitted exponent from the minimum time over several repetitions at each
// size (the minimum is robust to noise from other processes). Theory: O(n³).
import { cholesky, determinant, eigenvalues2x2, eigh } from "../lib/linalg/mod.ts";
import { Rng } from "../lib/random.ts";
import { fitPowerLaw } from "../lib/stats/fitPowerLaw.ts";

function randomSymmetric(n: number, seed: number): number[][] {
  const r = new Rng(seed);
  const A = Array.from({ length: n }, () => Array.from(r.normalVector(n)));
  return A.map((row, i) => row.map((a, j) => (a + A[j][i]) / 2));
}

function randomSpd(n: number, seed: number): number[][] {
  const H = randomSymmetric(n, seed);
  return H.map((row, i) => row.map((a, j) => a + (i === j ? 2 * Math.sqrt(n) + 1 : 0)));
}

function minTime(fn: () => void, budgetMs = 500, minReps = 3): number {
  for (let k = 0; k < 3; k++) fn(); // let the JIT settle
  let best = Infinity, reps = 0;
  const start = performance.now();
  while (reps < minReps || (performance.now() - start < budgetMs && reps < 500)) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
    reps++;
  }
  return best / 1000;
}

// --- Summary, measured once. ---
const SIZES = [50, 100, 200, 400, 800];
const inputs = SIZES.map((n) => randomSymmetric(n, n));
const evd = SIZES.map((_, i) => minTime(() => eigh(inputs[i])));
const lu = SIZES.map((_, i) => minTime(() => determinant(inputs[i])));
const evdFit = fitPowerLaw(SIZES, evd), luFit = fitPowerLaw(SIZES, lu);
const fmt = (ts: number[]) => ts.map((t, i) => `n=${SIZES[i]}: ${(t * 1e3).toPrecision(3)} ms`);
console.log(`
Dense linear algebra, time t ≈ c·nᵖ (minimum over repetitions)
  eigh (EVD)        p = ${evdFit.exponent.toFixed(2)} (R² ${evdFit.r2.toFixed(3)})  ${
  fmt(evd).join(", ")
}
  determinant (LU)  p = ${luFit.exponent.toFixed(2)} (R² ${luFit.r2.toFixed(3)})  ${
  fmt(lu).join(", ")
}
`);

// --- Deno.bench cases. ---
for (const n of [25, 50, 100, 200, 400]) {
  const H = randomSymmetric(n, n);
  Deno.bench({ name: `eigh, n = ${n}`, group: "dense EVD", n: n >= 400 ? 5 : undefined }, () => {
    eigh(H);
  });
}
{
  const H = randomSymmetric(200, 1), S = randomSpd(200, 2);
  Deno.bench({ name: "determinant (LU), n = 200", group: "n = 200" }, () => {
    determinant(H);
  });
  Deno.bench({ name: "cholesky, n = 200", group: "n = 200" }, () => {
    cholesky(S);
  });
  Deno.bench({ name: "eigh, n = 200", group: "n = 200", baseline: true }, () => {
    eigh(H);
  });
}
{
  const H2 = [[1, 1e-30], [1e-30, 1e-20]];
  Deno.bench({ name: "eigenvalues2x2 (closed form)", group: "2×2", baseline: true }, () => {
    eigenvalues2x2(1, 1e-30, 1e-20);
  });
  Deno.bench({ name: "eigh on a 2×2", group: "2×2" }, () => {
    eigh(H2);
  });
}
