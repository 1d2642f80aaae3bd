"""Table generators: synthbook's against SDV's, on the same tables, splits and seeds, in one process.

Anchor: SDV's `GaussianCopulaSynthesizer` and `CTGANSynthesizer` (SDV 2.0, installed for the benchmark only: it pins
pandas below 3 and needs PyTorch, so it gets an environment of its own):

    python3 -m venv /tmp/sdvenv && /tmp/sdvenv/bin/pip install torch==2.13.0 sdv "pandas<3"
    /tmp/sdvenv/bin/pip install -e .
    /tmp/sdvenv/bin/python benchmarks/tabular_sdv.py [tables] [seed]

Ours: `GaussianCopula` (parametric marginals), `TVAE`, `CTGAN` and `TableSMOTE`, at their defaults; SDV's at theirs
(300 epochs for CTGAN, as ours). Each table (default: breast_cancer and wine) is split once by `table_splits` (a
stratified 25% holdout); every generator fits the training rows and draws as many rows as they hold; all rows are
scored by synthbook's `evaluate_table` against the held-out rows: the real-versus-synthetic detector's AUC (0.5:
indistinguishable), the TSTR ratio (a model trained on synthetic rows over one trained on real rows, both tested
on the held-out rows), column shapes and pair trends. Fit and sample times are wall seconds on this machine.
SDV draws from the global NumPy and torch generators, which this script seeds (in the benchmark only).
"""

import sys, time, warnings
import numpy as np
import pandas as pd
from synthbook.evaluate import evaluate_table, table_splits
from synthbook.table_generators import CTGAN, TVAE, GaussianCopula, TableSMOTE
from synthbook.tabular import load_table

KEYS = ("detection_auc", "tstr_ratio", "column_shapes", "column_pair_trends")


def sdv_side(kind: str, seed: int):
    "fit(frame) and sample(n) of an SDV single-table synthesizer, seeded."
    import torch
    from sdv.metadata import Metadata
    from sdv.single_table import CTGANSynthesizer, GaussianCopulaSynthesizer

    box = {}

    def fit(frame):
        np.random.seed(seed)
        torch.manual_seed(seed)
        metadata = Metadata.detect_from_dataframes({"table": frame})
        make = GaussianCopulaSynthesizer if kind == "copula" else CTGANSynthesizer
        box["model"] = make(metadata) if kind == "copula" else make(metadata, epochs=300)
        box["model"].fit({"table": frame.astype({c: object for c in frame.select_dtypes("category")})})  # as SDV asks

    def sample(n):
        np.random.seed(seed)
        torch.manual_seed(seed)
        rows = box["model"].sample(n)
        return next(iter(rows.values())) if isinstance(rows, dict) else rows

    return fit, sample


def ours_side(make, seed: int):
    "fit(frame) and sample(n) of a synthbook table generator."
    box = {}

    def fit(frame):
        box["model"] = make().fit(frame, target=box["target"], kinds=box["kinds"])

    def sample(n):
        return box["model"].sample(n, seed=seed)

    return fit, sample, box


def run_table(name: str, seed: int) -> pd.DataFrame:
    "One row per generator: fit and sample seconds, and the scores of its rows."
    train, test, _ = table_splits(load_table(name), seed=seed)
    frame = train.frame[train.features + [train.target]]
    sides = {"SDV GaussianCopula": sdv_side("copula", seed), "SDV CTGAN": sdv_side("ctgan", seed)}
    for label, make in (("copula", GaussianCopula), ("TVAE", TVAE), ("CTGAN", CTGAN), ("SMOTE-NC", TableSMOTE)):
        fit, sample, box = ours_side(make, seed)
        box |= {"target": train.target, "kinds": train.kinds}
        sides[f"synthbook {label}"] = (fit, sample)
    rows = {}
    for label, (fit, sample) in sides.items():
        start = time.perf_counter()
        fit(frame.copy())
        fitted = time.perf_counter()
        drawn = sample(len(frame))
        sampled = time.perf_counter()
        drawn[train.target] = drawn[train.target].astype(str)
        m = evaluate_table(train, drawn, test=test, seed=seed)
        rows[label] = {"fit s": fitted - start, "sample s": sampled - fitted} | {k: m[k] for k in KEYS}
        print(f"  {name}: {label} done in {sampled - start:.1f} s", file=sys.stderr, flush=True)
    return pd.DataFrame(rows).T


if __name__ == "__main__":
    tables = sys.argv[1].split(",") if len(sys.argv) > 1 else ["breast_cancer", "wine"]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    warnings.simplefilter("ignore")
    pd.set_option("display.width", 160)
    for name in tables:
        result = run_table(name, seed)
        print(f"\n{name} (seed {seed}):")
        print(result.round(3).to_string())
        ctgan = result.loc["SDV CTGAN", "fit s"]
        for label in ("synthbook copula", "synthbook TVAE", "synthbook CTGAN"):
            print(f"{label}: fits in {result.loc[label, 'fit s'] / ctgan:.2f}x SDV CTGAN's time")
