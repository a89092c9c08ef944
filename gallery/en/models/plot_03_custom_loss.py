"""
A custom loss function
======================

A loss function in PyTorch is just another ``nn.Module``: it takes the prediction and
the target and returns a number autograd can differentiate. This page writes the
``CustomLoss`` of the post :ref:`post-differentiable`, the sum of absolute errors,
checks that it equals
``nn.L1Loss(reduction="sum")`` in value and in gradient, and shows why one would want
it: trained on data with outliers, it finds the line that mean squared error misses.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``pytorch_basics.losses`` holds a tested version of this page's loss
# with two additions we look at at the end.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

from pytorch_basics import losses
from pytorch_basics.models import SimpleModel
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# A loss is a module too
# ----------------------
# The post :ref:`post-differentiable` subclasses ``nn.Module`` exactly as for a model:
# ``forward`` receives the prediction and the target and returns
# :math:`\sum_i |\hat{y}_i - y_i|`, the sum of absolute errors.
class CustomLoss(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, y_pred, y_true):
        loss = torch.abs(y_pred - y_true).sum()
        return loss


# %%
# It is used exactly like a built-in loss: create it once, call it on the model's output
# and the target. The result carries ``grad_fn=<SumBackward0>``, so ``backward()`` can
# start from it. (The post printed 0.7624; the number depends on the model's random
# starting weights.)
model = SimpleModel()
criterion = CustomLoss()
x = torch.tensor([[1.0, 2.0]])
y_true = torch.tensor([[2.5]])
output = model(x)
loss = criterion(output, y_true)
print(loss)

# %%
# The same as nn.L1Loss(reduction="sum")
# --------------------------------------
# ``nn.L1Loss`` computes :math:`|\hat{y}_i - y_i|` too and then, by default, takes the
# *mean*; with ``reduction="sum"`` it adds them up, which is what ``CustomLoss`` does.
# We compare the two on random predictions and targets of shape ``(8, 3)``.
y_pred = torch.randn(8, 3)
target = torch.randn(8, 3)
ours = criterion(y_pred, target)
builtin = nn.L1Loss(reduction="sum")(y_pred, target)
print(f"CustomLoss: {ours.item():.4f}, nn.L1Loss(reduction='sum'): {builtin.item():.4f}")
print(f"equal: {torch.allclose(ours, builtin)}")

# %%
# The same gradient
# -----------------
# The derivative of :math:`|\hat{y}_i - y_i|` with respect to :math:`\hat{y}_i` is the
# sign of the error, :math:`\operatorname{sign}(\hat{y}_i - y_i)`: every prediction is
# pushed with the same strength, only the direction differs. Autograd finds this for
# both losses.
pred_ours = y_pred.clone().requires_grad_()
pred_builtin = y_pred.clone().requires_grad_()
criterion(pred_ours, target).backward()
nn.L1Loss(reduction="sum")(pred_builtin, target).backward()
print(f"same gradient as nn.L1Loss: {torch.equal(pred_ours.grad, pred_builtin.grad)}")
is_sign = torch.equal(pred_ours.grad, torch.sign(y_pred - target))
print(f"gradient == sign(y_pred - target): {is_sign}")

# %%
# Why write a custom loss: outliers
# ---------------------------------
# The loss decides what "a good fit" means. 30 points lie near the line
# :math:`y = 2x + 1`; three of them are outliers, moved far off. A squared error grows
# with the square of the distance, so these three weigh a lot; an absolute error grows
# only linearly.
xs = torch.linspace(-2, 2, 30).unsqueeze(1)
ys = 2 * xs + 1 + 0.2 * torch.randn(30, 1)
outliers = torch.tensor([3, 8, 26])
ys[outliers] += torch.tensor([[8.0], [10.0], [-9.0]])
print(f"outliers at x = {xs[outliers].flatten()}")

# %%
# We train the same one-input linear model twice from the same start, once with
# ``nn.MSELoss`` and once with ``CustomLoss``, 500 Adam steps each (Adam, from the
# previous page, gives each parameter its own step size).
start = nn.Linear(1, 1)


def train_on(loss_function, targets):
    line = copy.deepcopy(start)
    optimizer = torch.optim.Adam(line.parameters(), lr=0.05)
    for _ in range(500):
        optimizer.zero_grad()
        loss_function(line(xs), targets).backward()
        optimizer.step()
    return line


mse_line = train_on(nn.MSELoss(), ys)
l1_line = train_on(CustomLoss(), ys)
for name, line in (("MSELoss", mse_line), ("CustomLoss", l1_line)):
    print(f"{name}: slope {line.weight.item():.4f}, intercept {line.bias.item():.4f}")

# %%
# The MSE fit has converged: it is the least-squares line, which ``torch.linalg.lstsq``
# computes directly (as on the previous page).
design = torch.cat([xs, torch.ones(30, 1)], dim=1)
least_squares = torch.linalg.lstsq(design, ys).solution.flatten()
fitted = torch.cat([mse_line.weight.detach().flatten(), mse_line.bias.detach()])
print(f"least squares: slope {least_squares[0]:.4f}, intercept {least_squares[1]:.4f}")
print(f"MSE fit == least squares: {torch.allclose(fitted, least_squares, atol=1e-3)}")

# %%
# The true line has slope 2 and intercept 1. The figure shows both fits over the data.
keep = torch.ones(30, dtype=torch.bool)
keep[outliers] = False
with torch.no_grad():
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.scatter(xs[keep], ys[keep], s=15, color="#555555", label="data")
    ax.scatter(xs[outliers], ys[outliers], s=30, color="#d62728", label="outliers")
    ax.plot(xs, 2 * xs + 1, "k:", zorder=3, label="true line y = 2x + 1")
    ax.plot(xs, mse_line(xs), color="#ff7f0e", label="fit with MSELoss")
    ax.plot(xs, l1_line(xs), color="#1f77b4", label="fit with CustomLoss (L1)")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("Three outliers: squared vs absolute error")
    ax.legend(fontsize=8)
    describe_figure(
        fig,
        "Scatter plot of 30 points with three lines. Most points lie near the dotted true line "
        "y = 2x + 1; of the three red outliers, the two on the left sit far above the line and "
        "the one on the right far below. "
        "The line fitted with MSELoss is pulled by the outliers to a flatter slope of "
        f"{mse_line.weight.item():.2f}, while the line fitted with CustomLoss (L1) has slope "
        f"{l1_line.weight.item():.2f} and almost covers the true line.",
    )
    plt.show()

# %%
# The figure shows the MSE line tilted by the three red points, while the absolute-error
# line stays with the other points: each point pulls on it with the same strength, however
# far away it is.
#
# Two checks that this is the reason. With the three outliers moved back onto the true
# line, both losses find nearly the same line, close to the true one. And comparing a
# mean (MSE) with a sum (``CustomLoss``) is fair: Adam's steps do not change when a loss
# is multiplied by a constant (as long as its gradients stay far above Adam's ``eps``),
# so the mean absolute error gives the same line as the sum.
clean_ys = ys.clone()
clean_ys[outliers] = 2 * xs[outliers] + 1
clean_mse = train_on(nn.MSELoss(), clean_ys)
clean_l1 = train_on(CustomLoss(), clean_ys)
mean_l1 = train_on(lambda y_pred, y_true: CustomLoss()(y_pred, y_true) / 30, ys)
print(f"no outliers, MSELoss: slope {clean_mse.weight.item():.4f}")
print(f"no outliers, CustomLoss: slope {clean_l1.weight.item():.4f}")
print(f"with outliers, CustomLoss / 30: slope {mean_l1.weight.item():.4f}")
print(f"same line as the sum: {torch.allclose(mean_l1.weight, l1_line.weight, atol=1e-4)}")

# %%
# Choosing the loss is choosing what errors cost; when no built-in loss says what you
# mean, you write your own, and autograd differentiates it for you. (PyTorch's
# ``nn.HuberLoss`` is a built-in compromise: squared near zero, absolute far away.)
#
# The package's version: reduction and shape checks
# -------------------------------------------------
# ``pytorch_basics.losses.CustomLoss`` adds what built-in losses have: a ``reduction``
# argument, ``"sum"`` by default as in the post, ``"mean"`` or ``"none"``.
# Each equals ``nn.L1Loss`` with the same reduction.
for reduction in ("sum", "mean", "none"):
    checked = losses.CustomLoss(reduction=reduction)(y_pred, target)
    expected = nn.L1Loss(reduction=reduction)(y_pred, target)
    print(f"{reduction}: equals nn.L1Loss: {torch.allclose(checked, expected)}")

# %%
# It also checks shapes, which the post's version does not, and that matters: a
# prediction of shape ``(4, 1)`` minus a
# target of shape ``(4,)`` broadcasts (the Tensors chapter's rule for combining shapes)
# to a ``(4, 4)`` table of all pairs. The post's version then sums 16 differences
# instead of 4, without any error.
prediction = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
flat_target = torch.tensor([1.0, 2.0, 3.0, 4.0])
print(f"shape of y_pred - y_true: {tuple((prediction - flat_target).shape)}")
print(f"the post's CustomLoss: {criterion(prediction, flat_target).item():.4f} (should be 0)")

# %%
# The package's loss refuses such input and names both shapes; an unknown reduction is
# refused when the loss is created.
try:
    losses.CustomLoss()(prediction, flat_target)
except ValueError as error:
    print(f"ValueError: {error}")
try:
    losses.CustomLoss(reduction="average")
except ValueError as error:
    print(f"ValueError: {error}")

# %%
# Summary
# -------
# A custom loss is an ``nn.Module`` whose ``forward`` returns a number; autograd takes
# care of the gradient. ``CustomLoss`` equals ``nn.L1Loss(reduction="sum")`` in value and
# gradient, and on data with outliers it fits the majority where MSE gets pulled away.
# The next chapter puts everything so far together on real data: a classifier of
# handwritten digits, trained, evaluated and saved from start to end.
#
# Next: :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`
#
# PyTorch reference: `nn.L1Loss <https://docs.pytorch.org/docs/stable/generated/torch.nn.L1Loss.html>`_,
# `nn.MSELoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.MSELoss.html>`_,
# `nn.HuberLoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html>`_,
# `loss functions in torch.nn <https://docs.pytorch.org/docs/stable/nn.html#loss-functions>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** Compute the loss of the ``y_pred`` and ``target`` of shape
#    ``(8, 3)`` with ``nn.L1Loss()``, whose default is ``reduction="mean"``, and call
#    ``backward()``. What values does the gradient of the predictions hold?
# 2. **Change one thing and explain.** In ``train_on``, replace Adam by SGD with a learning
#    rate of 0.01 and train for 100 steps. Do the sum and the mean (the sum / 30) of the
#    absolute errors still give the same line?
# 3. **Change one thing and explain.** In ``train_on(CustomLoss(), ys)``, give the targets as
#    ``ys.flatten()``, of shape ``(30,)``. The line's output has shape ``(30, 1)``. What line
#    comes out?
# 4. **Write it.** Write a loss ``SquaredLoss`` that returns the sum of squared errors
#    :math:`\sum_i (\hat{y}_i - y_i)^2`. Check that its value and gradient equal those of
#    ``nn.MSELoss(reduction="sum")``, and that the gradient is :math:`2(\hat{y}_i - y_i)`.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# The mean divides the sum by the number of elements, 24, so the gradient is the sign of
# the error divided by 24: :math:`\pm 1/24 \approx \pm 0.0417`, 24 times smaller than the
# gradient of ``CustomLoss``, which sums.
pred_mean = y_pred.clone().requires_grad_()
nn.L1Loss()(pred_mean, target).backward()
print(f"gradient of the first row: {pred_mean.grad[0]}")
print(f"1 / 24 = {1 / 24:.4f}")
is_sign_over_24 = torch.allclose(pred_mean.grad, torch.sign(y_pred - target) / 24)
print(f"gradient == sign(y_pred - target) / 24: {is_sign_over_24}")
assert is_sign_over_24

# %%
# Answer 2
# ^^^^^^^^
# An SGD step is proportional to the gradient, so dividing the loss by 30 is the same as
# dividing the learning rate by 30, and the two do not give the same line. After 100 steps
# the sum's line is close to the true line while the mean's is still far from it; the
# mean needs a learning rate of 0.3 to give the sum's line. A step that does not change
# when the loss is multiplied by a constant is a property of Adam, not of every optimizer.


# like train_on, but 100 steps of SGD instead of Adam
def train_with_sgd(loss_function, lr):
    line = copy.deepcopy(start)
    optimizer = torch.optim.SGD(line.parameters(), lr=lr)
    for _ in range(100):
        optimizer.zero_grad()
        loss_function(line(xs), ys).backward()
        optimizer.step()
    return line


def mean_absolute_error(y_pred, y_true):
    return CustomLoss()(y_pred, y_true) / 30


sum_sgd = train_with_sgd(CustomLoss(), lr=0.01)
mean_sgd = train_with_sgd(mean_absolute_error, lr=0.01)
mean_sgd_larger_lr = train_with_sgd(mean_absolute_error, lr=0.3)
print(f"start: slope {start.weight.item():.4f}, intercept {start.bias.item():.4f}")
print(f"sum, lr=0.01: slope {sum_sgd.weight.item():.4f}, intercept {sum_sgd.bias.item():.4f}")
print(f"mean, lr=0.01: slope {mean_sgd.weight.item():.4f}, intercept {mean_sgd.bias.item():.4f}")
print(
    f"mean, lr=0.3: slope {mean_sgd_larger_lr.weight.item():.4f}, "
    f"intercept {mean_sgd_larger_lr.bias.item():.4f}"
)
assert abs(sum_sgd.weight.item() - 2) < 0.05 and abs(mean_sgd.weight.item() - 2) > 1
assert torch.allclose(mean_sgd_larger_lr.weight, sum_sgd.weight, atol=1e-4)
assert torch.allclose(mean_sgd_larger_lr.bias, sum_sgd.bias, atol=1e-4)

# %%
# Answer 3
# ^^^^^^^^
# The shapes ``(30, 1)`` and ``(30,)`` broadcast to a ``(30, 30)`` table, so each
# prediction is compared with all 30 targets. When every prediction has 15 targets below
# it and 15 above, moving it either way brings it closer to 15 targets and farther from
# 15, so the gradient of the loss is 0. For that, all 30 predictions must fit in the narrow
# gap between the 15th and 16th smallest targets, so training stops on a nearly flat line,
# whatever the direction of the points.
flat_line = train_on(CustomLoss(), ys.flatten())
flat_predictions = flat_line(xs)
below = (ys.flatten() < flat_predictions).sum(dim=1)
print(f"shape of y_pred - y_true: {tuple((flat_predictions - ys.flatten()).shape)}")
print(f"slope {flat_line.weight.item():.4f}, intercept {flat_line.bias.item():.4f}")
print(f"range of the 30 predictions: {flat_predictions.min():.4f} to {flat_predictions.max():.4f}")
print(f"targets below each prediction: at least {below.min()}, at most {below.max()}")
CustomLoss()(flat_predictions, ys.flatten()).backward()
print(f"gradient of the loss: weight {flat_line.weight.grad.item():.4f}, bias {flat_line.bias.grad.item():.4f}")
assert abs(flat_line.weight.item()) < 0.01 and bool((below == 15).all())
assert flat_line.weight.grad.item() == 0 and flat_line.bias.grad.item() == 0


# %%
# Answer 4
# ^^^^^^^^
# The formula goes into ``forward`` as it is, and autograd finds the gradient. The
# derivative of :math:`(\hat{y}_i - y_i)^2` with respect to :math:`\hat{y}_i` is
# :math:`2(\hat{y}_i - y_i)`: unlike the absolute error, the farther a prediction is from
# its target, the harder it is pushed.
class SquaredLoss(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, y_pred, y_true):
        return ((y_pred - y_true) ** 2).sum()


pred_squared = y_pred.clone().requires_grad_()
pred_builtin_squared = y_pred.clone().requires_grad_()
squared = SquaredLoss()(pred_squared, target)
builtin_squared = nn.MSELoss(reduction="sum")(pred_builtin_squared, target)
squared.backward()
builtin_squared.backward()
print(f"SquaredLoss: {squared.item():.4f}, nn.MSELoss(reduction='sum'): {builtin_squared.item():.4f}")
same_gradient = torch.allclose(pred_squared.grad, pred_builtin_squared.grad)
is_twice_error = torch.allclose(pred_squared.grad, 2 * (y_pred - target))
print(f"same gradient as nn.MSELoss: {same_gradient}")
print(f"gradient == 2 * (y_pred - target): {is_twice_error}")
assert torch.allclose(squared, builtin_squared) and same_gradient and is_twice_error
