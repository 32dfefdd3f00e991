/**
 * The batched matrix product behind every matmul: the TypeScript kernel and
 * the WebAssembly SIMD kernel against a naive triple loop, on random shapes
 * (odd sizes exercise the padding), both storage orders, and every batching
 * pattern.
 */
import fc from "fast-check";
import { assertAllClose, check } from "../../lib/assert.ts";
import { gemm, operand, setGemmEngine } from "../../lib/autodiff/gemm.ts";
import { wasmGemm, wasmGemmKind } from "../../lib/autodiff/wasmGemm.ts";
import { hessian, valueAndGrad } from "../../lib/autodiff/mod.ts";
import { Mlp } from "../../lib/nn/mod.ts";
import { Rng } from "../../lib/random.ts";

/** op(X_j)[row][col] read from storage, the slow obvious way. */
function entry(
  x: Float64Array,
  off: number,
  stride: number,
  transposed: boolean,
  rows: number,
  cols: number,
  j: number,
  row: number,
  col: number,
): number {
  return transposed
    ? x[off + j * stride + col * rows + row]
    : x[off + j * stride + row * cols + col];
}

const shapes = fc.record({
  m: fc.integer({ min: 1, max: 19 }),
  p: fc.integer({ min: 1, max: 19 }),
  n: fc.integer({ min: 1, max: 19 }),
  k: fc.integer({ min: 1, max: 4 }),
  ta: fc.boolean(),
  tb: fc.boolean(),
  batchA: fc.boolean(),
  batchB: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

Deno.test("gemm (both engines) and wasmGemm match a naive triple loop", () => {
  check(wasmGemmKind() !== null, "this runtime should have WebAssembly SIMD");
  fc.assert(
    fc.property(shapes, ({ m, p, n, k, ta, tb, batchA, batchB, seed }) => {
      const rng = new Rng(seed);
      const aStride = batchA ? m * p + 3 : 0, bStride = batchB ? p * n + 2 : 0;
      const A = rng.normalVector(5 + m * p + (k - 1) * aStride);
      const B = rng.normalVector(1 + p * n + (k - 1) * bStride);
      const cStride = m * n + 1;
      const C0 = rng.normalVector(2 + k * cStride);
      const expected = C0.slice();
      for (let j = 0; j < k; j++) {
        for (let i = 0; i < m; i++) {
          for (let c = 0; c < n; c++) {
            let s = 0;
            for (let r = 0; r < p; r++) {
              s += entry(A, 5, aStride, ta, m, p, j, i, r) *
                entry(B, 1, bStride, tb, p, n, j, r, c);
            }
            expected[2 + j * cStride + i * n + c] += s;
          }
        }
      }
      const opA = operand(A, 5, aStride, ta), opB = operand(B, 1, bStride, tb);
      for (const engine of ["js", "auto"] as const) {
        const prev = setGemmEngine(engine);
        const C = C0.slice();
        gemm(m, p, n, k, opA, opB, C, 2, cStride);
        setGemmEngine(prev);
        assertAllClose(C, expected, { rtol: 1e-12, atol: 1e-12, label: engine });
      }
      const C = C0.slice();
      check(wasmGemm(m, p, n, k, opA, opB, C, 2, cStride), "wasm ran");
      assertAllClose(C, expected, { rtol: 1e-12, atol: 1e-12, label: "wasm" });
    }),
    { seed: 42, numRuns: 300 },
  );
});

Deno.test("large products grow the WebAssembly memory and stay exact", () => {
  const rng = new Rng(1);
  const m = 300, p = 257, n = 130;
  const A = rng.normalVector(m * p), B = rng.normalVector(p * n);
  const js = new Float64Array(m * n), wasm = new Float64Array(m * n);
  const prev = setGemmEngine("js");
  gemm(m, p, n, 1, operand(A), operand(B), js, 0, 0);
  setGemmEngine(prev);
  check(wasmGemm(m, p, n, 1, operand(A), operand(B), wasm, 0, 0), "wasm ran");
  assertAllClose(wasm, js, { rtol: 1e-12, atol: 1e-12 });
});

Deno.test("network gradients and Hessians agree between the two engines", () => {
  const rng = new Rng(2);
  const net = new Mlp({
    layers: [6, 20, 20, 3],
    activation: "tanh",
    batchnorm: true,
    residual: true,
  });
  const x = Array.from({ length: 40 }, () => Array.from(rng.normalVector(6)));
  const y = Array.from({ length: 40 }, () => rng.int(3));
  const f = net.lossFunction({ x, y }, "cross_entropy");
  const p = net.init({ seed: 2 });
  const prev = setGemmEngine("js");
  const gJs = valueAndGrad(f)(p).gradient, hJs = hessian(f)(p);
  setGemmEngine("auto");
  const gW = valueAndGrad(f)(p).gradient, hW = hessian(f)(p);
  setGemmEngine(prev);
  assertAllClose(gW, gJs, { rtol: 1e-10, atol: 1e-13 });
  assertAllClose(hW, hJs, { rtol: 1e-9, atol: 1e-12 });
});
