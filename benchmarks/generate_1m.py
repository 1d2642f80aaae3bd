"""Write 1,000,000 synthetic 8x8 digits to .npz shards (target: >= 20,000 samples/s, peak memory < 1.5 GB).

Ours: `write_samples` streaming a CVAE's samples (trained one epoch on the digits: throughput, not quality, is
measured here) in batches of 8,192 to shards of 100,000 items, with the manifest's million item records streamed to
disk. Anchor, in the same process and run second (so that the peak printed for ours is not the anchor's): the naive
route with the same model, drawing all samples at once and writing one `np.savez`, whose memory grows with N.

Run: python benchmarks/generate_1m.py [n_total]
"""

import os, resource, sys, tempfile, time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
from pathlib import Path
import numpy as np


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    from synthbook.data import load_dataset
    from synthbook.vae import CVAE
    from synthbook.generate import write_samples

    digits = load_dataset("digits")
    model = CVAE((8, 8, 1), n_classes=10, seed=0)
    model.compile(optimizer="adam")
    model.fit(digits.x, digits.y, epochs=1, batch_size=64, verbose=0)
    base = peak_mb()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        write_samples(model, digits.class_names, n // 10, Path(tmp) / "ours", seed=0, format="npz")
        ours, ours_peak = n / (time.perf_counter() - t), peak_mb()
        size = sum(p.stat().st_size for p in (Path(tmp) / "ours").iterdir()) / 2**20
        t = time.perf_counter()
        y = np.repeat(np.arange(10), n // 10)
        x = model.sample(len(y), labels=y, seed=0)
        np.savez(Path(tmp) / "naive.npz", x=x, y=y, ids=np.array([f"{i}" for i in range(len(y))]))
        naive, naive_peak = n / (time.perf_counter() - t), peak_mb()
    print(f"{n:,} samples of 8x8x1 (CVAE), {os.cpu_count()} CPU cores; process peak before writing {base:,.0f} MB")
    print(
        f"synthbook write_samples, .npz shards + streamed manifest: {ours:,.0f} samples/s, "
        f"process peak {ours_peak:,.0f} MB, {size:,.0f} MB on disk"
    )
    print(
        f"naive: sample everything, one np.savez (no manifest):    {naive:,.0f} samples/s, "
        f"process peak {naive_peak:,.0f} MB"
    )
    print(
        f"ratio (ours / naive): {ours / naive:.2f}x; "
        f"targets: >= 20,000 samples/s {'met' if ours >= 20_000 else 'NOT met'}, "
        f"peak < 1.5 GB {'met' if ours_peak < 1536 else 'NOT met'}"
    )
