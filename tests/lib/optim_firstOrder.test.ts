import fc from "fast-check";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { assertErrors } from "./_helpers.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { Rng } from "../../lib/random.ts";
import {
  adam,
  gradientDescent,
  leastSquaresObjective,
  minimize,
  momentum,
  nesterov,
  type Objective,
  perturbedGradientDescent,
  quadraticObjective,
  rmsprop,
  rosenbrockObjective,
  sgd,
} from "../../lib/optim/mod.ts";

function randomSpd(r: Rng, n: number, lo = 0.5, hi = 4): number[][] {
  // Q diag(λ) Qᵀ with Q from the eigenvectors of a random symmetric matrix.
  const A = Array.from({ length: n }, () => Array.from(r.normalVector(n)));
  const S = A.map((row, i) => row.map((a, j) => a + A[j][i]));
  const { vectors } = eigh(S);
  const lam = Array.from({ length: n }, () => lo + (hi - lo) * r.uniform());
  return Array.from(
    { length: n },
    (_, i) =>
      Array.from({ length: n }, (_, j) => vectors.reduce((s, q, k) => s + lam[k] * q[i] * q[j], 0)),
  );
}

function scaled(obj: Objective, c: number): Objective {
  return { f: (x) => c * obj.f(x), grad: (x) => obj.grad(x).map((g) => c * g) };
}

Deno.test("gradientDescent on ½xᵀHx gives x_k = (I − αH)ᵏx₀ (eigenbasis closed form)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const r = new Rng(seed);
      const H = randomSpd(r, n);
      const x0 = r.normalVector(n);
      const alpha = 0.3;
      const run = gradientDescent({ lr: alpha }).start(quadraticObjective(H), x0);
      const { values, vectors } = eigh(H);
      const z0 = vectors.map((q) => q.reduce((s, qi, i) => s + qi * x0[i], 0));
      for (let k = 1; k <= 15; k++) {
        run.step();
        // z_{k,i} = (1 − αλᵢ)ᵏ z_{0,i}, then x = Q z.
        const expected = new Float64Array(n);
        vectors.forEach((q, j) => {
          const zk = Math.pow(1 - alpha * values[j], k) * z0[j];
          for (let i = 0; i < n; i++) expected[i] += zk * q[i];
        });
        assertAllClose(run.x, expected, { rtol: 1e-10, atol: 1e-12, label: `x_${k}` });
      }
    }),
    { seed: 42, numRuns: 40 },
  );
});

Deno.test("gradientDescent with α > 2/λmax diverges; the zero-eigenvalue direction never moves", () => {
  const H = [[4, 0], [0, 0]];
  const tooBig = minimize(quadraticObjective(H), [1, 1], gradientDescent({ lr: 0.51 }), {
    maxSteps: 5000,
  });
  check(tooBig.stopReason === "diverged", tooBig.message);
  const ok = minimize(quadraticObjective(H), [1, 1], gradientDescent({ lr: 0.4 }), {
    maxSteps: 200,
  });
  check(ok.stopReason === "converged", ok.message);
  check(ok.xs.every((x) => x[1] === 1), "the flat direction stays at its start");
});

