"""
Training: the loop, SGD, momentum and Adam
==========================================

Training repeats five steps: reset the gradients, run the model, compute the loss,
backpropagate, let the optimizer update the parameters. This page runs the loop of the
post :ref:`post-concepts` for 10 epochs, checks what one optimizer step does, trains a
small regression model to convergence with plain SGD, SGD with momentum and Adam, and
draws the three optimizers' paths across a narrow valley.
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
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# The training loop of the post
# ------------------------------
# The post :ref:`post-concepts` trains on one example, :math:`x = [1, 2]` with target
# 5. ``torch.optim.SGD`` receives the model's parameters and a learning rate of 0.01
# (the factor that scales each step), ``nn.MSELoss`` measures the mean squared error.
# An *epoch* is one pass over all the training data; with a single example it is a
# single step. Each epoch: ``zero_grad()`` clears the old gradients, the forward pass
# predicts, the loss compares, ``backward()`` computes the gradients, ``step()``
# updates. ``loss.item()`` turns the one-element loss tensor into a Python number.
model = SimpleModel()
x = torch.tensor([[1.0, 2.0]])
y_true = torch.tensor([[5.0]])
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()

epoch_losses = []
for epoch in range(10):
    optimizer.zero_grad()  # reset the gradients
    y_pred = model(x)  # forward pass: the prediction
    loss = loss_fn(y_pred, y_true)  # the loss
    loss.backward()  # backward pass: the gradients
    optimizer.step()  # update the weights
    epoch_losses.append(loss.item())
    print(f"Epoch {epoch + 1}, Loss: {loss.item():.4f}")

# %%
# The loss falls every epoch, and the prediction moves towards 5. (The loss printed in
# an epoch is the one computed *before* that epoch's update.)
assert all(later < earlier for earlier, later in zip(epoch_losses, epoch_losses[1:]))
with torch.no_grad():
    print(f"prediction after 10 epochs: {model(x).item():.4f} (target {y_true.item():.1f})")

# %%
# What step() does
# ----------------
# Plain SGD moves every parameter against its gradient, scaled by the learning rate
# (the Autograd chapter wrote this update by hand):
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
# :math:`v \leftarrow \mu v + g` (starting from :math:`v = g`) and steps
# :math:`p \leftarrow p - \text{lr} \cdot v`, so gradients that keep pointing the same
# way add up: if the gradient stays the same, :math:`v` grows towards
# :math:`1 / (1 - \mu)` times it, 10 times for :math:`\mu = 0.9`. The post
# :ref:`post-autograd-easy` uses ``SGD(lr=1e-2, momentum=0.9)``. On :math:`L = p^2`
# from :math:`p = 1` with :math:`\text{lr} = 0.1, \mu = 0.9`: the first step gives
# :math:`v = 2`, :math:`p = 0.8`; the second :math:`g = 1.6`, :math:`v = 0.9 \cdot 2 + 1.6 = 3.4`,
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
# Adam, which the post :ref:`post-concepts` names next to SGD, keeps for every
# parameter a running average of its gradient and of the gradient's square, and steps
# by the first divided by the square root of the second (plus a tiny ``eps``, 1e-8).
# So every parameter gets its own step size. A consequence is easy to see: on the first
# step each parameter moves by almost exactly the learning rate, whether its gradient is
# 100 or 0.01 (as long as it is far above ``eps``).
q = torch.tensor([1.0, 1.0], requires_grad=True)
adam = torch.optim.Adam([q], lr=0.1)
(q * torch.tensor([100.0, 0.01])).sum().backward()
adam.step()
print(f"gradients: {q.grad}")
print(f"first step of each parameter: {(1.0 - q.detach())}")
assert torch.allclose(1.0 - q.detach(), torch.tensor([0.1, 0.1]), rtol=1e-5)

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
# How curved the loss is along each weight matters below. For the mean squared error,
# the second derivative with respect to the weight :math:`w_j` is
# :math:`2 \cdot \text{mean}(x_j^2)`: the loss is far flatter along :math:`w_2`.
curvature = 2 * features.pow(2).mean(dim=0)
print(f"second derivative along w1, w2: {curvature}")
print(f"w1 direction is {curvature[0] / curvature[1]:.0f} times more curved")

# %%
# Three optimizers, one starting point
# ------------------------------------
# ``fit`` trains a copy of the same starting model for 1,000 epochs and records the loss
# of every epoch. Each epoch uses all 200 examples at once, so "SGD" is here plain
# gradient descent. Stochastic gradient descent computes each step on a *mini-batch*, a
# small random subset of the examples, so each gradient is a noisy estimate;
# ``DataLoader``, which serves them, is shown in
# :ref:`sphx_glr_auto_examples_modules_plot_01_module_map.py`. All three optimizers get
# the same learning rate, 0.1. ``epochs_to_floor`` finds the first epoch whose loss is
# within 1% of the lowest possible loss (``None`` if there is none).
start = SimpleModel()


def fit(optimizer_class, inputs=features, **options):
    model = copy.deepcopy(start)
    optimizer = optimizer_class(model.parameters(), **options)
    losses = []
    for _ in range(1000):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


def epochs_to_floor(losses):
    return next((i + 1 for i, value in enumerate(losses) if value < 1.01 * best_loss), None)


runs = {
    "SGD(lr=0.1)": fit(torch.optim.SGD, lr=0.1),
    "SGD(lr=0.1, momentum=0.9)": fit(torch.optim.SGD, lr=0.1, momentum=0.9),
    "Adam(lr=0.1)": fit(torch.optim.Adam, lr=0.1),
}
for name, (trained, losses) in runs.items():
    within = epochs_to_floor(losses)
    print(f"{name}: final loss {losses[-1]:.6f}, within 1% of the lowest after {within} epochs")
    print(f"  w = {trained.linear.weight.detach().flatten()}, b = {trained.linear.bias.item():.4f}")

# %%
# All three reach the lowest possible loss. The loss curves show how fast; both axes
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
describe_figure(
    fig,
    "Line chart of the MSE loss while the same model trains for 1,000 epochs with SGD, SGD "
    "with momentum 0.9 and Adam, both axes on a log scale. All three curves start near "
    f"{runs['SGD(lr=0.1)'][1][0]:.1f} and come down to the dashed loss of the least-squares "
    f"solution, {best_loss:.4f}. Momentum and Adam rise and fall on the way but get within 1% "
    f"of that floor after {epochs_to_floor(runs['SGD(lr=0.1, momentum=0.9)'][1])} and "
    f"{epochs_to_floor(runs['Adam(lr=0.1)'][1])} epochs, while plain SGD falls fast at first, "
    "then crawls along well above the floor and takes "
    f"{epochs_to_floor(runs['SGD(lr=0.1)'][1])} epochs.",
)
plt.show()

# %%
# The figure shows plain SGD descending fast at first and then crawling to the floor,
# while momentum and Adam arrive in a fraction of the epochs. The curves of momentum
# and Adam rise and fall on the way: their steps carry them past the minimum before
# they settle. The crawl comes from the small second feature: the loss is much flatter
# along its weight, so the gradient of that weight is small and plain SGD moves it
# slowly. Momentum adds up those small, consistent gradients; Adam divides each
# parameter's step by the size of its own gradients.
#
# Switching the cause off: we multiply the second feature by 5, so that both features
# have the same scale. A linear model fits the new data exactly as well (its second
# weight only has to be 5 times smaller), so the lowest loss stays the same, but the
# loss is no longer flatter along :math:`w_2`. The same three runs, same learning rate:
scaled = features * torch.tensor([1.0, 5.0])
scaled_design = torch.cat([scaled, torch.ones(200, 1)], dim=1)
scaled_solution = torch.linalg.lstsq(scaled_design, targets).solution
scaled_best = loss_fn(scaled_design @ scaled_solution, targets).item()
print(f"lowest possible loss: {scaled_best:.6f}, w2 = {scaled_solution[1].item():.4f}")
print(f"second derivative along w1, w2: {2 * scaled.pow(2).mean(dim=0)}")
scaled_epochs = {}
for name, optimizer_class, options in (
    ("SGD(lr=0.1)", torch.optim.SGD, {"lr": 0.1}),
    ("SGD(lr=0.1, momentum=0.9)", torch.optim.SGD, {"lr": 0.1, "momentum": 0.9}),
    ("Adam(lr=0.1)", torch.optim.Adam, {"lr": 0.1}),
):
    scaled_epochs[name] = epochs_to_floor(fit(optimizer_class, inputs=scaled, **options)[1])
    print(f"{name}: within 1% of the lowest after {scaled_epochs[name]} epochs")
assert abs(scaled_best - best_loss) < 1e-6
assert scaled_epochs["SGD(lr=0.1)"] == min(scaled_epochs.values())
assert scaled_epochs["SGD(lr=0.1)"] < epochs_to_floor(runs["SGD(lr=0.1)"][1]) / 5

# %%
# With equal scales plain SGD no longer crawls, and it is now the fastest of the three:
# momentum and Adam are not faster on every problem.
#
# Back to the original features. A learning rate of 0.1 is also cautious for this
# problem: plain SGD can take much larger steps. With 0.8 it reaches the floor sooner
# than momentum and Adam did with 0.1; with 1.0 the loss grows instead of falling.
larger = {larger_lr: fit(torch.optim.SGD, lr=larger_lr)[1] for larger_lr in (0.8, 1.0)}
for larger_lr, losses in larger.items():
    within = epochs_to_floor(losses)
    print(f"SGD(lr={larger_lr}): loss after 100 epochs {losses[99]:.4g}")
    print(
        f"  within 1% of the lowest after {within} epochs"
        if within
        else "  never within 1% of the lowest"
    )
fastest_at_01 = min(epochs_to_floor(losses) for _, losses in runs.values())
assert epochs_to_floor(larger[0.8]) < fastest_at_01 and larger[1.0][99] > larger[1.0][0]

# %%
# So a larger learning rate helps plain SGD, up to a limit. The next section shows,
# on a loss that can be drawn, where the limit comes from and what happens near it.
#
# Zig-zag in a narrow valley
# --------------------------
# A loss of two parameters can be drawn. :math:`L(w) = (w_1^2 + 50\,w_2^2) / 2` is a
# valley 50 times more curved across (:math:`w_2`) than along (:math:`w_1`), like the
# regression above but narrower. ``descend`` runs a real ``torch.optim`` optimizer on a
# 2-element parameter tensor from :math:`w = (-10, 1)` and records every point.
valley_curvature = torch.tensor([1.0, 50.0])


def valley(w):
    return 0.5 * (valley_curvature * w**2).sum()


def descend(optimizer_class, steps=150, **options):
    w = torch.tensor([-10.0, 1.0], requires_grad=True)
    optimizer = optimizer_class([w], **options)
    path = [w.detach().clone()]
    for _ in range(steps):
        optimizer.zero_grad()
        valley(w).backward()
        optimizer.step()
        path.append(w.detach().clone())
    return torch.stack(path)


# the number of steps after which the distance to the minimum stays below tolerance
# (None if the path ends outside it)
def settled_after(path, tolerance=0.1):
    outside = (path.norm(dim=1) >= tolerance).nonzero()
    last = outside[-1].item() + 1
    return last if last < len(path) else None


# how far the path travels across the valley (in w2, the steep coordinate) in the
# first 60 steps, the ones drawn below; going straight from w2 = 1 to 0 would take 1
def sideways(path, steps=60):
    return (path[1 : steps + 1, 1] - path[:steps, 1]).abs().sum().item()


# %%
# Plain gradient descent multiplies :math:`w_2` by :math:`1 - 50 \cdot \text{lr}` at each
# step, so it diverges once :math:`\text{lr} > 2/50`. We give SGD, with and without
# momentum 0.9, 90% of that limit; Adam's learning rate is a step length instead (its
# first step is about ``lr`` per parameter, as shown above), so it gets 0.5.
lr = 0.9 * 2 / 50
paths = {
    "SGD": descend(torch.optim.SGD, lr=lr),
    "SGD(momentum=0.9)": descend(torch.optim.SGD, lr=lr, momentum=0.9),
    "Adam": descend(torch.optim.Adam, lr=0.5),
}
for name, path in paths.items():
    print(
        f"{name}: w after 20 steps ({path[20, 0].item():.2f}, {path[20, 1].item():.3g}), "
        f"travel across the valley in 60 steps {sideways(path):.1f}, "
        f"within 0.1 of the minimum for good after {settled_after(path)} steps"
    )
print(f"one SGD step multiplies w2 by 1 - 50 * lr = {1 - 50 * lr:.2f}")
print(f"one SGD step moves w1 by lr * 1 = {lr:.1%} of its distance to the minimum")
sgd, momentum, adam = paths.values()
assert sideways(momentum) > 2 * sideways(sgd) > 2 * sideways(adam)
assert abs(momentum[20, 1]) > 10 * abs(sgd[20, 1]) and momentum[20, 0] > 0 > sgd[20, 0]
assert settled_after(adam) < settled_after(momentum) < settled_after(sgd)

# %%
# The figure draws the first 60 steps of each path over the contour lines of the loss.
grid_w1, grid_w2 = torch.meshgrid(
    torch.linspace(-11, 5, 200), torch.linspace(-1.3, 1.3, 200), indexing="xy"
)
heights = 0.5 * (grid_w1**2 + 50 * grid_w2**2)
fig, ax = plt.subplots(figsize=(8, 3.6))
ax.contour(grid_w1, grid_w2, heights, levels=[0.5, 2, 5, 10, 20, 35, 50, 70], colors="#bbbbbb")
for (name, path), color in zip(paths.items(), ("#1f77b4", "#ff7f0e", "#2ca02c"), strict=True):
    ax.plot(path[:61, 0], path[:61, 1], ".-", color=color, markersize=3, linewidth=1, label=name)
ax.plot([-10], [1], "ko", markersize=5, label="start")
ax.plot([0], [0], "k*", markersize=10, label="minimum")
ax.set_xlabel("w1 (flat direction)")
ax.set_ylabel("w2 (steep direction)")
ax.set_title("Three optimizers in a narrow valley, first 60 steps")
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
describe_figure(
    fig,
    "Contour plot of the loss (w1² + 50·w2²) / 2 with the first 60 steps of three optimizers "
    "starting from the point (-10, 1); the flat direction w1 runs across, the steep direction w2 "
    "up, and the minimum is at the origin. Plain SGD bounces between the valley walls, then, "
    "once the bouncing dies down, crawls along the floor and has not reached the minimum after "
    "60 steps; SGD with momentum 0.9 overshoots the minimum and swings widely across the valley; "
    "Adam approaches the minimum in a few broad arcs. Over these 60 steps the distance travelled "
    f"across the valley is {sideways(sgd):.1f} for SGD, {sideways(momentum):.1f} with "
    f"momentum and {sideways(adam):.1f} for Adam.",
)
plt.show()

# %%
# The figure shows three different paths. Plain SGD overshoots along the steep
# :math:`w_2` at every step: each step multiplies :math:`w_2` by a negative factor
# (printed above), so the path bounces from wall to wall, each bounce 0.8 times the one
# before; after 20 steps the bouncing has all but died out. Along the flat :math:`w_1`
# each step covers only 3.6% of the remaining distance, so from then on the path crawls
# along the floor.
#
# In this run, momentum makes both movements larger. Along the floor it builds up
# speed: after 20 steps it has already passed the minimum, while SGD is about halfway.
# Across the valley it swings wider and for longer than SGD: after 20 steps it is still
# far from the floor, and in the 60 steps drawn it travels more than twice as far across
# the valley. Here the speed along the floor outweighs the swinging, and it settles
# sooner than SGD. Adam crosses the valley in a few wide arcs, with the least travel
# across it, and settles soonest.
#
# Other settings, other paths
# ---------------------------
# These are the results of one valley with one set of settings, not rules about the
# optimizers. We change one setting at a time, from the same start:
#
# - plain SGD with a learning rate just above :math:`2/50`: each bounce is larger than
#   the one before, and the path leaves the valley. The steepest direction caps the
#   learning rate;
# - plain SGD with :math:`\text{lr} = 1/50`: one step puts :math:`w_2` at 0, so there is
#   no bouncing at all, but each step moves :math:`w_1` by only 2% of the remaining
#   distance instead of 3.6%, and the path has not settled after 150 steps;
# - momentum 0.5 instead of 0.9: the path travels less across the valley than plain
#   SGD's, not more, and settles sooner than any of the three paths drawn;
# - Adam with ``lr=0.05`` instead of 0.5: it has not settled after 150 steps.
variants = {
    "SGD, lr = 1.05 * 2/50": descend(torch.optim.SGD, lr=1.05 * 2 / 50),
    "SGD, lr = 1/50": descend(torch.optim.SGD, lr=1 / 50),
    "SGD(momentum=0.5)": descend(torch.optim.SGD, lr=lr, momentum=0.5),
    "Adam(lr=0.05)": descend(torch.optim.Adam, lr=0.05),
}
for name, path in variants.items():
    settled = settled_after(path)
    print(
        f"{name}: travel across the valley in 60 steps {sideways(path):.3g}, "
        f"distance to the minimum after 150 steps {path[-1].norm().item():.3g}"
    )
    print(
        f"  within 0.1 of the minimum for good after {settled} steps"
        if settled
        else "  not within 0.1 of the minimum after 150 steps"
    )
too_large, small, low_momentum, slow_adam = variants.values()
assert too_large[-1].norm() > too_large[0].norm() and small[1:, 1].abs().max() < 1e-6
assert settled_after(small) is None and settled_after(slow_adam) is None
assert sideways(low_momentum) < sideways(sgd) and settled_after(low_momentum) < settled_after(adam)

# %%
# The post :ref:`post-autograd-easy` says in a code comment that momentum 0.9 makes
# the optimizer move "more stably" by drawing on recent gradients. In this valley, with
# this learning rate, momentum 0.9 made the path swing more across the valley than no
# momentum at all, and momentum 0.5 made it swing less. Whether momentum steadies a
# path, and which optimizer is fastest, depends on the problem and on the settings.
#
# Summary
# -------
# The loop is ``zero_grad → forward → loss → backward → step``; an epoch is one pass
# over the training data. Plain SGD steps by :math:`\text{lr} \cdot g`; the steepest
# direction caps the learning rate it can use, so it crawls along a much flatter
# direction. Momentum adds up gradients that keep their direction; Adam gives each
# parameter its own step size. Neither beats plain SGD everywhere: on the regression,
# momentum and Adam beat plain SGD at the same learning rate, but plain SGD won with a
# larger learning rate, and again when both features had the same scale; in the valley
# momentum 0.9 swung more than plain SGD and momentum 0.5 less. Compare optimizers, and
# their settings, on your own problem.
#
# Next: :ref:`sphx_glr_auto_examples_models_plot_03_custom_loss.py`
#
# PyTorch reference: `torch.optim <https://docs.pytorch.org/docs/stable/optim.html>`_,
# `SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `Adam <https://docs.pytorch.org/docs/stable/generated/torch.optim.Adam.html>`_,
# `MSELoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.MSELoss.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** Run the momentum example (:math:`L = p^2` from :math:`p = 1`,
#    :math:`\text{lr} = 0.1`, :math:`\mu = 0.9`) for one more step. What is :math:`p` after
#    the third step? Work out :math:`g`, :math:`v` and :math:`p` by hand, as above for the
#    first two steps.
# 2. **Change one thing and explain.** In the post's training loop, make the learning rate
#    ten times larger, 0.1, and then 0.2. What happens to the loss? With a single example,
#    each step multiplies the prediction error :math:`\hat{y} - 5` by the same number: find
#    that number first, as the valley section found the one that multiplies :math:`w_2`.
# 3. **Change one thing and explain.** Remove ``optimizer.zero_grad()`` from the post's
#    training loop and run 10 epochs. What happens to the loss? Compare with momentum's
#    :math:`v \leftarrow \mu v + g`.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# On the third step :math:`g = 2 \cdot 0.46 = 0.92` and
# :math:`v = 0.9 \cdot 3.4 + 0.92 = 3.98`, so :math:`p = 0.46 - 0.1 \cdot 3.98 = 0.062`. The
# gradient has shrunk to 0.92, yet the third step (0.398) is larger than the second (0.34):
# the velocity :math:`v` still holds the earlier gradients.
p = torch.tensor([1.0], requires_grad=True)
momentum_sgd = torch.optim.SGD([p], lr=0.1, momentum=0.9)
moves = []
for _ in range(3):
    before_step = p.item()
    momentum_sgd.zero_grad()
    (p**2).sum().backward()
    momentum_sgd.step()
    moves.append(before_step - p.item())
    print(f"step {len(moves)}: gradient {p.grad.item():.4f}, size of the step {moves[-1]:.4f}, p = {p.item():.4f}")
assert torch.allclose(p, torch.tensor([0.062]))
assert moves[2] > moves[1]

# %%
# Answer 2
# ^^^^^^^^
# With :math:`e = \hat{y} - 5`, the gradient of the loss :math:`e^2` is
# :math:`2e \cdot [1, 2]` for the weights and :math:`2e` for the bias, so one step moves the
# prediction by :math:`\text{lr} \cdot 2e \cdot (1^2 + 2^2 + 1) = 12 \cdot \text{lr} \cdot e`
# and multiplies the error by :math:`1 - 12 \cdot \text{lr}`. That number is 0.88 for a
# learning rate of 0.01, -0.2 for 0.1 (the error changes sign and shrinks much faster) and
# -1.4 for 0.2 (the loss grows at every step).


# runs the post's loop for `epochs` epochs from a copy of start, recording each epoch's error and loss
def post_loop(clear_gradients=True, epochs=10, **options):
    model = copy.deepcopy(start)
    optimizer = torch.optim.SGD(model.parameters(), **options)
    errors, losses = [], []
    for _ in range(epochs):
        if clear_gradients:
            optimizer.zero_grad()
        y_pred = model(x)
        loss = loss_fn(y_pred, y_true)
        loss.backward()
        optimizer.step()
        errors.append((y_pred - y_true).item())
        losses.append(loss.item())
    return torch.tensor(errors), torch.tensor(losses)


for post_lr in (0.01, 0.1, 0.2):
    errors, losses = post_loop(lr=post_lr)
    factors = errors[1:5] / errors[:4]
    print(
        f"lr={post_lr}: error multiplied by {factors[0]:.4f} (1 - 12 * lr = {1 - 12 * post_lr:.4f}), "
        f"loss {losses[0]:.4f} → {losses[-1]:.4g} in epoch 10"
    )
    assert torch.allclose(factors, torch.tensor(1 - 12 * post_lr), rtol=1e-3)

# %%
# Answer 3
# ^^^^^^^^
# ``backward()`` adds each new gradient to ``.grad``, so without clearing it, every step
# moves by the sum of all the gradients so far: momentum's :math:`v \leftarrow v + g` with
# :math:`\mu = 1`, and indeed the losses are those of ``momentum=1.0``. Since the earlier
# gradients never fade, the loss falls faster at first, overshoots the minimum and grows
# again, and by epoch 10 is back near its starting value. More epochs do not calm these
# swings down.
_, with_zero_grad = post_loop(lr=0.01)
_, without_zero_grad = post_loop(clear_gradients=False, lr=0.01)
_, momentum_one = post_loop(lr=0.01, momentum=1.0)
print("with zero_grad:    " + ", ".join(f"{value:.2f}" for value in with_zero_grad))
print("without zero_grad: " + ", ".join(f"{value:.2f}" for value in without_zero_grad))
print("momentum=1.0:      " + ", ".join(f"{value:.2f}" for value in momentum_one))
assert torch.allclose(without_zero_grad, momentum_one)
assert without_zero_grad[2] < with_zero_grad[2]
assert without_zero_grad.min() < 1e-3 * without_zero_grad[0]
assert abs(without_zero_grad[-1] / without_zero_grad[0] - 1) < 0.01
_, long_run = post_loop(clear_gradients=False, epochs=30, lr=0.01)
for first in (0, 10, 20):
    window = long_run[first : first + 10]
    print(f"epochs {first + 1} to {first + 10}: smallest loss {window.min():.4f}, largest loss {window.max():.2f}")
    assert window.min() < 1e-2 * long_run[0] and window.max() > 0.9 * long_run[0]
