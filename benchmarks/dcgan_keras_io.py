"""Training speed of synthbook's DCGAN against the keras.io "customizing fit()" GAN (target: >= 1.5x its steps/s).

Anchor: a re-implementation of the GAN at the end of the Keras guide "Customizing what happens in `fit()` with
TensorFlow" (keras-io guides/custom_train_step_in_tensorflow.py), MNIST-size variant: generator Dense(7*7*128) ->
LeakyReLU -> Reshape -> two Conv2DTranspose(128, 4, strides=2) with LeakyReLU -> Conv2D(1, 7, sigmoid); discriminator
Conv2D(64, 3, s2) -> Conv2D(128, 3, s2) with LeakyReLU -> GlobalMaxPooling2D -> Dense(1); latent 128, batch 64,
Adam(3e-4) for both, BCE from logits, its alternating train_step (D on fakes+reals with noisy labels, then G on new z),
data `from_tensor_slices(x).shuffle(1024).batch(64)`, `fit` with the defaults.
Ours, in the same process: `synthbook.gan.DCGAN(image_shape=(28, 28, 1), latent_dim=128, width=128)`, the same two
networks and parameter count (its output convolution is `TapConv2D`: Conv2D's weights and function, computed as a 1x1
projection onto the kernel taps and a one-hot depthwise shift, because oneDNN's Conv2D with one output channel is slow),
Adam(3e-4) for both, `gan_dataset`, `compile(steps_per_execution=S)` and the fused simultaneous step; measured twice: in
float32 like the anchor, and with precision="mixed_bfloat16" (bf16 compute, float32 weights and outputs), which needs a
CPU with bf16 support (AVX512_BF16 or AMX) to pay off.
Data: MNIST from the Keras cache when it is there, else scikit-learn's digits resized to 28x28 (same shapes, same cost).
Each rate is the best of `repeats` timed `fit` calls of `steps` steps, after a warm-up call that traces the step; the
models are timed in interleaved rounds, so that load from other work on the machine falls on all of them alike.
Measured (2-core AMD EPYC, shared; `100 3`): keras.io 3.23 / 3.27 steps/s; float32 5.98 / 6.16 (1.85x / 1.88x);
mixed_bfloat16 8.14 / 8.26 (2.52x / 2.52x). With the plain Conv2D output layer, float32 was 1.14x in the same setting.
Run: python benchmarks/dcgan_keras_io.py [steps] [repeats] [steps_per_execution]
"""

import os, sys, time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras
import tensorflow as tf
from keras import layers


def keras_io_models(latent_dim=128):
    "The guide's discriminator and generator, layer for layer."
    discriminator = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(64, (3, 3), strides=(2, 2), padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Conv2D(128, (3, 3), strides=(2, 2), padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.GlobalMaxPooling2D(),
            layers.Dense(1),
        ],
        name="discriminator",
    )
    generator = keras.Sequential(
        [
            keras.Input((latent_dim,)),
            layers.Dense(7 * 7 * 128),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Reshape((7, 7, 128)),
            layers.Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same"),
            layers.LeakyReLU(negative_slope=0.2),
            layers.Conv2D(1, (7, 7), padding="same", activation="sigmoid"),
        ],
        name="generator",
    )
    return discriminator, generator


class KerasIOGAN(keras.Model):
    "The guide's GAN: alternating D and G updates, fakes labelled 1 and reals 0, label noise."

    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator, self.generator, self.latent_dim = discriminator, generator, latent_dim
        self.d_loss_tracker, self.g_loss_tracker = keras.metrics.Mean(name="d_loss"), keras.metrics.Mean(name="g_loss")
        self.seed_generator = keras.random.SeedGenerator(1337)

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer, self.g_optimizer, self.loss_fn = d_optimizer, g_optimizer, loss_fn

    def train_step(self, real_images):
        if isinstance(real_images, tuple):
            real_images = real_images[0]
        batch_size = tf.shape(real_images)[0]
        z = keras.random.normal(shape=(batch_size, self.latent_dim), seed=self.seed_generator)
        combined = tf.concat([self.generator(z), real_images], axis=0)
        labels = tf.concat([tf.ones((batch_size, 1)), tf.zeros((tf.shape(real_images)[0], 1))], axis=0)
        labels += 0.05 * keras.random.uniform(tf.shape(labels), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            d_loss = self.loss_fn(labels, self.discriminator(combined))
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply(grads, self.discriminator.trainable_weights)
        z = keras.random.normal(shape=(batch_size, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            g_loss = self.loss_fn(tf.zeros((batch_size, 1)), self.discriminator(self.generator(z)))
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply(grads, self.generator.trainable_weights)
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


def images_28():
    "MNIST training images if cached, else the digits resized to 28x28; float32 in [0, 1]."
    from synthbook.data import load_dataset, keras_cache_dir

    if (keras_cache_dir() / "mnist.npz").exists():
        return load_dataset("mnist").x, "mnist"
    x = load_dataset("digits").x
    return np.clip(tf.image.resize(x, (28, 28)).numpy(), 0, 1).astype(np.float32), "digits resized to 28x28"


def steps_per_second(runs, steps, repeats):
    "Best steps/s of each `(model, data)` in `runs` over `repeats` rounds of `steps` steps, after a warm-up."
    for model, data in runs.values():
        model.fit(data.take(steps), epochs=1, verbose=0)
    best = {name: float("inf") for name in runs}
    for _ in range(repeats):  # interleaved, so that load from other work on the machine falls on every model alike
        for name, (model, data) in runs.items():
            t = time.perf_counter()
            model.fit(data.take(steps), epochs=1, verbose=0)
            best[name] = min(best[name], time.perf_counter() - t)
    return {name: steps / b for name, b in best.items()}


if __name__ == "__main__":
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    spe = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    from synthbook.gan import DCGAN, gan_dataset

    x, source = images_28()
    keras.utils.set_random_seed(0)
    theirs = KerasIOGAN(*keras_io_models(), latent_dim=128)
    theirs.compile(
        keras.optimizers.Adam(3e-4), keras.optimizers.Adam(3e-4), keras.losses.BinaryCrossentropy(from_logits=True)
    )
    their_data = tf.data.Dataset.from_tensor_slices(x).shuffle(buffer_size=1024).batch(64).repeat()
    n_params = lambda m: m.generator.count_params() + m.discriminator.count_params()
    runs = {"keras.io": (theirs, their_data)}
    for precision in ("float32", "mixed_bfloat16"):
        ours = DCGAN((28, 28, 1), latent_dim=128, width=128, precision=precision)
        ours.compile(keras.optimizers.Adam(3e-4), keras.optimizers.Adam(3e-4), steps_per_execution=spe)
        assert n_params(theirs) == n_params(ours), (n_params(theirs), n_params(ours))
        runs[precision] = (ours, gan_dataset(x, model=ours, batch_size=64).repeat())
    rates = steps_per_second(runs, steps, repeats)
    a = rates.pop("keras.io")
    print(
        f"data: {source}, {len(x)} images; {steps} steps of batch 64, best of {repeats} interleaved rounds; "
        f"{n_params(ours):,} parameters each"
    )
    print(f"keras.io GAN:                     {a:6.2f} steps/s")
    for precision, b in rates.items():
        print(
            f"synthbook DCGAN {precision:>14}:  {b:6.2f} steps/s  ratio {b / a:.2f}x  "
            f"(fused step, TapConv2D output layer, steps_per_execution={spe})"
        )