Deno.test("sgd: seeded, epochs without replacement, a full batch is gradient descent", () => {
  const r = new Rng(3);
  const N = 10;
  const X = Array.from({ length: N }, () => Array.from(r.normalVector(2)));
  const y = Array.from(r.normalVector(N));
  const base = leastSquaresObjective(X, y);
  const seen: number[][] = [];
  const spy: Objective = {
    ...base,
    f: base.f,
    grad: base.grad,
    gradBatch: (x, idx) => {
      seen.push([...idx]);
      return base.gradBatch!(x, idx);
    },
  };
  const run = sgd({ lr: 0.01, batchSize: 3, seed: 11 }).start(spy, [0, 0]);
  for (let k = 0; k < 8; k++) run.step(); // two epochs: 3+3+3+1, 3+3+3+1
  check(
    seen.map((b) => b.length).join() === "3,3,3,1,3,3,3,1",
    `batch sizes ${seen.map((b) => b.length)}`,
  );
  for (const epoch of [seen.slice(0, 4), seen.slice(4, 8)]) {
    const flat = epoch.flat().sort((a, b) => a - b);
    check(flat.join() === "0,1,2,3,4,5,6,7,8,9", `an epoch visits every sample once: ${flat}`);
  }
  check(seen[0].join() !== seen[4].join() || seen[1].join() !== seen[5].join(), "reshuffled");
  // Same seed, same path; another seed, another path.
  const path = (seed: number) => {
    const s = sgd({ lr: 0.05, batchSize: 2, seed }).start(base, [0, 0]);
    for (let k = 0; k < 12; k++) s.step();
    return s.x;
  };
  assertAllClose(path(4), path(4), { rtol: 0, atol: 0 });
  check(path(4)[0] !== path(5)[0], "different seeds give different paths");
  // A full batch is gradient descent.
  const full = sgd({ lr: 0.1, batchSize: N, seed: 1 }).start(base, [1, -1]);
  const gd = gradientDescent({ lr: 0.1 }).start(base, [1, -1]);
  for (let k = 0; k < 20; k++) {
    full.step();
    gd.step();
  }
  assertAllClose(full.x, gd.x, { rtol: 1e-12, atol: 1e-14 });
  // Without mini-batch access sgd refuses to start.
  let msg = "";
  try {
    sgd({ lr: 0.1, batchSize: 2 }).start(quadraticObjective([[1]]), [1]);
  } catch (e) {
    msg = (e as Error).message;
  }
  check(msg.includes("mini-batch access"), msg);
});

Deno.test("momentum equals the textbook form v ← βv − αg, x ← x + v", () => {
  const obj = rosenbrockObjective({ size: 3 });
  const alpha = 1e-4, beta = 0.8;
  const run = momentum({ lr: alpha, momentum: beta }).start(obj, [-1, 1, 0.5]);
  let x = new Float64Array([-1, 1, 0.5]);
  let v = new Float64Array(3);
  for (let k = 0; k < 40; k++) {
    const g = obj.grad(x);
    v = v.map((vi, i) => beta * vi - alpha * g[i]);
    x = x.map((xi, i) => xi + v[i]);
    run.step();
    assertAllClose(run.x, x, { rtol: 1e-12, atol: 1e-14, label: `step ${k + 1}` });
    assertAllClose(run.velocity, v.map((vi) => -vi / alpha), { rtol: 1e-9, atol: 1e-9 });
  }
});

Deno.test("nesterov equals Sutskever's look-ahead form in the shifted variable x = y + βv", () => {
  const obj = rosenbrockObjective({ size: 2 });
  const alpha = 2e-4, beta = 0.9;
  const run = nesterov({ lr: alpha, momentum: beta }).start(obj, [-1.2, 1]);
  let y = new Float64Array([-1.2, 1]);
  let v = new Float64Array(2);
  for (let k = 0; k < 50; k++) {
    const look = y.map((yi, i) => yi + beta * v[i]);
    const g = obj.grad(look);
    v = v.map((vi, i) => beta * vi - alpha * g[i]);
    y = y.map((yi, i) => yi + v[i]);
    run.step();
    assertAllClose(run.x, y.map((yi, i) => yi + beta * v[i]), {
      rtol: 1e-12,
      atol: 1e-14,
      label: `step ${k + 1}`,
    });
  }
  // momentum 0 is gradient descent
  const a = momentum({ lr: 1e-3, momentum: 0 }).start(obj, [0, 0]);
  const b = gradientDescent({ lr: 1e-3 }).start(obj, [0, 0]);
  for (let k = 0; k < 10; k++) {
    a.step();
    b.step();
  }
  assertAllClose(a.x, b.x, { rtol: 0, atol: 0 });
});

