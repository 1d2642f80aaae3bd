"""The Gaussian copula of a table: synthbook's `GaussianCopula` against the copula engine of SDV, on the same table.

Anchor, in the same process: `copulas.multivariate.GaussianMultivariate` from the `copulas` package, the engine
under SDV's `GaussianCopulaSynthesizer` (a benchmark-only dependency: `pip install copulas`, whose pandas pin can be
skipped with `--no-deps`), one per class as synthbook fits them, in two settings: its own default (each marginal
chosen among its candidate families) and SDV's default (beta marginals). Ours: `GaussianCopula()` (scipy families
chosen by KS distance) and `GaussianCopula("empirical")`. Table: the bundled breast-cancer table (569 tumours, 30
numeric measurements, two classes). Each side fits on the whole table and draws `n` rows per class; the time is the
best of `repeats`. Fidelity is measured by synthbook's own SDMetrics-style measures on the drawn rows against the
table (`column_shapes`, the mean of 1 - KS distance, and `column_pair_trends`), the same for every side.

Run: python benchmarks/copula_sdv.py [n] [repeats]
"""

import sys, time, warnings
import numpy as np
import pandas as pd
from synthbook.evaluate import aligned_table, column_pair_trends, column_shapes
from synthbook.table_generators import GaussianCopula
from synthbook.tabular import load_table


def anchor_rows(table, n, distribution=None, seed=0):
    "`n` rows per class from one `copulas` GaussianMultivariate per class (its default marginals, or `distribution`)."
    from copulas.multivariate import GaussianMultivariate

    parts = []
    for c in table.y.cat.categories:
        model = GaussianMultivariate() if distribution is None else GaussianMultivariate(distribution=distribution)
        model.fit(table.x[table.y == c].astype(float))
        np.random.seed(seed)  # copulas draws from NumPy's global generator: seeded here, in the benchmark only
        parts.append(model.sample(n).assign(**{table.target: c}))
    return pd.concat(parts, ignore_index=True)


def ours_rows(table, n, marginals, seed=0):
    "`n` rows per class from synthbook's copula."
    classes = list(table.y.cat.categories)
    return GaussianCopula(marginals).fit(table).sample(n * len(classes), [c for c in classes for _ in range(n)], seed)


def best_time(run, repeats):
    "The rows of the last run, and the best wall time of `repeats` runs."
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
    return rows, min(times)


if __name__ == "__main__":
    from copulas.univariate import BetaUnivariate

    n, repeats = (int(a) for a in (sys.argv[1:] + ["1000", "3"][len(sys.argv) - 1 :])[:2])
    warnings.simplefilter("ignore")
    table = load_table("breast_cancer")
    sides = {
        "copulas, its default marginals": lambda: anchor_rows(table, n),
        "copulas, SDV's default (beta)": lambda: anchor_rows(table, n, BetaUnivariate),
        "synthbook, parametric": lambda: ours_rows(table, n, "parametric"),
        "synthbook, empirical": lambda: ours_rows(table, n, "empirical"),
    }
    results = {}
    for name, run in sides.items():
        rows, seconds = best_time(run, repeats)
        drawn = aligned_table(table, rows)
        shapes = np.mean(list(column_shapes(table, drawn).values()))
        results[name] = (seconds, shapes, column_pair_trends(table, drawn))
    base = results["copulas, its default marginals"][0]
    print(f"breast_cancer, {n} rows per class, fit + sample, best of {repeats}")
    for name, (seconds, shapes, trends) in results.items():
        speed = f"{seconds:7.2f} s ({base / seconds:5.1f}x)"
        print(f"{name:32s} {speed}  column shapes {shapes:.3f}  pair trends {trends:.3f}")
