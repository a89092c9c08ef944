"""
Reductions: sum, mean, max, argmax, var
=======================================

A reduction turns many numbers into fewer: the sum of a tensor, its mean, its largest
element or where that element is. This page runs the examples of the post
:ref:`post-concepts`, shows that ``argmax`` returns an index into the *flattened*
tensor and how to turn it back into a row and a column, reduces along one dimension,
and checks that ``torch.var`` divides by :math:`n - 1` unless told otherwise.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``pytorch_basics.tensors`` holds small, tested versions of two
# things this page explains: turning a flat index into coordinates, and the unbiased
# variance written out by hand.
import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.patches import Rectangle

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import unbiased_variance, unravel_flat_index

use_site_style()
torch.manual_seed(0)

# %%
# Reducing a whole tensor
# -----------------------
# Without a ``dim`` argument a reduction looks at every element and returns a
# zero-dimensional tensor: one number. These are the four calls of the post
# :ref:`post-concepts`.
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(f"torch.sum(x):    {torch.sum(x):.4f}")
print(f"torch.mean(x):   {torch.mean(x):.4f}")
print(f"torch.max(x):    {torch.max(x):.4f}")
print(f"torch.argmax(x): {torch.argmax(x)}")

# %%
# The mean is the sum divided by the number of elements,
# :math:`\bar{x} = \frac{1}{n} \sum_i x_i`, and the result of a full reduction has
# shape ``()``.
print(f"mean == sum / numel: {torch.allclose(torch.mean(x), torch.sum(x) / x.numel())}")
print(f"shape of torch.sum(x): {tuple(torch.sum(x).shape)}")

# %%
# argmax counts in the flattened tensor
# -------------------------------------
# ``x`` has only two rows and two columns, yet ``argmax`` returned 3. Without ``dim``,
# ``argmax`` numbers the elements row by row, as if the tensor were first flattened
# into one row (``x.flatten()``), and returns a position in that row.
max_index = torch.argmax(x)
assert max_index == 3
print(f"x.flatten(): {x.flatten()}")
print(f"x.flatten()[{max_index}] = {x.flatten()[max_index]:.4f}")
print(f"it is the maximum: {torch.equal(x.flatten()[max_index], torch.max(x))}")

# %%
# The post :ref:`post-concepts` explains the 3 with a note that PyTorch indexes a
# matrix in flattened order by default. That is true of the number ``argmax`` returns,
# not of indexing: ``x[3]`` asks for row 3 of ``x``, which does not exist. The flat
# position only works on the flattened tensor.
try:
    x[max_index]
except IndexError as error:
    print(f"x[{max_index}] -> {type(error).__name__}: {error}")

# %%
# From a flat index back to row and column
# ----------------------------------------
# In a tensor with ``n_cols`` columns, element ``[row, col]`` sits at flat position
# :math:`\text{row} \cdot n_{\text{cols}} + \text{col}`. ``torch.unravel_index`` undoes
# this, and so does ``unravel_flat_index``, the package's version written with
# ``divmod``. It takes a plain Python number: ``.item()`` turns a tensor holding one
# element into that number.
row, col = torch.unravel_index(max_index, x.shape)
print(f"torch.unravel_index: ({row}, {col})")
print(f"unravel_flat_index:  {unravel_flat_index(max_index.item(), x.shape)}")
print(f"row * n_cols + col = {row * x.shape[1] + col}")
print(f"x[{row}, {col}] = {x[row, col]:.4f}")

# %%
# In ``x`` the largest element happens to be the last one. Here is a ``(2, 3)`` tensor
# whose maximum sits elsewhere.
y = torch.tensor([[3.0, 9.0, 1.0], [4.0, 2.0, 8.0]])
flat_index = torch.argmax(y).item()
y_row, y_col = unravel_flat_index(flat_index, y.shape)
print(f"torch.argmax(y) = {flat_index} -> row {y_row}, column {y_col}")
assert (flat_index, y_row, y_col) == (1, 0, 1)

# %%
fig, axes = plt.subplots(1, 2, figsize=(7, 2.4), width_ratios=[3, 6])
draw_tensor(axes[0], y, title="y (2, 3)")
axes[0].add_patch(
    Rectangle((y_col, y.shape[0] - 1 - y_row), 1, 1, fill=False, edgecolor="red", linewidth=3)
)
draw_tensor(axes[1], y.flatten(), title="y.flatten(): positions 0 to 5")
axes[1].add_patch(Rectangle((flat_index, 0), 1, 1, fill=False, edgecolor="red", linewidth=3))
for position in range(y.numel()):
    axes[1].text(position + 0.5, -0.2, f"{position}", ha="center", va="top", fontsize=9)
fig.suptitle("torch.argmax(y) counts positions in the flattened tensor")
describe_figure(
    fig,
    "Left: the 2x3 tensor y, with rows 3 9 1 and 4 2 8. Right: y.flatten(), the same six "
    "numbers in one row, with positions 0 to 5 written underneath. The largest element, 9, "
    f"is framed in red in both: at row {y_row}, column {y_col} of y and at position "
    f"{flat_index} of the flattened row, which is the number torch.argmax(y) returns.",
)
plt.show()

# %%
# The figure shows the same largest element, framed in red, twice: at row 0, column 1
# of ``y`` and at position 1 of ``y.flatten()``, which is the number ``argmax``
# returns.
#
# Reducing along one dimension
# ----------------------------
# With ``dim``, only that dimension is reduced and disappears from the shape.
# ``dim=0`` runs down the rows, so it gives one sum per column; ``dim=1`` runs along
# each row and gives one sum per row.
column_sums = x.sum(dim=0)
row_sums = x.sum(dim=1)
print(f"x.sum(dim=0): {column_sums}, shape {tuple(column_sums.shape)}")
print(f"x.sum(dim=1): {row_sums}, shape {tuple(row_sums.shape)}")

# %%
# A picture of both at once: ``x`` with its row sums as an extra column and its column
# sums as an extra row. The corner holds the sum of everything, ``torch.sum(x)``.
table = torch.zeros(3, 3)
table[:2, :2] = x
table[:2, 2] = row_sums
table[2, :2] = column_sums
table[2, 2] = torch.sum(x)
fig, ax = plt.subplots(figsize=(5, 3.2))
draw_tensor(ax, table)
ax.plot([2, 2], [0, 3], color="black", linewidth=3)
ax.plot([0, 3], [1, 1], color="black", linewidth=3)
ax.text(2.5, 3.1, "sum(dim=1)", ha="center", va="bottom", fontsize=9)
ax.text(-0.1, 0.5, "sum(dim=0)", ha="right", va="center", fontsize=9)
ax.set_title("x with its row sums (right)\nand column sums (bottom)", pad=18)
describe_figure(
    fig,
    "A 3x3 grid split by thick lines: the top-left 2x2 block is x, with rows 1 2 and 3 4; the "
    "column on the right, labelled sum(dim=1), holds the row sums 3 and 7; the row at the "
    "bottom, labelled sum(dim=0), holds the column sums 4 and 6; and the bottom-right corner "
    "holds 10, the sum of all four elements.",
)
plt.show()

# %%
# The figure shows ``x`` in the top-left 2x2 block; the column to its right holds the
# row sums (``dim=1``), the row underneath the column sums (``dim=0``).
#
# Keeping the reduced dimension
# -----------------------------
# ``keepdim=True`` leaves the reduced dimension in place with size 1: the row sums
# become a ``(2, 1)`` column, as in the figure. That column broadcasts against ``x``
# (see :ref:`sphx_glr_auto_examples_tensors_plot_07_products.py`), so dividing by it
# makes every row add up to 1.
row_sums_kept = x.sum(dim=1, keepdim=True)
print(f"shape with keepdim=True: {tuple(row_sums_kept.shape)}")
normalised = x / row_sums_kept
print(f"x / row sums:\n{normalised}")
print(f"each row now sums to 1: {torch.allclose(normalised.sum(dim=1), torch.ones(2))}")

# %%
# Switch ``keepdim`` off and the division goes wrong without an error. The row sums
# then have shape ``(2,)``, and broadcasting lines sizes up from the right, so they
# meet ``x``'s *columns*: the first column is divided by the first row's sum, the
# second column by the second row's. ``x`` is square, so the shapes fit and nothing
# complains.
wrong = x / row_sums
print(f"x / x.sum(dim=1):\n{wrong}")
print(f"each row sums to 1: {torch.allclose(wrong.sum(dim=1), torch.ones(2))}")
by_column = torch.stack([x[:, j] / row_sums[j] for j in range(2)], dim=1)
print(f"column j divided by row sum j: {torch.allclose(wrong, by_column)}")

# %%
# Only the square shape hid the mistake. ``y`` above has 2 rows and 3 columns: its 2
# row sums do not fit its 3 columns, and the same division raises an error, while
# ``keepdim=True`` works.
try:
    y / y.sum(dim=1)
except RuntimeError as error:
    print(f"y / y.sum(dim=1) -> {type(error).__name__}: {str(error).splitlines()[0]}")
y_normalised = y / y.sum(dim=1, keepdim=True)
print(f"y / y.sum(dim=1, keepdim=True), row sums: {y_normalised.sum(dim=1)}")

# %%
# max along a dimension returns two tensors
# -----------------------------------------
# ``torch.max(x, dim=1)`` returns the largest value of each row *and* where it is, as
# a named pair ``(values, indices)``. The indices are positions along that dimension,
# the same as ``torch.argmax(x, dim=1)``.
values, indices = torch.max(x, dim=1)
print(f"values:  {values}")
print(f"indices: {indices}")
print(f"indices == torch.argmax(x, dim=1): {torch.equal(indices, torch.argmax(x, dim=1))}")

# %%
# max, mean and var of 1, 2, 3, 4, 5
# ----------------------------------
# The second example of the post :ref:`post-concepts` reduces five numbers.
samples = torch.tensor([1, 2, 3, 4, 5], dtype=torch.float32)
print(f"torch.max(samples):  {torch.max(samples):.4f}")
print(f"torch.mean(samples): {torch.mean(samples):.4f}")
print(f"torch.var(samples):  {torch.var(samples):.4f}")

# %%
# var divides by n - 1
# --------------------
# ``torch.var`` computes the *unbiased* (sample) variance by default, dividing the
# sum of squared deviations by :math:`n - 1` rather than :math:`n`:
# :math:`s^2 = \frac{1}{n - 1} \sum_i (x_i - \bar{x})^2`.
n = samples.numel()
by_formula = ((samples - samples.mean()) ** 2).sum() / (n - 1)
by_package = unbiased_variance(samples)
print(f"formula with n - 1: {by_formula:.4f}")
print(f"unbiased_variance:  {by_package:.4f}")
print(f"torch.var == formula: {torch.allclose(torch.var(samples), by_formula)}")
print(f"torch.var == unbiased_variance: {torch.allclose(torch.var(samples), by_package)}")

# %%
# Why :math:`n - 1`? When the numbers are a sample drawn from a larger population,
# dividing by :math:`n - 1` makes the estimate right on average. The experiment draws
# 100,000 samples of 5 numbers each from ``torch.randn``, whose variance is exactly 1,
# and averages the variance of each sample both ways. Dividing by :math:`n - 1`
# lands near 1; dividing by :math:`n` lands near :math:`(n - 1) / n = 0.8`, too small
# on average.
draws = torch.randn(100_000, n)
mean_unbiased = draws.var(dim=1).mean()
mean_biased = draws.var(dim=1, correction=0).mean()
print(f"average variance, divided by n - 1: {mean_unbiased:.4f}")
print(f"average variance, divided by n:     {mean_biased:.4f}")
print(f"(n - 1) / n:                        {(n - 1) / n:.4f}")
assert abs(mean_unbiased - 1) < 0.02 and abs(mean_biased - (n - 1) / n) < 0.02

# %%
# ``correction=0`` divides by :math:`n` instead: the population variance. NumPy's
# ``np.var`` divides by :math:`n` by default, so the two libraries disagree unless
# you say which one you mean.
population = torch.var(samples, correction=0)
print(f"torch.var(samples, correction=0): {population:.4f}")
print(f"formula with n:                   {((samples - samples.mean()) ** 2).sum() / n:.4f}")
print(f"np.var(samples.numpy()):          {np.var(samples.numpy()):.4f}")

# %%
# Summary
# -------
# - Without ``dim``, ``sum``, ``mean``, ``max`` and ``argmax`` reduce the whole tensor
#   to one number; ``argmax`` then returns a position in the flattened tensor, which
#   ``torch.unravel_index`` turns back into coordinates.
# - With ``dim``, only that dimension is reduced; ``keepdim=True`` keeps it with size
#   1, and ``torch.max(x, dim=...)`` returns values and indices.
# - ``torch.var`` divides by :math:`n - 1` by default; ``correction=0`` divides by
#   :math:`n`, like NumPy's default.
#
# API:
# `torch.sum <https://docs.pytorch.org/docs/stable/generated/torch.sum.html>`_,
# `torch.mean <https://docs.pytorch.org/docs/stable/generated/torch.mean.html>`_,
# `torch.max <https://docs.pytorch.org/docs/stable/generated/torch.max.html>`_,
# `torch.argmax <https://docs.pytorch.org/docs/stable/generated/torch.argmax.html>`_,
# `torch.unravel_index <https://docs.pytorch.org/docs/stable/generated/torch.unravel_index.html>`_,
# `torch.var <https://docs.pytorch.org/docs/stable/generated/torch.var.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py`.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** A classifier gave scores for 4 classes to 3 examples: rows
#    are examples, columns are classes. What does each of the three ``argmax`` calls
#    return? Which class was predicted for each example?
#
#    .. code-block:: python
#
#       scores = torch.tensor([[0.1, 0.6, 0.2, 0.1],
#                              [0.7, 0.1, 0.1, 0.1],
#                              [0.2, 0.2, 0.1, 0.5]])
#       scores.argmax()
#       scores.argmax(dim=0)
#       scores.argmax(dim=1)
#
# 2. **Change one thing and explain.** Drop ``dtype=torch.float32`` where ``samples``
#    is made. What happens to each of the three lines that call ``torch.max``,
#    ``torch.mean`` and ``torch.var``?
# 3. **Change one thing and explain.** In the variance experiment, make the samples 2
#    numbers long instead of 5, ``torch.randn(100_000, 2)``. Where does the average
#    variance divided by :math:`n` land?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# Without ``dim`` you get one number, 4: the position of 0.7 (row 1, column 0) in the
# flattened tensor. ``dim=1`` runs along each row and returns, for every example, the
# class with the highest score: the predicted classes ``[1, 0, 3]``. ``dim=0`` runs
# down the columns and returns, for every class, the example that scored highest:
# 4 numbers.
scores = torch.tensor([[0.1, 0.6, 0.2, 0.1],
                       [0.7, 0.1, 0.1, 0.1],
                       [0.2, 0.2, 0.1, 0.5]])
print(f"scores.argmax():      {scores.argmax()}")
print(f"scores.argmax(dim=0): {scores.argmax(dim=0)}")
print(f"scores.argmax(dim=1): {scores.argmax(dim=1)}")
assert scores.argmax() == 4
assert torch.equal(scores.argmax(dim=0), torch.tensor([1, 0, 0, 2]))
assert torch.equal(scores.argmax(dim=1), torch.tensor([1, 0, 3]))

# %%
# Answer 2
# ^^^^^^^^
# Whole numbers alone make an ``int64`` tensor. ``max`` only picks an element and still
# works, but ``mean`` and ``var`` accept only floating-point tensors and raise a
# ``RuntimeError``. ``.float()`` brings the original results back.
whole_samples = torch.tensor([1, 2, 3, 4, 5])
print(f"whole_samples.dtype: {whole_samples.dtype}")
print(f"torch.max(whole_samples): {torch.max(whole_samples)}")
for reduction in (torch.mean, torch.var):
    try:
        reduction(whole_samples)
    except RuntimeError as error:
        print(f"torch.{reduction.__name__}(whole_samples) -> {type(error).__name__}: {error}")
    else:
        raise AssertionError(f"torch.{reduction.__name__} should refuse an int64 tensor")
as_float = whole_samples.float()
print(f"after .float(): mean {torch.mean(as_float):.4f}, var {torch.var(as_float):.4f}")
assert whole_samples.dtype == torch.int64 and torch.max(whole_samples) == 5
assert torch.equal(torch.var(as_float), torch.var(samples))

# %%
# Answer 3
# ^^^^^^^^
# Near 0.5. For every sample, the variance divided by :math:`n` is the variance
# divided by :math:`n - 1` times :math:`(n - 1) / n`: exactly half when :math:`n = 2`.
# The smaller the sample, the further below the true variance 1 the division by
# :math:`n` lands, while the average divided by :math:`n - 1` stays near 1.
draws_two = torch.randn(100_000, 2)
mean_unbiased_two = draws_two.var(dim=1).mean()
mean_biased_two = draws_two.var(dim=1, correction=0).mean()
print(f"average variance, divided by n - 1: {mean_unbiased_two:.4f}")
print(f"average variance, divided by n:     {mean_biased_two:.4f}")
print(f"(n - 1) / n:                        {(2 - 1) / 2:.4f}")
assert abs(mean_unbiased_two - 1) < 0.02 and abs(mean_biased_two - 0.5) < 0.02
assert torch.allclose(mean_biased_two, mean_unbiased_two / 2)
