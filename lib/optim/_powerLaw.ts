// Private: least-squares fit of t ≈ c·nᵖ on a log–log scale.
export function powerLawFit(
  sizes: readonly number[],
  values: readonly number[],
): { exponent: number; prefactor: number; r2: number } {
  const x = sizes.map(Math.log), y = values.map(Math.log);
  const k = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / k, my = y.reduce((a, b) => a + b, 0) / k;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < k; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  const exponent = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { exponent, prefactor: Math.exp(my - exponent * mx), r2 };
}
