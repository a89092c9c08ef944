r"""
Why it works, and faster ways to the same picture
=================================================

The previous page restored the picture with the original lesson's loop: 20,000 fixed
steps. This page measures why that works at all (the weird function is linear and
invertible), makes the same loop faster without changing what it computes, and then
reaches the picture from the same start with better methods, in a small fraction of the
time.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
import time

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from pytorch_basics.plotting import use_site_style
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
# One thread for small tensors
# ----------------------------
# The computations on this page handle 10,000 numbers at a time, too few to share
# between threads with profit: threads would mostly wait for each other, and much
# longer while another program keeps the CPU busy. So the page uses one thread, which
# also keeps its timings steady, and gives the others back at the end.
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
# Invertible, and well conditioned
# --------------------------------
# :math:`A` stretches some directions and shrinks others; the extremes are its largest
# and smallest singular values, and their ratio is the condition number. Measured with
# Lanczos iterations (``singular_value_range``):
smallest, largest = singular_value_range()
condition = largest / smallest
print(f"sigma_min = {smallest:.5f}, sigma_max = {largest:.5f}")
print(f"condition number = {condition:.2f}")

# %%
# Each round's filter :math:`T` alone has singular values
# :math:`\sqrt{1 + 4\cos^2\theta_k}/3` with :math:`\theta_k = k\pi/10001`. Five rounds
# (the swaps change no lengths) stretch at most by the fifth power of its largest value
# and shrink at most by the fifth power of its smallest, so the fifth power of
# :math:`T`'s ratio bounds the condition number from above:
theta = torch.arange(1, 10001, dtype=torch.float64) * torch.pi / 10001
round_values = torch.sqrt(1 + 4 * torch.cos(theta) ** 2) / 3
bound = (round_values.max() / round_values.min()) ** 5
print(f"upper bound from the rounds: {bound:.2f}")
print(f"measured value within 0.1% of it: {condition <= bound < 1.001 * condition}")


# %%
# :math:`\sigma_{\min} > 0`: nothing is lost, the picture can be recovered exactly.
# A condition number in the tens means the problem is well posed: a small error in the
# broken image changes the answer only by a moderate factor, and solvers converge fast.
#
# Same steps, faster code
# -----------------------
# A step of the lesson's loop runs many small operations on 10,000 numbers, forward and
# backward. Each operation has a fixed cost to start (and, under autograd, to record and to walk
# back) that does not depend on how many numbers it handles. Timing the book's
# function on 100 values and on 10,000 shows how large that fixed part is:
def seconds_per_call(function, argument, repeats=500):
    started = time.perf_counter()
    for _ in range(repeats):
        function(argument)
    return (time.perf_counter() - started) / repeats


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
print(
    f"vectorised, 10,000 values: {seconds_per_call(weird_function_vectorised, x) * 1e6:.0f} µs per call"
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
# Now the lesson's loop three ways, 200 steps from the same start, each timed three
# times (the best time counts): the book's function with autograd (as in the lesson),
# the vectorised function with autograd, and the vectorised function with the adjoint
# and no autograd at all. ``restore_gradient_descent`` is the lesson's loop in the
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
print(f"largest difference from the lesson's steps: {(adjoint.image - book.image).abs().max():.1e}")

# %%
# Better methods
# --------------
# Faster code still takes the lesson's 20,000 steps. Better methods take far fewer, from
# the same start, each stopping at the first step with a PSNR of 40 dB or more (on the
# previous page, the lesson's loop got there only in its last thousand steps):
#
# - ``torch.optim.SGD`` with momentum 0.9, on the lesson's loss and learning rate;
# - ``torch.optim.Adam`` with ``lr=0.03``, on the lesson's loss;
# - ``torch.optim.LBFGS`` on the squared loss :math:`\lVert Ax - b \rVert^2 / 2`;
# - conjugate gradient on the normal equations :math:`A^\top A x = A^\top b`, with
#   :math:`A^\top` from autograd and from ``weird_function_adjoint``;
# - the exact inverse ``weird_function_inverse``, which undoes each round with two FFTs.
#
# The package's solvers use the vectorised function. The first optimizer PyTorch
# creates imports extra modules, so one untimed step comes first.
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
torch.set_num_threads(threads)  # the timing is done: give the threads back


# %%
# The table lists, per method, the steps to 40 dB, the wall time, the final loss
# (``torch.dist``, as in the lesson) and the final PSNR.
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

# %%
# And the lesson's loop? Its 20,000 steps, at the time per step measured above for the
# book's function with autograd, add up to:
seed_seconds = 20000 * book_seconds / steps
print(f"about {seed_seconds:.0f} s for the lesson's 20,000 steps")
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
plt.show()

# %%
# Why the fast ones are fast
# --------------------------
# None of them does cheaper arithmetic per step. They need fewer steps, or less
# overhead per step:
#
# - **Momentum** keeps a running sum of past gradients. Where plain steps zigzag across
#   a narrow valley, the zigzags cancel and the steps along the valley add up.
# - **Adam** divides each value's step by the recent size of its own gradient, so the
#   pixels the loss hardly feels move as fast as the others.
# - **L-BFGS** learns from its last few steps how the gradient changes, and sizes the
#   next step to fit, like Newton's method without the 10,000 x 10,000 matrix.
# - **Conjugate gradient** is made for least squares: each step picks the best point
#   among everything the steps so far can reach, with a step length it computes
#   instead of a learning rate. Plain gradient descent needs on the order of
#   :math:`\kappa^2` steps per digit of accuracy, conjugate gradient on the order of
#   :math:`\kappa` (:math:`\kappa` is the condition number):
print(f"kappa = {condition:.0f}, kappa^2 = {condition**2:,.0f}")

# %%
# - **The explicit adjoint** does the same conjugate-gradient steps as autograd's
#   backward pass, without building and walking a graph.
# - **The exact inverse** takes no steps at all: each round's filter is a tridiagonal
#   matrix that a sine transform turns diagonal, so undoing it costs two FFTs.
#
# Summary
# -------
# - The weird function is a linear, invertible map with a modest condition number:
#   restoring the picture is a well-posed least-squares problem.
# - The same 20,000 steps run faster with fewer, larger operations and without
#   autograd; most of the original loop's time is the overhead of many small operations.
# - Methods that fit the problem (momentum, Adam, L-BFGS, conjugate gradient) need
#   hundreds of steps instead of 20,000; the exact inverse needs none.
# - Back to the lesson's loop: :ref:`sphx_glr_auto_examples_practice_plot_01_restoring_an_image.py`.
#
# PyTorch API: `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.optim.Adam <https://docs.pytorch.org/docs/stable/generated/torch.optim.Adam.html>`_,
# `torch.optim.LBFGS <https://docs.pytorch.org/docs/stable/generated/torch.optim.LBFGS.html>`_,
# `torch.autograd.grad <https://docs.pytorch.org/docs/stable/generated/torch.autograd.grad.html>`_,
# `torch.nn.functional.pad <https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.pad.html>`_,
# `torch.roll <https://docs.pytorch.org/docs/stable/generated/torch.roll.html>`_,
# `torch.fft.fft <https://docs.pytorch.org/docs/stable/generated/torch.fft.fft.html>`_.