Deno.test("rmsprop follows its recurrence; its effective step is α/(√s + ε)", () => {
  const obj = rosenbrockObjective();
  const lr = 1e-3, rho = 0.9, eps = 1e-8;
  const run = rmsprop({ lr, decay: rho, epsilon: eps }).start(obj, [-1, 2]);
  let x = new Float64Array([-1, 2]);
  const s = new Float64Array(2);
  for (let k = 0; k < 30; k++) {
    const g = obj.grad(x);
    for (let i = 0; i < 2; i++) s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
    x = x.map((xi, i) => xi - lr * g[i] / (Math.sqrt(s[i]) + eps));
    const step = run.step();
    assertAllClose(run.x, x, { rtol: 1e-13, atol: 1e-15 });
    assertAllClose(step.info.meanSquare as Float64Array, s, { rtol: 1e-13 });
    assertAllClose(run.effectiveStep(), s.map((si) => lr / (Math.sqrt(si) + eps)), { rtol: 1e-13 });
  }
});

Deno.test("adam: the first bias-corrected step is α·g/(|g| + ε) ≈ α·sign(g), whatever |g|", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 6 }),
      fc.double({ min: 1e-4, max: 1, noNaN: true }),
      (g0, alpha) => {
        const g = Float64Array.from(g0);
        const linear: Objective = {
          f: (x) => x.reduce((s, xi, i) => s + g[i] * xi, 0),
          grad: () => g.slice(),
        };
        const x0 = new Float64Array(g.length).fill(0.5);
        const eps = 1e-8;
        const run = adam({ lr: alpha, epsilon: eps }).start(linear, x0);
        run.step();
        const expected = x0.map((xi, i) => xi - alpha * g[i] / (Math.abs(g[i]) + eps));
        assertAllClose(run.x, expected, { rtol: 1e-12, atol: 1e-15 });
        for (let i = 0; i < g.length; i++) {
          if (Math.abs(g[i]) > 1e-3) {
            assertClose(x0[i] - run.x[i], alpha * Math.sign(g[i]), { rtol: 1e-5 });
          }
        }
      },
    ),
    { seed: 42, numRuns: 100 },
  );
});

Deno.test("adam on a constant gradient: m̂ = g, v̂ = g², so every step is α·sign(g)", () => {
  const g = new Float64Array([3, -0.01, 250]);
  const linear: Objective = {
    f: (x) => x.reduce((s, xi, i) => s + g[i] * xi, 0),
    grad: () => g.slice(),
  };
  const run = adam({ lr: 0.01, epsilon: 0 }).start(linear, [0, 0, 0]);
  for (let t = 1; t <= 25; t++) {
    run.step();
    // m_t = (1 − β₁ᵗ) g and v_t = (1 − β₂ᵗ) g² in closed form.
    assertAllClose(run.m, g.map((gi) => (1 - 0.9 ** t) * gi), { rtol: 1e-12 });
    assertAllClose(run.v, g.map((gi) => (1 - 0.999 ** t) * gi * gi), { rtol: 1e-12 });
    assertAllClose(run.mHat(), g, { rtol: 1e-12 });
    assertAllClose(run.effectiveStep(), g.map((gi) => 0.01 / Math.abs(gi)), { rtol: 1e-12 });
    assertAllClose(run.x, g.map((gi) => -0.01 * t * Math.sign(gi)), { rtol: 1e-12 });
  }
  // Without bias correction the first step is α(1 − β₁)/√(1 − β₂)·sign(g) ≈ 3.16α.
  const raw = adam({ lr: 0.01, epsilon: 0, biasCorrection: false }).start(linear, [0, 0, 0]);
  raw.step();
  assertAllClose(raw.x, g.map((gi) => -0.01 * 0.1 / Math.sqrt(0.001) * Math.sign(gi)), {
    rtol: 1e-12,
  });
});

