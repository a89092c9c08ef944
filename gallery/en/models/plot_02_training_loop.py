"""
Training: the loop, SGD, momentum and Adam
==========================================

Training repeats five steps: reset the gradients, run the model, compute the loss,
backpropagate, let the optimizer update the parameters. This page runs the loop of the
original lesson for 10 epochs, checks what one optimizer step does, and then trains a
small regression model to convergence with plain SGD, SGD with momentum and Adam,
comparing their loss curves.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``SimpleModel`` is the one-layer model of the previous page
# (``nn.Linear(2, 1)``), imported from the site's package.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

from pytorch_basics.models import SimpleModel
from pytorch_basics.plotting import use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# The original lesson's training loop
# -----------------------------------
# One example, :math:`x = [1, 2]` with target 5. ``optim.SGD`` receives the model's
# parameters and a learning rate of 0.01, ``nn.MSELoss`` measures the squared error.
# Each epoch: ``zero_grad()`` clears the old gradients, the forward pass predicts,
# the loss compares, ``backward()`` computes the gradients, ``step()`` updates.
model = SimpleModel()
x = torch.tensor([[1.0, 2.0]])
y_true = torch.tensor([[5.0]])
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()

for epoch in range(10):
    optimizer.zero_grad()  # reset the gradients
    y_pred = model(x)  # forward pass: the prediction
    loss = loss_fn(y_pred, y_true)  # the loss
    loss.backward()  # backward pass: the gradients
    optimizer.step()  # update the weights
    print(f"Epoch {epoch + 1}, Loss: {loss.item():.4f}")

# %%
# The loss falls every epoch, and the prediction moves towards 5. (The loss printed in
# an epoch is the one computed *before* that epoch's update.)
with torch.no_grad():
    print(f"prediction after 10 epochs: {model(x).item():.4f} (target {y_true.item():.1f})")

# %%
# What step() does
# ----------------
# Plain SGD moves every parameter against its gradient, scaled by the learning rate:
# :math:`p \leftarrow p - \text{lr} \cdot \partial L / \partial p`. We run one more
# iteration and compare the new parameters with this formula applied by hand.
before = [p.detach().clone() for p in model.parameters()]
optimizer.zero_grad()
loss_fn(model(x), y_true).backward()
optimizer.step()
for old, new in zip(before, model.parameters(), strict=True):
    print(f"p - lr * grad == new p: {torch.allclose(old - 0.01 * new.grad, new)}")

# %%
# Momentum
# --------
# With momentum :math:`\mu`, PyTorch's SGD keeps a running "velocity"
# :math:`v \leftarrow \mu v + g` and steps :math:`p \leftarrow p - \text{lr} \cdot v`,
# so steps that keep pointing the same way add up. The autograd tutorial behind these
# pages uses ``SGD(lr=1e-2, momentum=0.9)``. On :math:`L = p^2` from :math:`p = 1` with
# :math:`\text{lr} = 0.1, \mu = 0.9`: the first step gives :math:`v = 2`,
# :math:`p = 0.8`; the second :math:`g = 1.6`, :math:`v = 0.9 \cdot 2 + 1.6 = 3.4`,
# :math:`p = 0.8 - 0.34 = 0.46`.
p = torch.tensor([1.0], requires_grad=True)
momentum_sgd = torch.optim.SGD([p], lr=0.1, momentum=0.9)
for _ in range(2):
    momentum_sgd.zero_grad()
    (p**2).sum().backward()
    momentum_sgd.step()
print(f"p after two steps: {p.item():.4f}")
print(f"matches 0.46: {torch.allclose(p, torch.tensor([0.46]))}")

# %%
# Adam
# ----
# Adam, which the original lesson names next to SGD, keeps running averages of each
# gradient and of its square and divides one by the square root of the other, so every
# parameter gets its own step size. A consequence is easy to see: on the first step each
# parameter moves by almost exactly the learning rate, whether its gradient is large or
# tiny.
q = torch.tensor([1.0, 1.0], requires_grad=True)
adam = torch.optim.Adam([q], lr=0.1)
(q * torch.tensor([100.0, 0.01])).sum().backward()
adam.step()
print(f"gradients: {q.grad}")
print(f"first step of each parameter: {(1.0 - q.detach())}")

# %%
# A regression problem
# --------------------
# 200 examples with 2 features, the second one five times smaller than the first, and
# targets :math:`y = 2x_1 - 3x_2 + 1` plus a little noise. The best any linear model can
# do is the least-squares fit, which ``torch.linalg.lstsq`` computes directly; its loss
# is the floor every optimizer is heading for.
features = torch.randn(200, 2) * torch.tensor([1.0, 0.2])
targets = features @ torch.tensor([[2.0], [-3.0]]) + 1.0 + 0.1 * torch.randn(200, 1)
design = torch.cat([features, torch.ones(200, 1)], dim=1)
solution = torch.linalg.lstsq(design, targets).solution
best_loss = loss_fn(design @ solution, targets).item()
print(f"least squares: w = {solution[:2].flatten()}, b = {solution[2].item():.4f}")
print(f"lowest possible loss: {best_loss:.6f}")

# %%
# Three optimizers, one starting point
# ------------------------------------
# ``fit`` trains a copy of the same starting model for 1,000 epochs and records the loss
# of every epoch. Each epoch uses all 200 examples at once, so "SGD" is here plain
# gradient descent; fed mini-batches by a ``DataLoader`` it becomes stochastic. All
# three get the same learning rate, 0.1.
start = SimpleModel()


def fit(optimizer_class, **options):
    model = copy.deepcopy(start)
    optimizer = optimizer_class(model.parameters(), **options)
    losses = []
    for _ in range(1000):
        optimizer.zero_grad()
        loss = loss_fn(model(features), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


runs = {
    "SGD(lr=0.1)": fit(torch.optim.SGD, lr=0.1),
    "SGD(lr=0.1, momentum=0.9)": fit(torch.optim.SGD, lr=0.1, momentum=0.9),
    "Adam(lr=0.1)": fit(torch.optim.Adam, lr=0.1),
}
for name, (trained, losses) in runs.items():
    within = next(i + 1 for i, value in enumerate(losses) if value < 1.01 * best_loss)
    print(f"{name}: final loss {losses[-1]:.6f}, within 1% of the lowest after {within} epochs")
    print(f"  w = {trained.linear.weight.detach().flatten()}, b = {trained.linear.bias.item():.4f}")

# %%
# All three reach the least-squares answer. The loss curves show how fast; both axes
# are logarithmic, so the first epochs are not squeezed against the left edge.
epochs = range(1, 1001)
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(epochs, runs["SGD(lr=0.1)"][1], label="SGD")
ax.plot(epochs, runs["SGD(lr=0.1, momentum=0.9)"][1], label="SGD + momentum 0.9")
ax.plot(epochs, runs["Adam(lr=0.1)"][1], label="Adam")
ax.axhline(best_loss, color="black", linestyle="--", linewidth=1, label="least squares")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("epoch (log scale)")
ax.set_ylabel("MSE loss (log scale)")
ax.set_title("Training the same model with three optimizers")
ax.legend()
plt.show()

# %%
# The figure shows plain SGD descending fast at first and then crawling to the floor,
# while momentum and Adam arrive in a fraction of the epochs. The crawl comes from the
# small second feature: the gradient of its weight is small, so plain SGD moves that
# weight slowly. Momentum accumulates those small, consistent steps; Adam rescales
# each parameter's step by the size of its own gradients. The curves of momentum and,
# less, of Adam wiggle: their accumulated steps carry them past the minimum before they
# settle.
#
# Summary
# -------
# The loop is ``zero_grad → forward → loss → backward → step``. Plain SGD steps by
# :math:`\text{lr} \cdot g`; momentum adds up past steps; Adam gives each parameter its
# own step size. On a problem where parameters have different scales, the last two
# converge many times faster. Next, we replace ``MSELoss`` with a loss of our own:
# :ref:`sphx_glr_auto_examples_models_plot_03_custom_loss.py`.
#
# PyTorch reference: `torch.optim <https://docs.pytorch.org/docs/stable/optim.html>`_,
# `SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `Adam <https://docs.pytorch.org/docs/stable/generated/torch.optim.Adam.html>`_,
# `MSELoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.MSELoss.html>`_.
