"""Training speed of synthbook's DiffusionModel against the keras.io DDIM example's training step (target: >= 1.5x).

Anchor: a re-implementation of the training step of the keras.io example "Denoising Diffusion Implicit Models"
(keras-io examples/generative/ddim.py): the images normalised by an adapted `Normalization` layer, a normal noise
and a uniform diffusion time per image, its offset-cosine schedule (signal rates from 0.95 down to 0.02), the network
predicting the noise, the image recovered from it, a mean-absolute-error loss on the noise (the image loss tracked as
a metric), AdamW(1e-3, weight decay 1e-4), and a second network holding the exponential moving average of the weights
(0.999), updated weight by weight after every step; data `from_tensor_slices(...).shuffle(...).batch(64)`, `fit`
with the defaults. Its network is replaced by ours, so that both sides run the same architecture: the denoiser
`synthbook.diffusion.build_denoiser` builds (a U-Net at 28x28, a residual perceptron at 8x8), class-conditional.
Ours, in the same process: `DiffusionModel` with the same denoiser, trained as `synthbook_generate` trains it
(Adam with a cosine-decaying rate and the optimiser's own weight average, `resumable_batches`), with
`compile(steps_per_execution=S)`; measured twice: in float32 like the anchor, and with precision="mixed_bfloat16" (bf16
compute, float32 weights, time code and output), which needs a CPU with bf16 support (AVX512_BF16 or AMX) to pay off.
Also timed: the same float32 network's forward and backward pass alone (gradients computed, not applied), the
ceiling of any float32 training step around that network.
Data: the digits resized to 28x28, and at their own 8x8. Each rate is the best of `repeats` timed `fit` calls of
`steps` steps after a warm-up call that traces the step, the models timed in interleaved rounds, so that load from
other work on the machine falls on both alike.
Run: python benchmarks/diffusion_keras_io.py [steps] [repeats] [steps_per_execution]
"""

import os, sys, time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras
import tensorflow as tf
from keras import ops


class KerasIODDIM(keras.Model):
    "The keras.io DDIM example's training step, around a class-conditional `network`."

    def __init__(self, network, n_classes, max_signal_rate=0.95, min_signal_rate=0.02, ema=0.999):
        super().__init__()
        self.normalizer = keras.layers.Normalization()
        self.network, self.ema_network = network, keras.models.clone_model(network)
        self.n_classes, self.ema = n_classes, ema
        self.start_angle, self.end_angle = float(np.arccos(max_signal_rate)), float(np.arccos(min_signal_rate))
        self.noise_loss_tracker = keras.metrics.Mean(name="n_loss")
        self.image_loss_tracker = keras.metrics.Mean(name="i_loss")

    @property
    def metrics(self):
        return [self.noise_loss_tracker, self.image_loss_tracker]

    def diffusion_schedule(self, diffusion_times):
        angles = self.start_angle + diffusion_times * (self.end_angle - self.start_angle)
        return ops.sin(angles), ops.cos(angles)  # noise rates, signal rates

    def denoise(self, noisy_images, noise_rates, signal_rates, codes, training):
        network = self.network if training else self.ema_network
        times = ops.reshape(noise_rates**2, (-1,))
        pred_noises = network([noisy_images, times, codes], training=training)
        return pred_noises, (noisy_images - noise_rates * pred_noises) / signal_rates

    def train_step(self, data):
        images, labels = data
        images = self.normalizer(images, training=True)
        n = ops.shape(images)[0]
        noises = keras.random.normal(ops.shape(images))
        diffusion_times = keras.random.uniform((n, 1, 1, 1), minval=0.0, maxval=1.0)
        noise_rates, signal_rates = self.diffusion_schedule(diffusion_times)
        noisy_images = signal_rates * images + noise_rates * noises
        codes = ops.one_hot(ops.cast(labels, "int32"), self.n_classes + 1)
        with tf.GradientTape() as tape:
            pred_noises, pred_images = self.denoise(noisy_images, noise_rates, signal_rates, codes, training=True)
            noise_loss = self.loss(noises, pred_noises)
            image_loss = self.loss(images, pred_images)
        gradients = tape.gradient(noise_loss, self.network.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.network.trainable_weights))
        self.noise_loss_tracker.update_state(noise_loss)
        self.image_loss_tracker.update_state(image_loss)
        for weight, ema_weight in zip(self.network.weights, self.ema_network.weights):
            ema_weight.assign(self.ema * ema_weight + (1 - self.ema) * weight)
        return {m.name: m.result() for m in self.metrics}


