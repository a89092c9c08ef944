r"""
Restoring a broken image with gradient descent
==============================================

The post :ref:`post-basics-autograd` ends with a practice: a "weird function" has
broken a picture, we only see the broken result, and gradient descent finds the
picture again, starting from random noise. This page runs the post's loop, shows the
original, broken and restored pictures side by side, and follows the loss and the
picture's quality over the 20,000 steps: the loss stops falling long before the
picture stops improving. Two optional sections at the end measure why.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
import time

import matplotlib.pyplot as plt
import torch

from pytorch_basics import restoration
from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.restoration import psnr, sample_image, singular_value_range

use_site_style()
torch.manual_seed(0)

# %%
# The page measures times, and runs on one thread so that they do not depend on how
# many cores the computer has; it gives the other threads back at the end.
threads = torch.get_num_threads()
torch.set_num_threads(1)


# %%
# The weird function
# ------------------
# The function comes from the Korean book *펭귄브로의 3분 딥러닝 파이토치맛* (chapter 3,
# MIT-licensed code). It runs five rounds over a flat signal ``h``: every value becomes
# :math:`-h_i/3 - h_{i-1}/3 + h_{i+1}/3` (zeros past either end), and after rounds 0, 2
# and 4 the two halves of ``h`` swap places. Here it is as the book writes it, except
# that the book makes the filter and the zero in ``float32`` and this copy gives them
# the dtype of ``x``.
def weird_function(x, n_iter=5):
    h = x
    filt = torch.tensor([-1.0 / 3, 1.0 / 3, -1.0 / 3], dtype=x.dtype)
    for i in range(n_iter):
        zero_tensor = torch.zeros(1, dtype=x.dtype)
        h_l = torch.cat((zero_tensor, h[:-1]), 0)
        h_r = torch.cat((h[1:], zero_tensor), 0)
        h = filt[0] * h + filt[2] * h_l + filt[1] * h_r
        if i % 2 == 0:
            h = torch.cat((h[h.shape[0] // 2 :], h[: h.shape[0] // 2]), 0)
    return h


# %%
# A single 1 among zeros shows what it does: the value is smeared over its
# neighbours and moved to the other half. The package ``pytorch_basics.restoration``
# holds the same function, tested against a line-by-line reading of the description.
impulse = torch.zeros(8, dtype=torch.float64)
impulse[2] = 1.0
print(weird_function(impulse))
print(
    f"same as the package's: {torch.equal(weird_function(impulse), restoration.weird_function(impulse))}"
)

# %%
# The picture
# -----------
# The book's photograph is not ours to ship, so we use one that comes with matplotlib:
# its sample data holds a portrait of Grace Hopper. ``sample_image`` turns it grey,
# crops the central square and shrinks it to 100 x 100 values between 0 and 1. As in
# the post, we flatten it to 10,000 numbers and break it.
image = sample_image()
original = image.flatten()
broken_image = weird_function(original)
print(
    f"image: shape {tuple(image.shape)}, dtype {image.dtype}, {image.min():.3f} to {image.max():.3f}"
)
print(
    f"broken image: {broken_image.shape[0]} values, {broken_image.min():.3f} to {broken_image.max():.3f}"
)

# %%
# The post's loop
# ---------------
# The strategy: a random candidate, passed through the same function, gives a
# hypothesis; the loss is the distance ``torch.dist`` between the hypothesis and the
# broken image; the candidate moves against the gradient with ``lr = 0.8``, 20,000
# times, under ``torch.no_grad()``. Below is the post's loop in ``float64``, with two
# added lines that record the loss and the PSNR (how close the candidate is to the
# original, in dB; higher is closer) at every step. It runs the first 2,000 of the
# 20,000 steps; the next cell explains why.
random_tensor = torch.randn(10000, dtype=torch.float64)
start = random_tensor.clone()  # kept to check the faster loop below
lr = 0.8
losses, psnrs = [], []

started = time.perf_counter()
for i in range(2000):
    random_tensor.requires_grad_(True)

    hypothesis = weird_function(random_tensor)
    loss = torch.dist(hypothesis, broken_image)
    loss.backward()

    losses.append(loss.item())
    psnrs.append(psnr(random_tensor.detach(), original))

    with torch.no_grad():
        random_tensor = random_tensor - lr * random_tensor.grad

    if i % 1000 == 0:
        print(f"step {i:>5}: loss {loss.item():.4f}   PSNR {psnrs[-1]:5.1f} dB")
seconds = time.perf_counter() - started
print(f"{seconds / 2000 * 1e3:.2f} ms per step: 20,000 steps would take about {seconds * 10:.0f} s")

# %%
# The remaining 18,000 steps, with faster code
# --------------------------------------------
# This site keeps each page under about 20 seconds of computing, and at the time per
# step printed above the post's loop alone would take much of that. The package's ``restore_gradient_descent`` takes
# exactly the same steps with faster code: a vectorised copy of the weird function, and
# a function that computes, without autograd, the same gradient that ``backward()``
# computes (the next page builds both and times them). First the check: from the same
# start, after 2,000 steps, it lands where the post's loop landed.
fast = restoration.restore_gradient_descent(
    broken_image,
    start,
    lr=lr,
    steps=2000,
    forward=restoration.weird_function_vectorised,
    adjoint=restoration.weird_function_adjoint,
)
difference = (fast.image - random_tensor.detach()).abs().max().item()
print(f"largest difference after 2,000 steps: {difference:.1e}")
assert difference < 1e-9

# %%
# Now it continues from there for the other 18,000 steps, recording the loss and the
# PSNR at every step, and we print them every 1,000 steps as the post does. It runs in
# two parts, 16,000 steps and 2,000, so that the candidate at step 18,000 is kept for
# the last section.
faster = {
    "lr": lr,
    "forward": restoration.weird_function_vectorised,
    "adjoint": restoration.weird_function_adjoint,
    "reference": original,
}
started = time.perf_counter()
first_part = restoration.restore_gradient_descent(
    broken_image, random_tensor.detach(), steps=16000, **faster
)
at_18000 = first_part.image  # the candidate after 18,000 steps
rest = restoration.restore_gradient_descent(broken_image, at_18000, steps=2000, **faster)
seconds = time.perf_counter() - started
losses += first_part.losses[:-1] + rest.losses[:-1]  # a part's last entry is the next's first
psnrs += first_part.psnrs[:-1] + rest.psnrs[:-1]
restored = rest.image
for i in range(2000, 20000, 1000):
    print(f"step {i:>5}: loss {losses[i]:.4f}   PSNR {psnrs[i]:5.1f} dB")
print(f"18,000 steps took {seconds:.1f} s; final PSNR {psnr(restored, original):.1f} dB")

# %%
# Original, broken, restored
# --------------------------
# The figure shows the picture, what the weird function made of it, and what 20,000
# steps of gradient descent recovered from noise.
fig, axes = plt.subplots(1, 3, figsize=(7.5, 3))
axes[0].imshow(image.numpy(), cmap="gray", vmin=0, vmax=1)
axes[0].set_title("original")
axes[1].imshow(broken_image.reshape(100, 100).numpy(), cmap="gray")
axes[1].set_title("broken")
axes[2].imshow(restored.reshape(100, 100).numpy(), cmap="gray", vmin=0, vmax=1)
axes[2].set_title(f"restored ({psnr(restored, original):.1f} dB)")
for ax in axes:
    ax.axis("off")
fig.suptitle("The weird function's output and the picture gradient descent recovered")
describe_figure(
    fig,
    "Three 100 x 100 greyscale images side by side. On the left is the original, a portrait "
    "of Grace Hopper. The broken image in the middle keeps only faint edges, and its top and "
    "bottom halves have swapped places: the face is in the bottom half and the collar of the "
    "uniform in the top half. On the right is the picture that 20,000 steps of gradient descent "
    f"recovered from noise (PSNR {psnr(restored, original):.1f} dB), hard to tell from the "
    "original.",
)
plt.show()

# %%
# The broken image keeps little more than the edges of the picture, with its halves
# shuffled; the restored one is hard to tell from the original.
#
# Loss and PSNR over the steps
# ----------------------------
# The next figure draws both records over the 20,000 steps, the loss on a logarithmic
# axis (PSNR, in dB, is a logarithm already).
fig, (ax_loss, ax_psnr) = plt.subplots(1, 2, figsize=(7.5, 3))
ax_loss.semilogy(losses)
ax_loss.set_xlabel("step")
ax_loss.set_ylabel("loss (torch.dist)")
ax_psnr.plot(psnrs, color="C2")
ax_psnr.set_xlabel("step")
ax_psnr.set_ylabel("PSNR (dB)")
fig.suptitle("The loss stalls, the picture keeps improving")
describe_figure(
    fig,
    "Two line charts against the step over 20,000 steps. On the left, the loss on a log axis "
    f"falls from about {losses[0]:.0f} and stays flat near {losses[-1]:.3f} for the last "
    f"2,000 or so steps. On the right, the PSNR starts at {psnrs[0]:.1f} dB and keeps rising, "
    "even more steeply, after the loss has stalled, ending at "
    f"{psnr(restored, original):.1f} dB.",
)
plt.show()

# %%
# The figure shows the loss falling and then flattening out, while the PSNR keeps
# climbing to the very end. From which step on does the loss stay within 1% of its
# final value, and how good is the picture then and at the end?
stall = 1 + max(i for i, value in enumerate(losses) if abs(value - losses[-1]) > 0.01 * losses[-1])
print(f"the loss stays within 1% of its final value from step {stall:,} on")
print(
    f"PSNR at that step: {psnrs[stall]:.1f} dB; after the last step: {psnr(restored, original):.1f} dB"
)
reached = next(i for i, value in enumerate(psnrs + [psnr(restored, original)]) if value >= 40)
print(f"first step with a PSNR of 40 dB or more: {reached:,}")
assert psnrs[stall] < psnr(restored, original) - 10

# %%
# Judging by the printed loss alone, one would stop at the step printed above, with a
# picture far worse than the final one; the PSNR shows the progress the loss hides.
# The two optional sections below measure why the loss stops and why the picture
# goes on improving.
#
# Why the printed loss stops falling (optional)
# ---------------------------------------------
# This section and the next can be skipped on a first reading; nothing later depends
# on them. The weird function is a matrix :math:`A` (the next page shows it is linear),
# :math:`b` is the broken image, and the loss is the distance
# :math:`\lVert Ax - b \rVert` itself, not its square. :math:`A` stretches vectors in
# some directions and shrinks them in others; the largest and the smallest stretch
# factors are its largest and smallest *singular values* :math:`\sigma_{\max}` and
# :math:`\sigma_{\min}`. The loss's gradient :math:`A^\top r / \lVert r \rVert` (with
# :math:`r = Ax - b`) never gets shorter than :math:`\sigma_{\min}`, however close we
# are, and a fixed step that does not shrink overshoots. Along the direction that
# :math:`A` stretches most, a residual of size :math:`\rho` becomes
# :math:`\rho - \text{lr}\,\sigma_{\max}^2`, and stops shrinking once a step only
# flips its sign: at :math:`\rho = \text{lr}\,\sigma_{\max}^2 / 2`.
smallest, largest = singular_value_range()
plateau = lr * largest**2 / 2
print(f"sigma_min = {smallest:.5f}, sigma_max = {largest:.5f}")
print(f"lr * sigma_max^2 / 2    = {plateau:.5f}")
print(f"loss, last 1,000 steps  = {min(losses[-1000:]):.5f} to {max(losses[-1000:]):.5f}")
print(f"last loss vs prediction: {abs(losses[-1] - plateau) / plateau:.2%} apart")
assert abs(losses[-1] - plateau) < 0.01 * plateau

# %%
# The predicted plateau and the loss the loop printed agree. The gradient at the end is
# still as long as the theory says, close to :math:`\sigma_{\max}`:
final = restored.clone().requires_grad_(True)
torch.dist(weird_function(final), broken_image).backward()
gradient_length = final.grad.norm().item()
print(f"gradient length at the end: {gradient_length:.5f}")
print(f"between sigma_min and sigma_max: {smallest <= gradient_length <= largest}")

# %%
# Why the picture still improves (optional)
# -----------------------------------------
# Like the previous one, this section can be skipped; nothing later depends on it.
# We take four more steps of the post's update from the restored picture and look at
# the steps themselves, :math:`d_k = x_{k+1} - x_k`. First: how do consecutive steps
# point relative to each other (cosine 1: the same way, -1: opposite ways)?
def step(x):
    x = x.clone().requires_grad_(True)
    torch.dist(weird_function(x), broken_image).backward()
    with torch.no_grad():
        return x - lr * x.grad


points = [restored]
for _ in range(4):
    points.append(step(points[-1]))
steps = [after - before for before, after in zip(points, points[1:])]


def cosine(u, v):
    return (torch.dot(u, v) / (u.norm() * v.norm())).item()


for k in range(3):
    print(f"cosine(d{k}, d{k + 1}) = {cosine(steps[k], steps[k + 1]):.6f}")
assert all(cosine(steps[k], steps[k + 1]) < -0.99 for k in range(3))

# %%
# Consecutive steps point in almost opposite directions. Where? The *stretch*
# :math:`\lVert A d \rVert / \lVert d \rVert` of a vector lies between
# :math:`\sigma_{\min}` and :math:`\sigma_{\max}`, and equals :math:`\sigma_{\max}` only
# for a vector along the directions :math:`A` stretches most. Each step has that
# stretch; the sum of two steps, what is left after the back-and-forth, is a small
# fraction of one step, with a stretch far below :math:`\sigma_{\max}`, of the order of
# :math:`\sigma_{\min}`.
def stretch(v):
    return (restoration.weird_function_vectorised(v).norm() / v.norm()).item()


two_steps = steps[0] + steps[1]
print(f"stretch of one step:   {stretch(steps[0]):.4f}   (sigma_max = {largest:.4f})")
print(f"length of two steps together / length of one: {two_steps.norm() / steps[0].norm():.2%}")
print(f"stretch of two steps together: {stretch(two_steps):.5f}   (sigma_min = {smallest:.5f})")

# %%
# So almost all of each step is the overshoot along the strongly stretched directions,
# and it cancels over two steps. What remains lies along weak directions. A weak
# direction :math:`w` (one that :math:`A` scales by about :math:`\sigma_{\min}`) is
# found by applying :math:`A^{-1}` and its transpose many times to a random vector
# (``weird_function_inverse`` is the exact inverse that the next page introduces).
# The part of each step along :math:`w` has the same sign and size every time: it does
# not cancel, it adds up.
w = torch.randn(10000, dtype=torch.float64)
for _ in range(50):
    w = restoration.weird_function_inverse(restoration.weird_function_inverse(w, transpose=True))
    w = w / w.norm()
print(f"stretch of w: {stretch(w):.5f}")
for k in range(4):
    print(f"d{k} along w: {torch.dot(steps[k], w).item():+.3e}")
assert all(torch.dot(d, w) * torch.dot(steps[0], w) > 0 for d in steps)  # all the same sign

# %%
# How fast does that remove the picture's error along :math:`w`? Along a direction
# with stretch :math:`\sigma`, one step multiplies the error by
# :math:`1 - \text{lr}\,\sigma^2 / \lVert r \rVert`, and on the plateau
# :math:`\lVert r \rVert \approx \text{lr}\,\sigma_{\max}^2 / 2`. For the strongest
# directions that factor is about -1 (the sign flips, the size stays); for :math:`w`
# it is just below 1 (the error shrinks a little at every step, always the same way).
errors = [point - original for point in points]
loss_now = torch.dist(restoration.weird_function_vectorised(restored), broken_image).item()
predicted = 1 - lr * stretch(w) ** 2 / loss_now
measured = (torch.dot(errors[1], w) / torch.dot(errors[0], w)).item()
print(f"factor along w: predicted {predicted:.7f}, measured {measured:.7f}")
assert abs(predicted - measured) < 1e-5
print(f"factor for the strongest directions: {1 - lr * largest**2 / loss_now:+.4f}")

# %%
# The residual :math:`r = Ax - b`, whose length is the loss, has the same two kinds of
# parts. We split it into the part that flips its sign at the next step (half the
# difference of two consecutive residuals) and the part that keeps it (half their sum),
# at step 18,000, where the loss has already stalled, and at the end:
def split(x):
    now = restoration.weird_function_vectorised(x) - broken_image
    after = restoration.weird_function_vectorised(step(x)) - broken_image
    return now.norm().item(), ((now - after) / 2).norm().item(), ((now + after) / 2).norm().item()


parts = {}
for number, x in [(18000, at_18000), (20000, restored)]:
    parts[number] = split(x)
    loss_x, flips, keeps = parts[number]
    ratio = keeps / (x - original).norm().item()
    print(f"after {number:,} steps: PSNR {psnr(x, original):4.1f} dB, loss {loss_x:.5f}")
    print(f"    part that flips {flips:.5f}, part that keeps its sign {keeps:.5f}")
    print(f"    part that keeps its sign / length of the error {ratio:.5f}")
print(f"(sigma_min = {smallest:.5f})")
(loss_a, flips_a, keeps_a), (loss_b, flips_b, keeps_b) = parts.values()
assert abs(loss_b - loss_a) < 1e-3 * loss_a and flips_b > flips_a and keeps_b < keeps_a / 2
torch.set_num_threads(threads)  # the computing is done: give the threads back

# %%
# The part that keeps its sign is what the loss sees of the picture's remaining error.
# Its length divided by the error's length is close to :math:`\sigma_{\min}`: the error
# lies mostly along the weakest directions, which :math:`A` shrinks most. It shrinks further as
# the picture improves. The part that flips, the back-and-forth along the strongest
# directions, grows instead, and the loss, the length of the two together, stays at
# :math:`\text{lr}\,\sigma_{\max}^2/2`. It has to: a step multiplies the flipping part
# by :math:`1 - \text{lr}\,\sigma_{\max}^2 / \lVert r \rVert`, which is below -1 as soon
# as the loss is below :math:`\text{lr}\,\sigma_{\max}^2 / 2`, so whenever the loss dips
# below that value, the back-and-forth grows and brings it back. The small dip in the
# loss figure, just where the plateau begins, is one such moment:
lowest = min(range(len(losses)), key=losses.__getitem__)
print(f"lowest loss: {losses[lowest]:.5f} at step {lowest:,} (lr * sigma_max^2 / 2 = {plateau:.5f})")
print(f"100 steps later: {losses[lowest + 100]:.5f}")
assert losses[lowest] < 0.9 * plateau and abs(losses[lowest + 100] - plateau) < 0.01 * plateau

# %%
# So on the plateau the loss shows little more than the back-and-forth along the
# strongest directions, which each step undoes. The small parts of the steps along
# weak directions point the same way every time, add up, and keep removing the error
# there: the picture improves while the loss stands still.
#
# Summary
# -------
# - The post's loop works: from noise to the picture, 20,000 fixed steps of
#   ``x = x - lr * x.grad`` on ``torch.dist``.
# - The printed loss stops falling long before the picture is restored; the PSNR
#   shows the progress the loss hides.
# - (Optional) The loss stalls at :math:`\text{lr}\,\sigma_{\max}^2/2` because the
#   gradient of a distance never shrinks: consecutive steps overshoot and cancel along
#   the strongest directions, and that back-and-forth holds the loss at this value. The
#   small parts of the steps along weak directions add up and remove the error there.
#
# Next: :ref:`sphx_glr_auto_examples_practice_plot_02_faster_restoration.py`
#
# PyTorch API: `torch.dist <https://docs.pytorch.org/docs/stable/generated/torch.dist.html>`_,
# `torch.no_grad <https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html>`_,
# `Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.cat <https://docs.pytorch.org/docs/stable/generated/torch.cat.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** When the post's loop has finished, what are
#    ``random_tensor.requires_grad`` and ``random_tensor.grad``? What would the next
#    ``backward()`` do without the loop's first line, ``random_tensor.requires_grad_(True)``?
# 2. **Predict, then run.** Forget to flatten the picture: what does
#    ``weird_function(image)`` do with the 100 x 100 ``image``?
# 3. **Change one thing and explain.** Remove the line ``with torch.no_grad():`` from the
#    post's loop and keep the update that was under it. Starting from
#    ``random_tensor = start.clone()``, what happens at the second update?
#
#    .. code-block:: python
#
#       for i in range(2):
#           random_tensor.requires_grad_(True)
#           hypothesis = weird_function(random_tensor)
#           loss = torch.dist(hypothesis, broken_image)
#           loss.backward()
#           random_tensor = random_tensor - lr * random_tensor.grad
#
# 4. **Write it.** For a picture with values between 0 and 1, like ours, the PSNR is
#    :math:`10 \log_{10}(1 / \text{MSE})`, where MSE is the mean of the squared differences
#    from the original. Write ``my_psnr(picture, reference)`` with ``torch.log10`` and
#    check it against the package's ``psnr`` on ``start`` and on ``restored``.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``False`` and ``None``. The loop's update makes a new tensor under ``no_grad``, where
# nothing is recorded: it does not require gradients and has no ``.grad``. Without
# ``requires_grad_(True)``, the next ``backward()`` finds no graph and raises a
# ``RuntimeError``; with it, the gradient is there.
print(f"random_tensor.requires_grad={random_tensor.requires_grad}, grad={random_tensor.grad}")
candidate = random_tensor.clone()
try:
    torch.dist(weird_function(candidate), broken_image).backward()
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("backward() should fail without requires_grad_(True)")
candidate.requires_grad_(True)
torch.dist(weird_function(candidate), broken_image).backward()
print(f"with requires_grad_(True): candidate.grad has shape {tuple(candidate.grad.shape)}")
assert not random_tensor.requires_grad and random_tensor.grad is None
assert candidate.grad.shape == random_tensor.shape

# %%
# Answer 2
# ^^^^^^^^
# It raises a ``RuntimeError``. ``weird_function`` is written for a flat signal: it
# joins ``zero_tensor``, a single 0 in one dimension, to ``h[:-1]`` with ``torch.cat``. For
# the 100 x 100 image, ``h[:-1]`` is its first 99 rows, a tensor with two dimensions,
# and ``torch.cat`` only joins tensors with the same number of dimensions.
print(f"image: shape {tuple(image.shape)}, image[:-1]: shape {tuple(image[:-1].shape)}")
try:
    weird_function(image)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("weird_function should fail on the 100 x 100 image")
flat_output = weird_function(image.flatten())
print(f"weird_function(image.flatten()): shape {tuple(flat_output.shape)}")
assert flat_output.shape == (10000,)

# %%
# Answer 3
# ^^^^^^^^
# The second update raises a ``TypeError``. Without ``no_grad`` the update is recorded
# like any other operation: the new ``random_tensor`` has a ``grad_fn`` and is not a
# leaf tensor. ``backward()`` keeps ``.grad`` only for leaf tensors, so after the second
# ``backward()`` its ``.grad`` is ``None`` (reading it gives a ``UserWarning``), and
# ``lr * None`` fails.
import warnings

candidate = start.clone()
candidate.requires_grad_(True)
torch.dist(weird_function(candidate), broken_image).backward()
candidate = candidate - lr * candidate.grad  # no torch.no_grad(): this is recorded
print(f"after the first update: is_leaf={candidate.is_leaf}, grad_fn={candidate.grad_fn.name()}")
candidate.requires_grad_(True)
torch.dist(weird_function(candidate), broken_image).backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    second_grad = candidate.grad
print(f".grad after the second backward(): {second_grad} ({caught[0].category.__name__})")
try:
    candidate = candidate - lr * second_grad
except TypeError as error:
    print(f"{type(error).__name__}: {error}")
else:
    raise AssertionError("the second update should fail: .grad is None")
assert not candidate.is_leaf and second_grad is None

# %%
# Answer 4
# ^^^^^^^^
# The mean of the squared differences, then :math:`10 \log_{10}` of its inverse. Both
# functions agree, on the random start (negative PSNR: far from the picture) and on the
# restored picture.
def my_psnr(picture, reference):
    mse = ((picture - reference) ** 2).mean()
    return (10 * torch.log10(1 / mse)).item()


for name, picture in [("start", start), ("restored", restored)]:
    mine, package = my_psnr(picture, original), psnr(picture, original)
    print(f"{name}: my_psnr {mine:.4f} dB, psnr {package:.4f} dB")
    assert abs(mine - package) < 1e-6
