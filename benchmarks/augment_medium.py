"""Throughput of the `medium` augmentation policy against albumentations
(target: >= 2x, and >= 10,000 images/s on 2 cores).

Ours: `augmentation_policy("medium", (32, 32, 3), flip=True)` (horizontal flip, rotation ±15°, zoom ±10%, Gaussian noise
σ=0.05, salt-and-pepper on 2% of pixels) over 8,192 images of 32x32x3 through `augment_tf_dataset`
(batched, parallel, prefetched).
Anchor, in the same process: the equivalent albumentations 2.0.8 `Compose` applied image by image (HorizontalFlip,
Affine(rotate ±15°, scale 0.9-1.1), GaussNoise(std 0.05), SaltAndPepper(amount 0.02)). The images are 32x32 crops of
scikit-learn's two bundled photographs. Benchmark-only dependency: pip install albumentations==2.0.8
Then each layer of the policy alone, to show where the time goes.
Run: python benchmarks/augment_medium.py [n_images] [batch_size]
"""

import os, sys, time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
from sklearn.datasets import load_sample_images


def photo_crops(n, size=32, seed=0):
    "`n` random size x size crops of the bundled photographs, float32 in [0, 1]."
    rng, photos = np.random.default_rng(seed), [im.astype(np.float32) / 255 for im in load_sample_images().images]
    out = np.empty((n, size, size, 3), np.float32)
    for i in range(n):
        p = photos[i % len(photos)]
        r, c = rng.integers(0, p.shape[0] - size), rng.integers(0, p.shape[1] - size)
        out[i] = p[r : r + size, c : c + size]
    return out


def rate(run, n, repeats):
    "Images per second of `run()` (which augments `n` images), best of `repeats` after one warm-up."
    run()
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    return n / best


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8192
    batch_size = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    x = photo_crops(n)
    import albumentations as A, cv2

    cv2.setNumThreads(1)
    anchor = A.Compose(
        [
            A.HorizontalFlip(p=0.5),
            A.Affine(rotate=(-15, 15), scale=(0.9, 1.1), border_mode=cv2.BORDER_REFLECT_101, p=1.0),
            A.GaussNoise(std_range=(0.05, 0.05), p=1.0),
            A.SaltAndPepper(amount=(0.02, 0.02), p=1.0),
        ],
        seed=0,
    )
    theirs = rate(lambda: [anchor(image=im)["image"] for im in x], n, 3)

    import tensorflow as tf
    from synthbook.augment import augmentation_policy, augment_tf_dataset

    policy = augmentation_policy("medium", (32, 32, 3), flip=True)
    d = augment_tf_dataset(tf.data.Dataset.from_tensor_slices(x).batch(batch_size), policy, seed=0)
    ours = rate(lambda: [b for b in d], n, 3)
    print(f"{n} images of 32x32x3, 'medium' policy, batch {batch_size}, {os.cpu_count()} CPU cores")
    print(f"albumentations {A.__version__} Compose, image by image: {theirs:,.0f} images/s")
    print(f"synthbook medium policy through tf.data:      {ours:,.0f} images/s")
    print(
        f"ratio: {ours / theirs:.2f}x (target >= 2x; and >= 10,000 images/s: {'met' if ours >= 10_000 else 'NOT met'})"
    )
    print("each layer alone (microseconds per image):")
    for layer in policy.layers:
        one = augment_tf_dataset(tf.data.Dataset.from_tensor_slices(x).batch(batch_size), [layer], seed=0)
        print(f"  {type(layer).__name__:22s} {1e6 / rate(lambda: [b for b in one], n, 3):6.1f}")