class NetworkAlone(keras.Model):
    "The denoiser's forward and backward pass alone, gradients computed and not applied: no step around it is faster."

    def __init__(self, network, n_classes):
        super().__init__()
        self.network, self.n_classes = network, n_classes

    def train_step(self, data):
        images, labels = data
        times = keras.random.uniform(ops.shape(images)[:1])
        codes = ops.one_hot(ops.cast(labels, "int32"), self.n_classes + 1)
        with tf.GradientTape() as tape:
            loss = ops.mean(ops.square(self.network([images, times, codes], training=True)))
        return {"loss": loss, "grad_norm": tf.linalg.global_norm(tape.gradient(loss, self.network.trainable_weights))}


def steps_per_second(runs, steps, repeats):
    "Best steps/s of each `(model, data)` in `runs` over `repeats` rounds of `steps` steps, after a warm-up."
    for model, data in runs.values():
        model.fit(data, epochs=1, steps_per_epoch=steps, verbose=0)
    best = {name: float("inf") for name in runs}
    for _ in range(repeats):  # interleaved, so that load from other work on the machine falls on every model alike
        for name, (model, data) in runs.items():
            t = time.perf_counter()
            model.fit(data, epochs=1, steps_per_epoch=steps, verbose=0)
            best[name] = min(best[name], time.perf_counter() - t)
    return {name: steps / b for name, b in best.items()}


def compare(x, y, n_classes, steps, repeats, spe):
    "The anchor's and our steps/s on images `x` with labels `y`, the same denoiser on both sides."
    from synthbook.diffusion import DiffusionModel, build_denoiser
    from synthbook.gan import resumable_batches

    theirs = KerasIODDIM(build_denoiser(x.shape[1:], n_classes, seed=0), n_classes)
    theirs.normalizer.adapt(x)
    theirs.compile(
        optimizer=keras.optimizers.AdamW(learning_rate=1e-3, weight_decay=1e-4), loss=keras.losses.mean_absolute_error
    )
    their_data = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(1024).batch(64, drop_remainder=True).repeat()
    alone = NetworkAlone(build_denoiser(x.shape[1:], n_classes, seed=0), n_classes)
    alone.compile()
    runs = {"keras.io": (theirs, their_data), "network alone": (alone, their_data)}
    for precision in ("float32", "mixed_bfloat16"):
        ours = DiffusionModel(x.shape[1:], n_classes=n_classes, seed=0, precision=precision)
        schedule = keras.optimizers.schedules.CosineDecay(2e-3, 10 * steps * (repeats + 1))
        ours.compile(optimizer=keras.optimizers.Adam(schedule, use_ema=True), steps_per_execution=spe)
        assert ours.denoiser.count_params() == theirs.network.count_params()
        runs[precision] = (ours, resumable_batches(x, y, 64, 0))
    return steps_per_second(runs, steps, repeats), theirs.network.count_params()


if __name__ == "__main__":
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    spe = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    from synthbook.data import load_dataset

    digits = load_dataset("digits")
    x28 = np.clip(tf.image.resize(digits.x, (28, 28)).numpy(), 0, 1).astype(np.float32)
    keras.utils.set_random_seed(0)  # the anchor draws from Keras's global seed, as the example does
    print(f"{steps} steps of batch 64, best of {repeats} interleaved rounds; ours with steps_per_execution={spe}")
    for name, x in (("28x28 U-Net", x28), ("8x8 perceptron", digits.x)):
        rates, n_params = compare(x, digits.y, len(digits.class_names), steps, repeats, spe)
        a, b, c, d = (rates[k] for k in ("keras.io", "float32", "mixed_bfloat16", "network alone"))
        print(
            f"{name} ({n_params:,} parameters): keras.io DDIM step {a:6.1f} steps/s, ours float32 {b:6.1f} "
            f"({b / a:.2f}x), ours mixed_bfloat16 {c:6.1f} ({c / a:.2f}x); the float32 network's forward and "
            f"backward pass alone {d:6.1f} ({d / a:.2f}x, the most any float32 step could reach)"
        )
