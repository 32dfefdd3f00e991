import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { assertErrors } from "./_helpers.ts";
import {
  adam,
  gradientDescent,
  leastSquaresObjective,
  minimize,
  newton,
  type Objective,
  quadraticObjective,
  sgd,
} from "../../lib/optim/mod.ts";

Deno.test("minimize: converged, with x, f and ‖∇f‖ recorded at every iterate", () => {
  const q = quadraticObjective([[1, 0], [0, 4]]);
  const run = minimize(q, [1, 1], gradientDescent({ lr: 0.2 }), { gradTol: 1e-10 });
  check(run.stopReason === "converged", run.message);
  check(run.message.startsWith(`Converged at step ${run.steps}`), run.message);
  check(
    run.xs.length === run.steps + 1 && run.fs.length === run.steps + 1,
    "one record per iterate",
  );
  check(run.gradNorms.length === run.steps + 1 && run.info.length === run.steps, "lengths");
  run.xs.forEach((x, k) => {
    check(run.fs[k] === q.f(x), `f at step ${k}`);
    const g = q.grad(x);
    assertClose(run.gradNorms[k], Math.hypot(g[0], g[1]), { rtol: 1e-15, label: `‖∇f‖ at ${k}` });
  });
  check(
    run.gradNorm <= 1e-10 && run.gradNorms.at(-2)! > 1e-10,
    "stopped at the first small gradient",
  );
  check(run.optimizer === "gradientDescent(lr=0.2)", run.optimizer);
  // Closed form for this diagonal problem: x_k = ((0.8)ᵏ, (0.2)ᵏ).
  assertAllClose(run.x, [0.8 ** run.steps, 0.2 ** run.steps], { rtol: 1e-9 });
});

Deno.test("minimize: a start on a critical point (even a saddle) converges in 0 steps", () => {
  const run = minimize(quadraticObjective([[2, 0], [0, -2]]), [0, 0], gradientDescent({ lr: 0.1 }));
  check(run.stopReason === "converged" && run.steps === 0, run.message);
  check(run.message.startsWith("Converged at x₀"), run.message);
});

Deno.test("minimize: diverged when growing past maxNorm, past maxValue, or not finite", () => {
  const bowl = quadraticObjective([[1, 0], [0, 10]]);
  const big = minimize(bowl, [1, 1], gradientDescent({ lr: 0.25 }), { maxSteps: 10000 });
  check(big.stopReason === "diverged" && /‖x‖ = .* exceeds maxNorm/.test(big.message), big.message);
  const val = minimize(bowl, [1, 1], gradientDescent({ lr: 0.25 }), { maxValue: 1e3 });
  check(val.stopReason === "diverged" && val.message.includes("exceeds maxValue"), val.message);
  check(val.fs.at(-1)! > 1e3 && val.fs.at(-2)! <= 1e3, "stopped at the first value past the bound");
  const nan: Objective = {
    f: ([x]) => (x < 0.5 ? NaN : x * x),
    grad: ([x]) => new Float64Array([2 * x]),
  };
  const bad = minimize(nan, [1], gradientDescent({ lr: 0.3 }));
  check(bad.stopReason === "diverged" && bad.message.includes("f is NaN"), bad.message);
  const inf: Objective = { f: () => 0, grad: () => new Float64Array([Infinity]) };
  const worse = minimize(inf, [1], gradientDescent({ lr: 0.3 }));
  check(worse.stopReason === "diverged", worse.message);
});

Deno.test("minimize: max_steps, with the last gradient norm in the message", () => {
  const run = minimize(quadraticObjective([[1e-3]]), [1], gradientDescent({ lr: 1 }), {
    maxSteps: 7,
  });
  check(run.stopReason === "max_steps" && run.steps === 7, run.message);
  check(run.message.startsWith("Stopped after maxSteps = 7 steps"), run.message);
  const zero = minimize(quadraticObjective([[1]]), [1], gradientDescent({ lr: 0.1 }), {
    maxSteps: 0,
  });
  check(zero.stopReason === "max_steps" && zero.steps === 0 && zero.xs.length === 1, zero.message);
});

Deno.test("minimize: one gradient per GD step (cached), counted evaluations, HVP-free Newton", () => {
  const q = quadraticObjective([[2, 1], [1, 3]]);
  const gd = minimize(q, [1, 1], gradientDescent({ lr: 0.1 }), { maxSteps: 10, gradTol: 0 });
  check(gd.evaluations.grad === 11, `grad calls: ${gd.evaluations.grad}`);
  check(gd.evaluations.f === 11 && gd.evaluations.hessian === 0, JSON.stringify(gd.evaluations));
  const nt = minimize(q, [1, 1], newton());
  check(nt.stopReason === "converged" && nt.steps === 1, nt.message);
  check(nt.evaluations.hessian === 1 && nt.evaluations.hvp === 0, JSON.stringify(nt.evaluations));
  // SGD draws its batches through gradBatch and records the full gradient for the plot.
  const ls = leastSquaresObjective([[1], [2], [3], [4]], [1, 2, 3, 4]);
  const s = minimize(ls, [0], sgd({ lr: 0.02, batchSize: 1, seed: 3 }), {
    maxSteps: 8,
    gradTol: 0,
  });
  check(s.evaluations.gradBatch === 8 && s.evaluations.grad === 9, JSON.stringify(s.evaluations));
  check(s.info[0].batchSize === 1 && s.info[4].epoch === 2, JSON.stringify(s.info[4]));
});

Deno.test("minimize: recordX/recordInfo off keep only the ends; the stepper carries Adam's state", () => {
  const q = quadraticObjective([[1, 0], [0, 100]]);
  const run = minimize(q, [1, 1], adam({ lr: 0.01 }), {
    maxSteps: 30,
    recordX: false,
    recordInfo: false,
  });
  check(run.xs.length === 2 && run.info.length === 0 && run.fs.length === 31, "ends only");
  assertAllClose(run.xs[1], run.x, { rtol: 0, atol: 0 });
  check(run.stepper.t === 30 && run.stepper.v.length === 2, "Adam's state is exposed");
  const withInfo = minimize(q, [1, 1], adam({ lr: 0.01 }), { maxSteps: 3 });
  const m1 = withInfo.info[0].m as Float64Array;
  const m3 = withInfo.info[2].m as Float64Array;
  check(m1 !== m3 && m1[0] !== m3[0], "info holds copies, not the live moments");
  // The input x0 is not modified.
  const x0 = new Float64Array([1, 1]);
  minimize(q, x0, gradientDescent({ lr: 0.001 }), { maxSteps: 3 });
  check(x0[0] === 1 && x0[1] === 1, "x0 untouched");
});

Deno.test("minimize: bad arguments are rejected clearly", () => {
  const q = quadraticObjective([[1]]);
  const cases: [() => unknown, string][] = [
    [() => minimize(q, [1], gradientDescent({ lr: 0.1 }), { maxSteps: -1 }), "option maxSteps"],
    [() => minimize(q, [1], gradientDescent({ lr: 0.1 }), { gradTol: NaN }), "option gradTol"],
    [() => minimize(q, [], gradientDescent({ lr: 0.1 })), "x0 is empty"],
    [() => minimize(q, [1], {} as never), "optimizer"],
    [() => minimize({} as Objective, [1], gradientDescent({ lr: 0.1 })), "objective.f"],
  ];
  assertErrors(cases, "Cannot minimize");
});