Deno.test("adam is invariant to scaling the loss by c > 0 (exactly with ε = 0, up to ε otherwise)", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      fc.integer({ min: 0, max: 1e6 }),
      (c, seed) => {
        const x0 = Array.from(new Rng(seed).normalVector(3));
        const obj = rosenbrockObjective({ size: 3 });
        for (const eps of [0, 1e-8]) {
          const a = adam({ lr: 1e-2, epsilon: eps }).start(obj, x0);
          const b = adam({ lr: 1e-2, epsilon: eps }).start(scaled(obj, c), x0);
          for (let k = 0; k < 30; k++) {
            a.step();
            b.step();
          }
          // ε = 0: identical up to rounding. ε = 1e-8: the ratio ε/√v̂ differs by at most ~ε/(c|g|).
          assertAllClose(b.x, a.x, {
            rtol: eps === 0 ? 1e-10 : 1e-5,
            atol: eps === 0 ? 1e-12 : 1e-6,
          });
        }
      },
    ),
    { seed: 42, numRuns: 25 },
  );
  // Gradient descent is not: the same scaling changes its step by c.
  const obj = rosenbrockObjective();
  const a = gradientDescent({ lr: 1e-4 }).start(obj, [0, 0]);
  const b = gradientDescent({ lr: 1e-4 }).start(scaled(obj, 10), [0, 0]);
  a.step();
  b.step();
  assertAllClose(b.x, a.x.map((v) => 10 * v), { rtol: 1e-12 });
});

Deno.test("adam on a diagonal quadratic: the effective step follows |λᵢxᵢ|, not λᵢ alone", () => {
  // λ = (100, 100, 1, 1) and x₀ = (1, 0.01, 1, 100): coordinates 1 and 2 have the same
  // |λx| = 1 with curvatures 100× apart; coordinates 0 and 1 share λ but not |λx|.
  const lam = [100, 100, 1, 1];
  const H = lam.map((l, i) => lam.map((_, j) => (i === j ? l : 0)));
  const run = adam({ lr: 1e-3, epsilon: 0 }).start(quadraticObjective(H), [1, 0.01, 1, 100]);
  const { info } = run.step();
  const e = info.effectiveStep as Float64Array;
  assertAllClose(e, [1e-3 / 100, 1e-3 / 1, 1e-3 / 1, 1e-3 / 100], { rtol: 1e-12 });
  check(e[1] === e[2], "same |λx|, same effective step, though λ differs 100×");
  check(e[0] !== e[1], "same λ, different |λx|, different effective step");
});

Deno.test("perturbedGradientDescent: noise 0 is GD; Gaussian noise has the chosen std; ball radius", () => {
  const obj = rosenbrockObjective({ size: 4 });
  const x0 = [0.1, 0.2, 0.3, 0.4];
  const a = perturbedGradientDescent({ lr: 1e-3, noise: 0, seed: 3 }).start(obj, x0);
  const b = gradientDescent({ lr: 1e-3 }).start(obj, x0);
  for (let k = 0; k < 10; k++) {
    a.step();
    b.step();
  }
  assertAllClose(a.x, b.x, { rtol: 0, atol: 0 });

  // ξ = x_{t+1} − (x_t − α∇f(x_t)); on f = 0 it is the whole step.
  const n = 400;
  const flat: Objective = { f: () => 0, grad: () => new Float64Array(n) };
  const sigma = 0.3;
  const g = perturbedGradientDescent({ lr: 0.1, noise: sigma, seed: 9 }).start(
    flat,
    new Float64Array(n),
  );
  let sum = 0, sum2 = 0, count = 0;
  let prev = g.x.slice();
  for (let k = 0; k < 25; k++) {
    const { x, info } = g.step();
    check(info.perturbed === true, "perturbs every step by default");
    for (let i = 0; i < n; i++) {
      const xi = x[i] - prev[i];
      sum += xi;
      sum2 += xi * xi;
      count++;
    }
    prev = x.slice();
  }
  const std = Math.sqrt(sum2 / count - (sum / count) ** 2);
  // 10 000 draws: the sample std is within ~4·σ/√(2·10⁴) of σ.
  assertClose(std, sigma, { rtol: 0.03 });
  assertClose(sum / count, 0, { atol: 4 * sigma / Math.sqrt(count) });

  // Ball: ‖ξ‖ ≤ r, and uniform in the ball means (‖ξ‖/r)ⁿ is uniform on [0, 1].
  const m = 3, r = 0.5;
  const flat3: Objective = { f: () => 0, grad: () => new Float64Array(m) };
  const ball = perturbedGradientDescent({ lr: 0.1, noise: r, distribution: "ball", seed: 2 }).start(
    flat3,
    [0, 0, 0],
  );
  let u = 0;
  const K = 4000;
  for (let k = 0; k < K; k++) {
    const nrm = ball.step().info.noiseNorm as number;
    check(nrm <= r, `‖ξ‖ = ${nrm} > r`);
    u += (nrm / r) ** m;
  }
  assertClose(u / K, 0.5, { atol: 4 * Math.sqrt(1 / 12 / K) });
});

