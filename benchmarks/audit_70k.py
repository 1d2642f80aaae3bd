"""Audit 70,000 synthetic 28x28 images (MNIST size) and print time and peak memory (budget: < 2 min, < 4 GB).

Anchor, in the same process: one exact brute-force radius search over the same 256-d features with scikit-learn
(`NearestNeighbors(radius).radius_neighbors_graph`), i.e. near duplicates *without* one-pixel moves. The audit does
five such searches (as-is plus four moves) and everything else, so the ratio says what the two-stage PCA filter buys.
Run: python benchmarks/audit_70k.py [n_items]
"""

import resource, sys, time
import numpy as np
from sklearn.neighbors import NearestNeighbors
from synthbook.data import ImageDataset, pixel_features, near_duplicate_threshold, shift_images
from synthbook.quality import audit


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def smooth_images(n, size=28, bumps=4, seed=0):
    "Distinct smooth images: each a sum of random Gaussian bumps; then 1% exact and 1% moved copies planted."
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[:size, :size]
    x = np.zeros((n, size, size), np.float32)
    for _ in range(bumps):
        cy, cx, s, a = (
            rng.uniform(4, size - 4, n),
            rng.uniform(4, size - 4, n),
            rng.uniform(2, 6, n),
            rng.uniform(0.3, 1, n),
        )
        x += (
            a[:, None, None]
            * np.exp(-((yy - cy[:, None, None]) ** 2 + (xx - cx[:, None, None]) ** 2) / (2 * s[:, None, None] ** 2))
        ).astype(np.float32)
    x = np.clip(x, 0, 1)[..., None]
    k = n // 100
    x[-k:] = x[:k]
    x[-2 * k : -k] = shift_images(x[k : 2 * k], 0, 1)
    return x, rng.integers(0, 10, n), k


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 70_000
    x, y, k = smooth_images(n)
    ds = ImageDataset(x, y, [str(c) for c in range(10)], source=f"{n} synthetic 28x28 images")
    print(f"data: {n} images, peak so far {peak_mb():.0f} MB")
    t = time.perf_counter()
    report = audit(ds)
    ours = time.perf_counter() - t
    d = report.to_dict()
    print(
        f"synthbook audit: {ours:.1f} s, peak memory {peak_mb():.0f} MB; "
        f"exact groups {len(d['exact_duplicates'])} (planted {k}), "
        f"near groups {len(d['near_duplicates'])} (planted {k} moved copies), outliers {len(d['outliers'])}, "
        f"Vendi {d['diversity']['vendi']:.1f}"
    )
    f = pixel_features(x)
    t = time.perf_counter()
    NearestNeighbors(radius=near_duplicate_threshold(f)).fit(f).radius_neighbors_graph(f)
    anchor = time.perf_counter() - t
    print(f"anchor, one scikit-learn radius search without moves: {anchor:.1f} s")
    print(
        f"ratio audit / anchor: {ours / anchor:.2f} "
        "(the audit searches 5x as many comparisons, and does everything else)"
    )
    print(f"budget: {'OK' if ours < 120 and peak_mb() < 4096 else 'EXCEEDED'} (< 120 s and < 4096 MB)")
