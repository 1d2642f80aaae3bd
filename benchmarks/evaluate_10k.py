"""FID + KID + PRDC on 10,000 real x 10,000 synthetic 64-d features: synthbook.evaluate against the reference route
(target: >= 3x).

Reference route, in the same process: pytorch-fid's method for FID (`scipy.linalg.sqrtm` of the covariance product,
real part), the `prdc` 0.2 package for precision/recall/density/coverage (a benchmark-only dependency: `pip install
prdc==0.2`), and KID written the usual way (per subset, the three cubic-kernel matrices built with `(x @ y.T / d + 1)
** 3`, as in the KID paper's code), with the same subsets as ours. Ours: `fid`, `kid`, `prdc` of `synthbook.evaluate`.
Every value must agree to 1e-5 relative. Features: correlated Gaussians (a random 64x64 mixing), the synthetic ones
scaled by 1.1 and shifted by 0.05. `--large` times `prdc` alone, in a process of its own, on n x n (e.g. 50000) and
reports the peak memory (bounded by the chunked distances).

Run: python benchmarks/evaluate_10k.py [n]   or   python benchmarks/evaluate_10k.py 50000 --large
"""

import contextlib, io, resource, sys, time
import numpy as np, scipy.linalg
from synthbook.evaluate import fid, kid, prdc


def features(n, d=64, seed=0):
    rng = np.random.default_rng(seed)
    mix = rng.normal(size=(d, d)) / 8
    return (rng.normal(size=(n, d)) @ mix).astype(np.float32), (rng.normal(size=(n, d)) @ (1.1 * mix) + 0.05).astype(
        np.float32
    )


def fid_pytorch_fid(a, b):
    "pytorch-fid's calculate_frechet_distance on the two feature sets."
    mu1, mu2, s1, s2 = a.mean(0), b.mean(0), np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean = scipy.linalg.sqrtm(s1.dot(s2))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return float((mu1 - mu2).dot(mu1 - mu2) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def kid_reference(real, synthetic, subsets=100, subset_size=1000, seed=0):
    "KID the usual way: full kernel matrices per subset, same subsets as synthbook's."
    real, synthetic = real.astype(np.float64), synthetic.astype(np.float64)
    d, m, rng, out = real.shape[1], min(subset_size, len(real), len(synthetic)), np.random.default_rng(seed), []
    for _ in range(subsets):
        x, y = real[rng.choice(len(real), m, replace=False)], synthetic[rng.choice(len(synthetic), m, replace=False)]
        kxx, kyy, kxy = (x @ x.T / d + 1) ** 3, (y @ y.T / d + 1) ** 3, (x @ y.T / d + 1) ** 3
        out.append(
            (kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (m * (m - 1)) - 2 * kxy.mean()
        )
    return float(np.mean(out)), float(np.std(out))


def timed(f, *args, **kw):
    t = time.perf_counter()
    out = f(*args, **kw)
    return out, time.perf_counter() - t


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 10_000
    if "--large" in sys.argv:  # alone in its process, so that the peak memory is prdc's own
        real, syn = features(n, seed=1)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        p, t = timed(prdc, real, syn, 5)
        print(
            f"prdc on {n:,} x {n:,}: {t:.1f} s, "
            f"peak memory of the process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
            f"({before:.0f} MB before the call; "
            f"the reference holds three {n:,}^2 float32 matrices, {3 * 4 * n**2 / 1e9:.0f} GB): {p}"
        )
        sys.exit()
    from prdc import compute_prdc

    real, syn = features(n)
    with contextlib.redirect_stdout(io.StringIO()):
        (p0, t_p0) = timed(compute_prdc, real, syn, 5)
    (f0, t_f0), (k0, t_k0) = timed(fid_pytorch_fid, real, syn), timed(kid_reference, real, syn)
    (f1, t_f1), (k1, t_k1), (p1, t_p1) = timed(fid, real, syn), timed(kid, real, syn), timed(prdc, real, syn, 5)
    worst = max(
        abs(a - b) / abs(a) for a, b in [(f0, f1), (k0[0], k1[0]), (k0[1], k1[1])] + [(float(p0[k]), p1[k]) for k in p1]
    )
    assert worst < 1e-5, worst
    ref, ours = t_f0 + t_k0 + t_p0, t_f1 + t_k1 + t_p1
    print(f"{n:,} x {n:,} features of 64-d; largest relative difference {worst:.1e}")
    print(f"reference: FID {t_f0:6.2f} s  KID {t_k0:6.2f} s  PRDC {t_p0:6.2f} s  total {ref:6.2f} s")
    print(
        f"synthbook: FID {t_f1:6.2f} s  KID {t_k1:6.2f} s  PRDC {t_p1:6.2f} s  "
        f"total {ours:6.2f} s   ratio {ref / ours:.2f}x"
    )