Deno.test("perturbedGradientDescent: gradThreshold and cooldown gate the noise; seeded", () => {
  // f = x² − y² from (1, 0): ‖∇f‖ = 2|x| shrinks; perturbations start once it is ≤ 0.1.
  const saddle = quadraticObjective([[2, 0], [0, -2]]);
  const opt = perturbedGradientDescent({
    lr: 0.1,
    noise: 1e-3,
    distribution: "ball",
    gradThreshold: 0.1,
    cooldown: 5,
    seed: 4,
  });
  const run = opt.start(saddle, [1, 0]);
  const perturbedAt: number[] = [];
  const norms: number[] = [];
  for (let k = 0; k < 60; k++) {
    const g = saddle.grad(run.x);
    const { info } = run.step();
    norms.push(Math.hypot(g[0], g[1]));
    if (info.perturbed) perturbedAt.push(k);
  }
  check(perturbedAt.length > 0, "perturbed at least once");
  for (const k of perturbedAt) {
    check(norms[k] <= 0.1, `perturbed at step ${k} with ‖g‖ = ${norms[k]}`);
  }
  for (let i = 1; i < perturbedAt.length; i++) {
    check(perturbedAt[i] - perturbedAt[i - 1] > 5, `cooldown violated: ${perturbedAt}`);
  }
  check(Math.abs(run.x[1]) > 1, `escaped along y: ${run.x}`);
  const again = opt.start(saddle, [1, 0]);
  for (let k = 0; k < 60; k++) again.step();
  assertAllClose(again.x, run.x, { rtol: 0, atol: 0 });
});

Deno.test("first-order optimizers reject bad options clearly", () => {
  const cases: [() => unknown, string][] = [
    [() => gradientDescent({ lr: 0 }), "option lr"],
    [() => gradientDescent({} as { lr: number }), "option lr"],
    [() => sgd({ lr: 0.1, batchSize: 0 }), "option batchSize"],
    [() => momentum({ lr: 0.1, momentum: 1 }), "option momentum"],
    [() => adam({ beta2: 1 }), "option beta2"],
    [() => adam({ epsilon: -1 }), "option epsilon"],
    [() => rmsprop({ decay: 1.5 }), "option decay"],
    [() => perturbedGradientDescent({ lr: 0.1, noise: -1 }), "option noise"],
    [
      () => perturbedGradientDescent({ lr: 0.1, noise: 1, distribution: "cauchy" as "ball" }),
      "option distribution",
    ],
    [() => gradientDescent({ lr: 0.1 }).start(quadraticObjective([[1]]), [1, 2]), "objective.size"],
    [() => gradientDescent({ lr: 0.1 }).start(quadraticObjective([[1]]), [NaN]), "x0[0]"],
  ];
  assertErrors(cases);
});
