#!/usr/bin/python3
"""The PyTorch + SciPy program a user would write instead of
`deno task curvature SPEC.json --top 1`: the largest eigenvalue of the loss
Hessian by Lanczos (scipy.sparse.linalg.eigsh) on PyTorch Hessian-vector
products, float64, one thread. Same model contract as lib/nn/spec.ts
(h = h_prev @ W + b, optional BatchNorm with batch statistics and eps 1e-5,
residual when the widths match from the second layer on, mse or
cross-entropy). The gradient graph is built once and each product is one
double-backward pass through it (retain_graph), which is how a PyTorch user
gets the most out of it.

Usage: /usr/bin/python3 bench/torch_topeig.py SPEC.json   (Debian: python3-torch, python3-scipy)
Prints {"lambda_max", "hvps", "compute_s"} as JSON; with --hvp-timing, also
the median and fastest milliseconds of one gradient, one full HVP (forward,
gradient with graph, double backward) and one HVP through the retained graph.
"""
import json
import sys
import time

import numpy as np
import torch
from scipy.sparse.linalg import LinearOperator, eigsh

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def loss_function(spec):
    model, loss_name = spec["model"], spec["loss"]
    widths = model["layers"]
    act = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid,
           "softplus": lambda z: torch.logaddexp(torch.zeros_like(z), z),
           "linear": lambda z: z}[model["activation"]]
    x = torch.tensor(spec["data"]["x"])
    y = torch.tensor(spec["data"]["y"], dtype=torch.long if loss_name == "cross_entropy" else None)

    def f(theta):
        at, h = 0, x
        for l in range(1, len(widths)):
            din, dout = widths[l - 1], widths[l]
            w = theta[at:at + din * dout].view(din, dout)
            b = theta[at + din * dout:at + din * dout + dout]
            at += din * dout + dout
            z = h @ w + b
            if l == len(widths) - 1:
                h = z
                break
            if model.get("batchnorm"):
                g, beta = theta[at:at + dout], theta[at + dout:at + 2 * dout]
                at += 2 * dout
                mu = z.mean(0)
                z = g * (z - mu) / torch.sqrt(((z - mu) ** 2).mean(0) + 1e-5) + beta
            a = act(z)
            h = h + a if model.get("residual") and l >= 2 and din == dout else a
        if loss_name == "mse":
            return ((h - y) ** 2).mean()
        return torch.nn.functional.cross_entropy(h, y)

    return f


def timing_ms(fn, reps=200):
    """(median, fastest) milliseconds of `reps` calls after 10 warm-up calls."""
    for _ in range(10):
        fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return 1000 * times[len(times) // 2], 1000 * times[0]


def main():
    spec = json.load(open(sys.argv[1]))
    t0 = time.perf_counter()
    f = loss_function(spec)
    theta = torch.tensor(spec["params"]).requires_grad_(True)
    n = theta.numel()
    (g,) = torch.autograd.grad(f(theta), theta, create_graph=True)
    count = [0]

    def hvp(v):
        count[0] += 1
        v = torch.from_numpy(np.ascontiguousarray(v, dtype=np.float64).reshape(-1))
        (hv,) = torch.autograd.grad(g, theta, grad_outputs=v, retain_graph=True)
        return hv.numpy().copy()

    op = LinearOperator((n, n), matvec=hvp, dtype=np.float64)
    start = np.random.default_rng(0).normal(size=n)
    lmax = float(eigsh(op, k=1, which="LA", tol=1e-8, v0=start, return_eigenvectors=False)[0])
    out = {"lambda_max": lmax, "hvps": count[0], "compute_s": time.perf_counter() - t0}
    if "--hvp-timing" in sys.argv:
        v = torch.from_numpy(np.random.default_rng(1).normal(size=n))

        def gradient():
            t = theta.detach().requires_grad_(True)
            return torch.autograd.grad(f(t), t)[0]

        def full_hvp():
            t = theta.detach().requires_grad_(True)
            (gt,) = torch.autograd.grad(f(t), t, create_graph=True)
            return torch.autograd.grad(gt, t, grad_outputs=v)[0]

        retained = lambda: torch.autograd.grad(g, theta, grad_outputs=v, retain_graph=True)[0]
        for key, fn in [("gradient", gradient), ("hvp", full_hvp), ("hvp_retained", retained)]:
            out[key + "_ms"], out[key + "_min_ms"] = timing_ms(fn)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
