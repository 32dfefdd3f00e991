// The spectral routines on network Hessians: matrix-free (HVP operator)
// results against the dense Hessian's eigendecomposition.
import { assertClose, check } from "../../lib/assert.ts";
import { hessian, hessianOperator } from "../../lib/autodiff/mod.ts";
import { eigh } from "../../lib/linalg/mod.ts";
import { Mlp, modelFromSpec, parseModelSpec } from "../../lib/nn/mod.ts";
import { Rng } from "../../lib/random.ts";
import {
  conjugateGradient,
  hessianDiagonal,
  hutchPlusPlus,
  lanczos,
  powerIteration,
  slqDensity,
} from "../../lib/spectra/mod.ts";

function networks() {
  const small = modelFromSpec(
    parseModelSpec(
      Deno.readTextFileSync(new URL("../../examples/specs/small.json", import.meta.url)),
    ),
  );
  // A residual tanh network with cross-entropy, built in code (~300 params).
  const net = new Mlp({ layers: [5, 12, 12, 4], activation: "tanh", residual: true });
  const r = new Rng(17);
  const N = 40;
  const x = Array.from({ length: N }, () => Array.from(r.normalVector(5)));
  const y = Array.from({ length: N }, () => r.int(4));
  const built = {
    loss: net.lossFunction({ x, y }, "cross_entropy"),
    params: net.init({ seed: 3 }),
  };
  return [["small.json", small], ["tanh residual MLP", built]] as const;
}

Deno.test("lanczos on network Hessians (HVP operator) matches the dense Hessian's EVD to 1e-8 relative", () => {
  for (const [name, { loss, params }] of networks()) {
    const H = hessian(loss)(params);
    const { values } = eigh(H);
    const n = values.length;
    const op = hessianOperator(loss, params);
    const res = lanczos(op, { top: 3, bottom: 3, seed: 1 });
    check(res.converged, `${name}: converged`);
    check(res.matvecs === op.count, `${name}: matvecs are the HVPs taken`);
    for (let i = 0; i < 3; i++) {
      assertClose(res.top.values[i], values[n - 1 - i], {
        rtol: 1e-8,
        atol: 0,
        label: `${name} top ${i}`,
      });
      assertClose(res.bottom.values[i], values[i], {
        rtol: 1e-8,
        atol: 0,
        label: `${name} bottom ${i}`,
      });
    }
    // power iteration agrees on λmax
    const p = powerIteration(op, { tol: 1e-9, maxIter: 5000, seed: 2 });
    assertClose(p.values[0], values[n - 1], { rtol: 1e-10, label: `${name} power λmax` });
    // exact diagonal and Hutch++ trace
    const diag = hessianDiagonal(op);
    diag.diagonal.forEach((d, i) => assertClose(d, H[i][i], { rtol: 1e-12, atol: 1e-15 }));
    const trace = values.reduce((a, b) => a + b, 0);
    const pp = hutchPlusPlus(op, { budget: 3 * n });
    assertClose(pp.estimate, trace, { rtol: 1e-10, atol: 1e-12 });
    // SLQ integrates to 1
    const d = slqDensity(op, { probes: 3, steps: 30 });
    check(Math.abs(d.integral - 1) < 0.01, `${name}: SLQ integral ${d.integral}`);
    // CG on the damped Hessian: damping past −λmin makes it positive definite
    const eps = Math.max(0, -values[0]) + 1e-2;
    const b = new Rng(5).normalVector(n);
    const cg = conjugateGradient(op, b, { damping: eps, tol: 1e-10, maxIter: 10 * n });
    check(cg.converged, `${name}: CG converged`);
    const Hx = H.map((row, i) => row.reduce((s, h, j) => s + h * cg.x[j], 0) + eps * cg.x[i]);
    const err = Math.sqrt(Hx.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));
    const bn = Math.sqrt(b.reduce((s, v) => s + v * v, 0));
    check(err <= 1e-8 * bn, `${name}: dense residual ${err}`);
  }
});
