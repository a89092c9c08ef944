r"""
Why it works, and faster ways to the same picture
=================================================

The previous page restored the picture with the loop of the post
:ref:`post-basics-autograd`: 20,000 fixed steps. This page measures why that works at
all (the weird function is linear and invertible), makes the same loop faster without
changing what it computes, and then reaches the picture from the same start with
better methods, in a small fraction of the time. For every iterative method, an
experiment on the page switches off the part that makes it fast and shows the speed-up vanish. The
sections marked (optional) use more mathematics and can be skipped.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
import math
import time

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.restoration import (
    psnr,
    restore_adam,
    restore_conjugate_gradient,
    restore_gradient_descent,
    restore_lbfgs,
    restore_sgd,
    sample_image,
    singular_value_range,
    weird_function,
    weird_function_inverse,
)

use_site_style()
torch.manual_seed(0)

# %%
# The page measures times, and runs on one thread so that they do not depend on how
# many cores the computer has; it gives the other threads back at the end.
threads = torch.get_num_threads()
torch.set_num_threads(1)

# %%
# The same problem
# ----------------
# The picture, the broken image and the random start are made as on the previous page;
# ``weird_function`` is the book's function from the package.
original = sample_image().flatten()
broken_image = weird_function(original)
start = torch.randn(10000, dtype=torch.float64)
print(f"PSNR of the random start: {psnr(start, original):.1f} dB")

# %%
# The weird function is linear
# ----------------------------
# Every round multiplies values by constants and adds them up, and a swap only moves
# values. So :math:`f(a x + b y) = a f(x) + b f(y)` for any numbers :math:`a, b` and
# signals :math:`x, y`. On two random signals, the two sides differ only by the
# rounding error of ``float64``:
x = torch.randn(10000, dtype=torch.float64)
y = torch.randn(10000, dtype=torch.float64)
a, b = 0.7, -1.3
both = weird_function(a * x + b * y)
separately = a * weird_function(x) + b * weird_function(y)
print(f"largest difference: {(both - separately).abs().max():.1e}")

# %%
# A linear function of 10,000 numbers is a 10,000 x 10,000 matrix :math:`A`, and
# restoring the picture means solving :math:`A x = b` for the broken image :math:`b`:
# a least-squares problem, :math:`\min_x \lVert A x - b \rVert`.
#
# Invertible, and well conditioned (optional)
# -------------------------------------------
# This section can be skipped on a first reading; the rest of the page does not
# depend on it. :math:`A` stretches vectors in some directions and shrinks them in
# others; the largest and smallest stretch factors are its largest and smallest
# *singular values*, and their ratio is the *condition number* :math:`\kappa`. They
# are measured here with Lanczos iterations (``singular_value_range``), a method that
# needs only products with :math:`A` and its transpose:
smallest, largest = singular_value_range()
condition = largest / smallest
print(f"sigma_min = {smallest:.5f}, sigma_max = {largest:.5f}")
print(f"condition number = {condition:.2f}")

# %%
# Each round's filter :math:`T` alone has singular values
# :math:`\sqrt{1 + 4\cos^2\theta_k}/3` with :math:`\theta_k = k\pi/10001`. Five rounds
# (the swaps change no lengths) stretch at most by the fifth power of its largest value
# and shrink at most by the fifth power of its smallest, so the fifth power of
# :math:`T`'s ratio bounds the condition number from above (Lanczos approaches it from
# below):
theta = torch.arange(1, 10001, dtype=torch.float64) * torch.pi / 10001
round_values = torch.sqrt(1 + 4 * torch.cos(theta) ** 2) / 3
bound = (round_values.max() / round_values.min()) ** 5
print(f"upper bound from the rounds: {bound:.2f}")
print(f"measured value within 0.1% of it: {condition <= bound < 1.001 * condition}")

# %%
# :math:`\sigma_{\min} > 0`: no direction is squashed to nothing, so the picture can
# be recovered exactly. The condition number bounds how much an error in the broken
# image can grow in the answer: a relative error :math:`\epsilon` in :math:`b` changes
# the exact answer by at most :math:`\kappa\,\epsilon` (relative). We add noise of
# relative size :math:`10^{-3}` to the broken image and solve exactly with
# ``weird_function_inverse`` (its last section explains it):
noise = torch.randn(10000, dtype=torch.float64)
noise = 1e-3 * broken_image.norm() * noise / noise.norm()
from_noisy = weird_function_inverse(broken_image + noise)
growth = ((from_noisy - original).norm() / original.norm()) / (noise.norm() / broken_image.norm())
print(f"relative error grew {growth:.1f}-fold (at most kappa = {condition:.1f})")
assert growth <= bound

# %%
# Same steps, faster code
# -----------------------
# A step of the post's loop runs many small operations on 10,000 numbers, forward and
# backward. Each operation has a fixed cost to start (and, under autograd, to record
# and to walk back) that does not depend on how many numbers it handles. Timing the
# book's function on 100 values and on 10,000 shows how large that fixed part is. Each
# time is the best of five runs of 100 calls, so that other programs running on the
# computer disturb it as little as possible:
def seconds_per_call(function, argument, calls=100, repeats=5):
    function(argument)  # a first call, not timed
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(calls):
            function(argument)
        best = min(best, (time.perf_counter() - started) / calls)
    return best


small = torch.randn(100, dtype=torch.float64)
small_seconds = seconds_per_call(weird_function, small)
large_seconds = seconds_per_call(weird_function, x)
print(f"book function, 100 values:    {small_seconds * 1e6:.0f} µs per call")
print(f"book function, 10,000 values: {large_seconds * 1e6:.0f} µs per call")
print(f"the fixed part: {small_seconds / large_seconds:.0%} of the time on 10,000 values")


# %%
# So the way to go faster is fewer operations. Padding once with zeros gives both
# shifted copies as views; the five factors :math:`1/3` become one division at the
# end; ``torch.roll`` swaps the halves. The result is the same to rounding:
def weird_function_vectorised(x):
    half = x.shape[0] // 2
    h = x
    for i in range(5):
        padded = F.pad(h, (1, 1))  # one zero past either end
        h = padded[2:] - padded[1:-1] - padded[:-2]  # 3 * (-h/3 - h_left/3 + h_right/3)
        if i % 2 == 0:
            h = torch.roll(h, -half)  # swap the halves
    return h / 3**5


print(
    f"largest difference from the book's: {(weird_function_vectorised(x) - weird_function(x)).abs().max():.1e}"
)
vectorised_call = seconds_per_call(weird_function_vectorised, x)
print(
    f"vectorised, 10,000 values: {vectorised_call * 1e6:.0f} µs per call, {large_seconds / vectorised_call:.1f}x faster than the book's"
)


# %%
# Autograd's backward pass through a linear function multiplies by the transpose
# :math:`A^\top` (the adjoint). We can write it ourselves: the rounds run backwards,
# each swap is undone and each filter mirrored. The dot-product test
# :math:`\langle A x, y\rangle = \langle x, A^\top y\rangle` and autograd's answer check it:
def weird_function_adjoint(y):
    half = y.shape[0] // 2
    h = y
    for i in reversed(range(5)):
        if i % 2 == 0:
            h = torch.roll(h, half)  # undo the swap
        padded = F.pad(h, (1, 1))
        h = padded[:-2] - padded[1:-1] - padded[2:]  # the mirrored filter
    return h / 3**5


x_tracked = x.clone().requires_grad_(True)
(by_autograd,) = torch.autograd.grad(weird_function(x_tracked), x_tracked, grad_outputs=y)
gap = torch.dot(weird_function(x), y) - torch.dot(x, weird_function_adjoint(y))
print(f"<Ax, y> - <x, A^T y> = {gap:.1e}")
print(
    f"largest difference from autograd: {(weird_function_adjoint(y) - by_autograd).abs().max():.1e}"
)


# %%
# Now the post's loop three ways, 200 steps from the same start, each timed three
# times (the best time counts): the book's function with autograd (as in the post),
# the vectorised function with autograd, and the vectorised function with the adjoint
# and no autograd at all. ``restore_gradient_descent`` is the post's loop in the
# package.
def timed(run, repeats=1):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return result, min(times)


steps = 200
book, book_seconds = timed(
    lambda: restore_gradient_descent(broken_image, start, steps=steps), repeats=3
)
vectorised, vectorised_seconds = timed(
    lambda: restore_gradient_descent(
        broken_image, start, steps=steps, forward=weird_function_vectorised
    ),
    repeats=3,
)
adjoint, adjoint_seconds = timed(
    lambda: restore_gradient_descent(
        broken_image,
        start,
        steps=steps,
        forward=weird_function_vectorised,
        adjoint=weird_function_adjoint,
    ),
    repeats=3,
)
print(f"book + autograd:       {book_seconds / steps * 1e3:.2f} ms per step")
print(
    f"vectorised + autograd: {vectorised_seconds / steps * 1e3:.2f} ms per step, {book_seconds / vectorised_seconds:.1f}x faster"
)
print(
    f"vectorised + adjoint:  {adjoint_seconds / steps * 1e3:.2f} ms per step, {book_seconds / adjoint_seconds:.1f}x faster"
)
print(f"largest difference from the post's steps: {(adjoint.image - book.image).abs().max():.1e}")

# %%
# Better methods
# --------------
# Faster code still takes the post's 20,000 steps: on the previous page the loop
# reached a PSNR of 40 dB only near their end. Better methods take far fewer, from the
# same start, each stopping at the first step with a PSNR of 40 dB or more:
#
# - ``torch.optim.SGD`` with momentum 0.9, on the post's loss and learning rate
#   (momentum and Adam are taught in
#   :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`);
# - ``torch.optim.Adam`` with ``lr=0.03``, on the post's loss;
# - ``torch.optim.LBFGS`` on the squared loss :math:`\lVert Ax - b \rVert^2 / 2`;
# - conjugate gradient on :math:`A^\top A x = A^\top b`, with :math:`A^\top` from
#   autograd and from ``weird_function_adjoint``;
# - the exact inverse ``weird_function_inverse``, which undoes the rounds with fast
#   Fourier transforms (FFTs) instead of taking steps.
#
# The package's solvers use the vectorised function. One untimed run comes first, so
# that work done only on first use is not counted.
restore_sgd(broken_image, start, steps=1)
target = {"reference": original, "target_psnr": 40.0}
sgd, sgd_seconds = timed(lambda: restore_sgd(broken_image, start, lr=0.8, momentum=0.9, **target))
adam, adam_seconds = timed(lambda: restore_adam(broken_image, start, lr=0.03, **target))
lbfgs, lbfgs_seconds = timed(lambda: restore_lbfgs(broken_image, start, **target))
cg, cg_seconds = timed(lambda: restore_conjugate_gradient(broken_image, start, **target))
cg_adjoint, cg_adjoint_seconds = timed(
    lambda: restore_conjugate_gradient(
        broken_image, start, adjoint=weird_function_adjoint, **target
    )
)
exact, exact_seconds = timed(lambda: weird_function_inverse(broken_image))
exact_loss = torch.dist(weird_function(exact), broken_image)


# %%
# The table lists, per method, the steps to 40 dB, the wall time, the final loss
# (``torch.dist``, as in the post) and the final PSNR. Every iterative method takes
# fewer than a tenth of the post's 20,000 steps.
def row(result, seconds):
    return f"{result.steps:>6,} {seconds:>9.3f} {result.losses[-1]:>11.2e} {result.psnrs[-1]:>8.1f}"


print(" steps   seconds  final loss  PSNR dB   method")
print(f"{row(sgd, sgd_seconds)}   SGD, momentum 0.9")
print(f"{row(adam, adam_seconds)}   Adam, lr 0.03")
print(f"{row(lbfgs, lbfgs_seconds)}   L-BFGS")
print(f"{row(cg, cg_seconds)}   conjugate gradient, autograd adjoint")
print(f"{row(cg_adjoint, cg_adjoint_seconds)}   conjugate gradient, explicit adjoint")
print(
    f"     - {exact_seconds:>9.3f} {exact_loss:>11.2e} {psnr(exact, original):>8.1f}   exact inverse"
)
assert max(sgd.steps, adam.steps, lbfgs.steps, cg.steps) < 20000 / 10

# %%
# And the post's loop? Its 20,000 steps, at the time per step measured above for the
# book's function with autograd, add up to:
seed_seconds = 20000 * book_seconds / steps
print(f"about {seed_seconds:.0f} s for the post's 20,000 steps")
print(
    f"{seed_seconds / cg_adjoint_seconds:,.0f}x the time of conjugate gradient with the explicit adjoint, {seed_seconds / exact_seconds:,.0f}x that of the exact inverse"
)

# %%
# The left panel shows the PSNR of the iterative methods step by step, the right one
# the wall time each method needed to reach 40 dB.
fig, (ax_steps, ax_time) = plt.subplots(1, 2, figsize=(7.5, 3.2))
ax_steps.semilogx(range(1, sgd.steps + 2), sgd.psnrs, label="SGD + momentum")
ax_steps.semilogx(range(1, adam.steps + 2), adam.psnrs, label="Adam")
ax_steps.semilogx(range(1, lbfgs.steps + 2), lbfgs.psnrs, label="L-BFGS")
ax_steps.semilogx(range(1, cg.steps + 2), cg.psnrs, label="conjugate gradient")
ax_steps.axhline(40, color="gray", linestyle="--")
ax_steps.set_xlabel("step")
ax_steps.set_ylabel("PSNR (dB)")
ax_steps.legend(fontsize=8)
seconds = [sgd_seconds, adam_seconds, lbfgs_seconds, cg_seconds, cg_adjoint_seconds, exact_seconds]
ax_time.barh(range(6), seconds, color=["C0", "C1", "C2", "C3", "C3", "C4"])
ax_time.set_xscale("log")
ax_time.set_yticks(range(6))
ax_time.set_yticklabels(
    ["SGD + momentum", "Adam", "L-BFGS", "CG, autograd", "CG, adjoint", "exact inverse"]
)
ax_time.invert_yaxis()
ax_time.set_xlabel("seconds to 40 dB")
fig.suptitle("Steps and time to a 40 dB picture, from the same start")
describe_figure(
    fig,
    "On the left, a line chart of the PSNR of the four iterative methods against the step "
    f"(log scale). All start at {sgd.psnrs[0]:.1f} dB and reach the dashed 40 dB line, "
    f"conjugate gradient after {cg.steps:,} steps, L-BFGS after {lbfgs.steps:,}, Adam after "
    f"{adam.steps:,} and SGD with momentum after {sgd.steps:,}. On the right, a horizontal bar "
    "chart of the seconds each of six methods took to reach 40 dB, on a log scale: SGD with "
    f"momentum is slowest at {sgd_seconds:.1f} s, the bars get shorter going down, and the "
    f"exact inverse finishes in {exact_seconds:.3f} s.",
)
plt.show()

# %%
# Why momentum is fast: switch it off
# -----------------------------------
# The iterative methods win by taking fewer steps. For each one we now switch off
# the part that should make it fast, and watch. First
# momentum: the same SGD with momentum 0 is the post's loop. After as many steps as
# SGD with momentum 0.9 needed, it is still far from the picture. And its consecutive
# steps there point the same way: the cosine between them (1 for two vectors that
# point the same way, -1 for opposite ones) is near 1. That is the case in which
# momentum's running velocity adds gradients up instead of letting them cancel.
plain = restore_gradient_descent(
    broken_image,
    start,
    steps=sgd.steps,
    forward=weird_function_vectorised,
    adjoint=weird_function_adjoint,
    reference=original,
)


def plain_step(x):
    residual = weird_function_vectorised(x) - broken_image
    return x - 0.8 * weird_function_adjoint(residual / residual.norm())


after_one = plain_step(plain.image)
after_two = plain_step(after_one)
first, second = after_one - plain.image, after_two - after_one
print(f"after {sgd.steps:,} steps: momentum 0.9 {sgd.psnrs[-1]:.1f} dB, momentum 0 {plain.psnrs[-1]:.1f} dB")
print(
    f"cosine between consecutive steps of the plain loop: {torch.dot(first, second) / (first.norm() * second.norm()):.6f}"
)
assert plain.psnrs[-1] < 20


# %%
# Momentum's velocity :math:`v \leftarrow 0.9\,v + g` (as in
# :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`) does add them up. We
# write momentum out in a few lines, with the gradient from the adjoint, check that it
# takes the same steps as ``torch.optim.SGD``, and measure how long the velocity is,
# after half the steps that momentum needed to reach 40 dB, compared with one gradient:
def momentum_steps(steps, momentum=0.9):
    x, velocity = start.clone(), torch.zeros_like(start)
    for _ in range(steps):
        residual = weird_function_vectorised(x) - broken_image
        gradient = weird_function_adjoint(residual / residual.norm())  # of torch.dist
        velocity = momentum * velocity + gradient
        x = x - 0.8 * velocity
    return x, (velocity.norm() / gradient.norm()).item()


difference = (momentum_steps(100)[0] - restore_sgd(broken_image, start, steps=100).image).abs().max()
print(f"after 100 steps, largest difference from torch.optim.SGD: {difference:.1e}")
ratio = momentum_steps(sgd.steps // 2)[1]
print(f"after {sgd.steps // 2:,} steps: length of velocity / length of gradient = {ratio:.2f}")
assert difference < 1e-10 and 9 < ratio < 11

# %%
# Momentum's step, :math:`\text{lr}\cdot v`, is there about :math:`1/(1 - 0.9) = 10`
# times as long as the step of the post's loop from the same point,
# :math:`\text{lr}\cdot g`.


# %%
# What makes Adam fast here: switch its parts off
# -----------------------------------------------
# Adam keeps running averages of each value's gradient (with factor
# :math:`\beta_1 = 0.9`) and of its square, and divides the first by the square root
# of the second, so every value gets its own step size. To switch its parts off one
# at a time we write Adam out in a few lines, with the gradient from the adjoint. It
# also reports, for the last step, the cosine between the last two gradients and the
# mean size of a value's move divided by ``lr``. Over 100 steps it reproduces
# ``torch.optim.Adam`` (over hundreds of steps tiny rounding differences grow until the
# two differ visibly, so from then on we compare three versions of our own code with
# each other):
def adam_steps(steps, *, per_element=True, beta1=0.9, lr=0.03):
    x, m, v = start.clone(), torch.zeros_like(start), torch.zeros_like(start)
    gradient = None
    for k in range(1, steps + 1):
        residual = weird_function_vectorised(x) - broken_image
        previous, gradient = gradient, weird_function_adjoint(residual / residual.norm())
        m = beta1 * m + (1 - beta1) * gradient
        v = 0.999 * v + 0.001 * gradient**2
        m_hat, v_hat = m / (1 - beta1**k), v / (1 - 0.999**k)
        scale = v_hat.sqrt() if per_element else v_hat.mean().sqrt()
        move = lr * m_hat / (scale + 1e-8)
        x = x - move
    flip = torch.dot(gradient, previous) / (gradient.norm() * previous.norm())
    return x, flip.item(), (move.abs().mean() / lr).item()


reference_100 = restore_adam(broken_image, start, lr=0.03, steps=100).image
difference = (adam_steps(100)[0] - reference_100).abs().max().item()
print(f"after 100 steps, largest difference from torch.optim.Adam: {difference:.1e}")
assert difference < 1e-8

# %%
# Now the same number of steps with one step size shared by all values (the mean of
# the squares instead of each value's own), and without the running average of the
# gradients (:math:`\beta_1 = 0`):
own, own_flip, own_move = adam_steps(adam.steps)
shared = adam_steps(adam.steps, per_element=False)[0]
no_average, no_average_flip, no_average_move = adam_steps(adam.steps, beta1=0.0)
print(f"after {adam.steps} steps: Adam {psnr(own, original):.1f} dB")
print(f"  one shared step size:      {psnr(shared, original):.1f} dB")
print(f"  no average of gradients:   {psnr(no_average, original):.1f} dB")
assert psnr(shared, original) >= psnr(own, original) - 1
assert psnr(no_average, original) < psnr(own, original) - 5

# %%
# Giving each pixel its own step size is not what makes Adam fast on this problem:
# with one shared step size it does at least as well. The running average of the
# gradients is: without it, Adam falls far behind. What the average does shows in the
# last step of both runs:
print(f"cosine of the last two gradients: Adam {own_flip:+.2f}, no average {no_average_flip:+.2f}")
print(f"mean move of a value / lr:        Adam {own_move:.2f},  no average {no_average_move:.2f}")
assert own_flip < -0.5 and no_average_flip < -0.5 and own_move < 0.2 < 0.8 < no_average_move

# %%
# In both runs consecutive gradients now point roughly in opposite directions: the
# values are bouncing back and forth (the optional sections of the previous page
# measure such a back-and-forth for the post's loop). Adam divides by the running size
# of each value's gradient, so without the average every value still moves by about
# ``lr`` at each step, back and forth. With the average, gradients that flip their
# sign cancel, and the values move by a few percent of ``lr``. Unlike momentum's
# velocity, Adam's average does not add gradients up: being an average, it is never
# longer than the longest of them.
#
# Why L-BFGS and conjugate gradient are fast (optional)
# -----------------------------------------------------
# This section can be skipped on a first reading; nothing later depends on it.
# Neither method needs a tuned learning rate, and both use what earlier steps have
# learned: L-BFGS sizes its steps from the last few steps and how the gradient changed
# along them, and conjugate gradient adds to each new gradient a part of its previous
# direction, chosen so that the new step does not undo the progress of the earlier
# ones (and computes the best step length along it). Switching that memory off
# leaves a step along the gradient. The best such step, with the best step length
# along the gradient, is *steepest descent*; it is conjugate gradient's own loop with
# the direction update removed:
def steepest_descent(steps):
    x = start.clone()
    residual = broken_image - weird_function_vectorised(x)
    psnrs = [psnr(x, original)]
    for _ in range(steps):
        gradient = weird_function_adjoint(residual)
        image = weird_function_vectorised(gradient)
        length = torch.dot(gradient, gradient) / torch.dot(image, image)  # the best length
        x = x + length * gradient
        residual = residual - length * image
        psnrs.append(psnr(x, original))
        if psnrs[-1] >= 40:
            break
    return psnrs


descent = steepest_descent(10000)
print(f"steepest descent at step {lbfgs.steps}: {descent[lbfgs.steps]:.1f} dB (L-BFGS: 40 dB)")
print(f"steepest descent at step {cg.steps}: {descent[cg.steps]:.1f} dB (conjugate gradient: 40 dB)")
print(f"steepest descent reaches 40 dB at step {len(descent) - 1:,}")
assert descent[lbfgs.steps] < 20 and descent[cg.steps] < 20

# %%
# Without the memory, even the best step along the gradient needs many times more
# steps. The standard convergence bounds say the same: for the same gain in accuracy,
# steepest descent needs at most a number of steps proportional to :math:`\kappa^2`,
# conjugate gradient proportional to :math:`\kappa`. Their ratio here is of the order
# of :math:`\kappa`:
print(f"steps ratio: {(len(descent) - 1) / cg.steps:.0f}, kappa = {condition:.0f}")

# %%
# The explicit adjoint
# --------------------
# Conjugate gradient with the explicit adjoint takes the same steps as with autograd's
# (autograd records the weird function's graph once and walks it back at every step;
# the explicit adjoint is a few tensor operations). Same result, less time per step:
print(f"largest difference: {(cg_adjoint.image - cg.image).abs().max():.1e}")
assert torch.allclose(cg_adjoint.image, cg.image)
print(
    f"time per step: autograd {cg_seconds / cg.steps * 1e3:.2f} ms, explicit adjoint {cg_adjoint_seconds / cg_adjoint.steps * 1e3:.2f} ms"
)


# %%
# The exact inverse (optional)
# ----------------------------
# This section can be skipped on a first reading; nothing later depends on it. The
# exact inverse takes no steps at all. One round's filter :math:`T` has a known set of
# vectors that it only multiplies by a number (eigenvectors): sine waves
# :math:`\sin((j + 1)\theta_k)` with the phases :math:`1, i, -1, -i` repeating, each
# multiplied by :math:`\lambda_k = (-1 + 2i\cos\theta_k)/3`. We check a few of them:
def one_round(h):
    padded = F.pad(h, (1, 1))
    return (padded[2:] - padded[1:-1] - padded[:-2]) / 3


j = torch.arange(10000, dtype=torch.float64)
phases = torch.tensor([1, 1j, -1, -1j], dtype=torch.complex128)[torch.arange(10000) % 4]
for k in (1, 2500, 5000, 10000):
    angle = k * math.pi / 10001
    wave = phases * torch.sin((j + 1) * angle)
    eigenvalue = complex(-1, 2 * math.cos(angle)) / 3
    print(f"k = {k:>5}: |T wave - lambda wave| <= {(one_round(wave) - eigenvalue * wave).abs().max():.1e}")
torch.set_num_threads(threads)  # the computing is done: give the threads back

# %%
# In the basis of these waves, undoing the rounds between two swaps means dividing by
# a power of :math:`\lambda_k`. Changing into that basis and back is a discrete sine
# transform (DST), which ``torch.fft.fft`` computes fast; so ``weird_function_inverse``
# costs a handful of FFTs and no steps, and is exact up to rounding (the table's loss
# and PSNR).
#
# Summary
# -------
# - The weird function is linear and invertible: restoring the picture is a
#   least-squares problem (optional: with a modest condition number).
# - The same 20,000 steps run faster with fewer, larger operations and without
#   autograd; much of the post's loop's time is the fixed cost of many small
#   operations.
# - Better methods need far fewer steps, and each one's advantage disappears when its
#   key part is switched off: momentum, Adam's running average of the gradients (not
#   its per-pixel step sizes), the memory of L-BFGS and conjugate gradient. The exact
#   inverse needs no steps.
#
# Next: :ref:`sphx_glr_auto_examples_modules_plot_01_module_map.py`
#
# PyTorch API: `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.optim.Adam <https://docs.pytorch.org/docs/stable/generated/torch.optim.Adam.html>`_,
# `torch.optim.LBFGS <https://docs.pytorch.org/docs/stable/generated/torch.optim.LBFGS.html>`_,
# `torch.autograd.grad <https://docs.pytorch.org/docs/stable/generated/torch.autograd.grad.html>`_,
# `torch.nn.functional.pad <https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.pad.html>`_,
# `torch.roll <https://docs.pytorch.org/docs/stable/generated/torch.roll.html>`_,
# `torch.fft.fft <https://docs.pytorch.org/docs/stable/generated/torch.fft.fft.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** The linearity check printed the largest difference between
#    ``both`` and ``separately``. What do ``torch.equal(both, separately)`` and
#    ``torch.allclose(both, separately)`` print?
# 2. **Change one thing and explain.** In ``weird_function_vectorised``, change
#    ``torch.roll(h, -half)`` to ``torch.roll(h, half)``. Does it still match the book's
#    function on the page's 10,000 values? And on a signal of 7 values?
# 3. **Write it.** ``plain_step`` and ``momentum_steps`` compute the gradient of the
#    post's loss by hand: ``weird_function_adjoint(r / r.norm())`` with
#    ``r = weird_function(x) - broken_image``. Check that formula: compute the gradient of
#    ``torch.dist(weird_function(x), broken_image)`` at ``x = start`` with
#    ``torch.autograd.grad`` and compare.
# 4. **Predict, then run.** Momentum's velocity is :math:`v \leftarrow 0.9\,v + g`. Start
#    from :math:`v = 0` and take 50 steps with the same gradient :math:`g = 1` every time:
#    about how large is :math:`v`? And when the gradient flips its sign at every step
#    (1, -1, 1, ...)?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``False``, then ``True``. The two sides are equal in exact arithmetic, but they are
# computed by different operations in a different order (combine the signals first, or
# run the function first). Floating-point operations round their results, so the result
# depends on the order, and many values differ in their last digits. ``torch.equal``
# asks for every value to be exactly the same; ``torch.allclose`` allows a small
# tolerance, which is the check to use for computed floating-point numbers.
print(f"(0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3): {(0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3)}")
differing = (both != separately).sum().item()
print(f"values that differ: {differing:,} of {both.numel():,}")
print(f"torch.equal: {torch.equal(both, separately)}, torch.allclose: {torch.allclose(both, separately)}")
assert (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3)
assert differing > 0 and not torch.equal(both, separately) and torch.allclose(both, separately)

# %%
# Answer 2
# ^^^^^^^^
# On 10,000 values nothing changes: rolling by 5,000 forward or 5,000 backward puts every
# value in the same place, because 5,000 + 5,000 is the whole length. On 7 values,
# ``half`` is 3, and 3 places forward is not 3 places back: only ``-half`` matches the
# book's swap, ``torch.cat((h[half:], h[:half]))``.
def weird_function_other_way(x):
    half = x.shape[0] // 2
    h = x
    for i in range(5):
        padded = F.pad(h, (1, 1))
        h = padded[2:] - padded[1:-1] - padded[:-2]
        if i % 2 == 0:
            h = torch.roll(h, half)  # +half instead of -half
    return h / 3**5


for length in (6, 7):
    values = torch.arange(length)
    print(f"arange({length}): roll +3 {torch.roll(values, 3).tolist()}, roll -3 {torch.roll(values, -3).tolist()}")
short = torch.randn(7, dtype=torch.float64)
matches = {}
for signal in (x, short):
    book_output = weird_function(signal)
    matches[signal.shape[0]] = (
        torch.allclose(weird_function_vectorised(signal), book_output),
        torch.allclose(weird_function_other_way(signal), book_output),
    )
    print(f"{signal.shape[0]:,} values, same as the book's: -half {matches[signal.shape[0]][0]}, +half {matches[signal.shape[0]][1]}")
assert matches[10000] == (True, True) and matches[7] == (True, False)

# %%
# Answer 3
# ^^^^^^^^
# They agree. The loss is the length :math:`\lVert r \rVert` of :math:`r = Ax - b`; its
# gradient with respect to :math:`r` is :math:`r / \lVert r \rVert`, and the backward pass
# through the linear weird function multiplies that by :math:`A^\top`, which is what
# ``weird_function_adjoint`` computes.
candidate = start.clone().requires_grad_(True)
(by_autograd,) = torch.autograd.grad(torch.dist(weird_function(candidate), broken_image), candidate)
r = weird_function(start) - broken_image
by_formula = weird_function_adjoint(r / r.norm())
print(f"largest difference: {(by_autograd - by_formula).abs().max():.1e}")
assert torch.allclose(by_autograd, by_formula)

# %%
# Answer 4
# ^^^^^^^^
# With the same gradient, :math:`v = 1 + 0.9 + 0.9^2 + \dots` grows towards
# :math:`1 / (1 - 0.9) = 10`: the gradients add up. When the sign flips, the terms
# alternate and mostly cancel: :math:`v` swings from one side to the other, its size
# settles near :math:`1 / (1 + 0.9) \approx 0.53` (a little above it after an odd number
# of steps, a little below after an even one) and is never more than 1, the size of one
# gradient. Where it was measured above (after as many steps as momentum needed to reach
# 40 dB), the plain loop's consecutive steps point the same way (cosine near 1): the first
# case, where momentum helps.
same_sign, flipping = 0.0, 0.0
flipping_sizes = []
for k in range(50):
    same_sign = 0.9 * same_sign + 1.0
    flipping = 0.9 * flipping + (-1.0) ** k
    flipping_sizes.append(abs(flipping))
print(f"same gradient:     v = {same_sign:+.4f}   (1 / (1 - 0.9) = {1 / (1 - 0.9):.4f})")
print(f"flipping gradient: v = {flipping:+.4f}   (1 / (1 + 0.9) = {1 / (1 + 0.9):.4f})")
print(
    f"flipping gradient, size of v after steps 49 and 50: {flipping_sizes[-2]:.4f}, {flipping_sizes[-1]:.4f}"
)
print(f"flipping gradient, largest size of v over the 50 steps: {max(flipping_sizes):.4f}")
assert 9.9 < same_sign < 10 and flipping_sizes[-1] < 1 / (1 + 0.9) < flipping_sizes[-2]
assert max(flipping_sizes) <= 1 and abs(flipping_sizes[-1] - 1 / (1 + 0.9)) < 0.01
