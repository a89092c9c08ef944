r"""
Restoring a broken image with gradient descent
==============================================

The original lesson on PyTorch basics and autograd ends with a practice: a "weird
function" has broken a picture, we only see the broken result, and gradient descent
finds the picture again, starting from random noise. This page runs the lesson's loop as
written, shows the original, broken and restored pictures side by side, and follows the
loss and the picture's quality over the 20,000 steps. The two curves tell different
stories.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
import time

import matplotlib.pyplot as plt
import torch

from pytorch_basics import restoration
from pytorch_basics.plotting import use_site_style
from pytorch_basics.restoration import psnr, sample_image, singular_value_range

use_site_style()
torch.manual_seed(0)

# %%
# One thread for small tensors
# ----------------------------
# The computations on this page handle 10,000 numbers at a time, too few to share
# between threads with profit: threads would mostly wait for each other, and much
# longer while another program keeps the CPU busy. So the page uses one thread and
# gives the others back at the end.
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
# crops the central square and shrinks it to 100 x 100 values between 0 and 1. Like the
# original lesson, we flatten it to 10,000 numbers and break it.
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
# The lesson's loop
# -----------------
# The strategy: a random candidate, passed through the same function, gives a
# hypothesis; the loss is the distance ``torch.dist`` between the hypothesis and the
# broken image; the candidate moves against the gradient with ``lr = 0.8``, 20,000
# times, under ``torch.no_grad()``. The loop is the lesson's, in ``float64``; two lines
# record the loss and the PSNR (how close the candidate is to the original, in dB) at
# every step, and the print shows the PSNR next to the lesson's loss.
random_tensor = torch.randn(10000, dtype=torch.float64)
lr = 0.8
losses, psnrs = [], []

started = time.perf_counter()
for i in range(20000):
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
restored = random_tensor.detach()
print(f"20,000 steps took {seconds:.1f} s; final PSNR {psnr(restored, original):.1f} dB")

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
plt.show()

# %%
# The broken image keeps little more than the edges of the picture, with its halves
# shuffled; the restored one is hard to tell from the original.
#
# Why the printed loss stops falling
# ----------------------------------
# The lesson minimises the distance :math:`\lVert Ax - b \rVert` itself, not its square
# (:math:`A` is the weird function, :math:`b` the broken image). Its gradient
# :math:`A^\top r / \lVert r \rVert` (with :math:`r = Ax - b`) never gets shorter than
# :math:`\sigma_{\min}`, the smallest factor by which :math:`A` shrinks a vector, however
# close we are. A fixed step that does not shrink overshoots: along the direction that
# :math:`A` stretches most (:math:`\sigma_{\max}`), a residual of size :math:`\rho`
# becomes :math:`\rho - \text{lr}\,\sigma_{\max}^2`, and it stops shrinking when it only
# flips sign, at :math:`\rho = \text{lr}\,\sigma_{\max}^2 / 2`.
smallest, largest = singular_value_range()
plateau = lr * largest**2 / 2
print(f"sigma_min = {smallest:.5f}, sigma_max = {largest:.5f}")
print(f"lr * sigma_max^2 / 2    = {plateau:.5f}")
print(f"loss, last 1,000 steps  = {min(losses[-1000:]):.5f} to {max(losses[-1000:]):.5f}")
print(f"last loss vs prediction: {abs(losses[-1] - plateau) / plateau:.2%} apart")

# %%
# The predicted plateau and the loss the loop printed agree. The gradient at the end is
# still as long as the theory says, between the two singular values:
final = restored.clone().requires_grad_(True)
torch.dist(weird_function(final), broken_image).backward()
gradient_length = final.grad.norm().item()
print(f"gradient length at the end: {gradient_length:.5f}")
print(f"between sigma_min and sigma_max: {smallest <= gradient_length <= largest}")

# %%
# Loss and PSNR over the steps
# ----------------------------
# Both curves over the 20,000 steps, the loss on a logarithmic axis (PSNR, in dB, is a
# logarithm already). The dashed line is the plateau :math:`\text{lr}\,\sigma_{\max}^2/2`.
fig, (ax_loss, ax_psnr) = plt.subplots(1, 2, figsize=(7.5, 3))
ax_loss.semilogy(losses)
ax_loss.axhline(plateau, color="C3", linestyle="--", label="lr·σ_max²/2")
ax_loss.set_xlabel("step")
ax_loss.set_ylabel("loss (torch.dist)")
ax_loss.legend()
ax_psnr.plot(psnrs, color="C2")
ax_psnr.set_xlabel("step")
ax_psnr.set_ylabel("PSNR (dB)")
fig.suptitle("The loss stalls, the picture keeps improving")
plt.show()

# %%
# The loss falls, dips once below the plateau and settles on it, while the PSNR keeps
# climbing at a steady rate to the very end. From which step on does the loss stay
# within 1% of the plateau, and how good is the picture then and at the end?
stall = 1 + max(i for i, value in enumerate(losses) if abs(value - plateau) > 0.01 * plateau)
print(f"the loss stays within 1% of the plateau from step {stall:,} on")
print(
    f"PSNR at that step: {psnrs[stall]:.1f} dB; after the last step: {psnr(restored, original):.1f} dB"
)
torch.set_num_threads(threads)  # the computing is done: give the threads back

# %%
# The printed loss hides the progress
# -----------------------------------
# Once the loss is stuck, every step still has the same length, but most of it now
# goes into directions that the loss barely sees: the ones :math:`A` shrinks most. The
# error in the picture keeps falling there, while the loss is dominated by the
# overshoot going back and forth. Watching only the printed loss, one would stop too
# early.
#
# Summary
# -------
# - The lesson's loop works: from noise to the picture, 20,000 fixed steps of
#   ``x = x - lr * x.grad`` on ``torch.dist``.
# - The loss stalls at :math:`\text{lr}\,\sigma_{\max}^2/2` because the gradient of a
#   distance never shrinks; the PSNR shows the picture still improving.
# - Next: :ref:`sphx_glr_auto_examples_practice_plot_02_faster_restoration.py` explains
#   why it works at all, and reaches the same picture hundreds of times faster.
#
# PyTorch API: `torch.dist <https://docs.pytorch.org/docs/stable/generated/torch.dist.html>`_,
# `torch.no_grad <https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html>`_,
# `Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.cat <https://docs.pytorch.org/docs/stable/generated/torch.cat.html>`_.
