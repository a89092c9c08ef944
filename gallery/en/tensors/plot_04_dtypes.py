"""
Data types
==========

Every tensor stores its numbers in one data type, its ``dtype``. Three of them do most
of the work in deep learning: ``torch.float32`` for a network's maths, ``torch.int64``
for indices and class labels, and ``torch.bool`` for masks. This page shows where each
one comes from, masks a tensor, converts between types, checks what happens when types
are mixed, and measures how many bytes each element takes. The three types and their
jobs are the ones the post :ref:`post-basics-autograd` lists.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. This page also uses NumPy for an array and ``torch.nn``, PyTorch's
# collection of network layers, only to look at the numbers inside one layer
# (:ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py` teaches layers).
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# Every tensor has a dtype
# ------------------------
# ``torch.tensor`` picks the dtype from the numbers it is given: whole numbers give
# an integer tensor, numbers with a decimal point give a floating-point tensor.
whole = torch.tensor([1, 2, 3])
decimal = torch.tensor([1.0, 2.0, 3.0])
print(f"torch.tensor([1, 2, 3]).dtype:       {whole.dtype}")
print(f"torch.tensor([1.0, 2.0, 3.0]).dtype: {decimal.dtype}")

# %%
# float32: the default for network maths
# --------------------------------------
# A floating-point number written without a dtype becomes ``float32``, the *default
# dtype*. ``torch.rand`` and ``torch.randn`` give ``float32`` too, and so do the
# weights and biases (the parameters met in Getting started) of the layers in
# ``torch.nn``, such as ``nn.Linear(3, 2)``, a layer that turns 3 numbers into 2.
layer = nn.Linear(3, 2)
print(f"torch.tensor([1.0]).dtype: {torch.tensor([1.0]).dtype}")
print(f"torch.rand(2, 3).dtype:    {torch.rand(2, 3).dtype}")
print(f"default dtype:             {torch.get_default_dtype()}")
print(f"nn.Linear weight / bias:   {layer.weight.dtype} / {layer.bias.dtype}")

# %%
# ``torch.finfo`` tells what a floating-point type can hold; its ``resolution`` is
# the relative precision as a power of ten. ``float64`` keeps more than twice as many
# decimal digits as ``float32``, but networks are normally trained in ``float32``:
# its precision is enough for learning weights, and it takes half the memory of
# ``float64`` (see the end of this page).
for dtype in (torch.float32, torch.float64):
    info = torch.finfo(dtype)
    print(f"{dtype}: resolution {info.resolution}, largest {info.max:.4e}")

# %%
# int64: indices and labels
# -------------------------
# Whole numbers become ``int64`` by default, and so do ``torch.arange`` of integers and
# the positions that PyTorch's functions return, such as the position of the largest
# element that ``argmax`` finds.
scores = torch.tensor([0.1, 0.7, 0.2])
best = torch.argmax(scores)
print(f"torch.arange(4).dtype: {torch.arange(4).dtype}")
print(f"torch.argmax(scores):  {best} (dtype {best.dtype})")

# %%
# An integer tensor can index another tensor: each number picks one element. A
# floating-point tensor cannot, even when its numbers are whole. The position that
# ``argmax`` returns can be used as an index directly.
indices = torch.tensor([2, 0, 1, 1])
print(f"indices.dtype:   {indices.dtype}")
print(f"scores[indices]: {scores[indices]}")
try:
    scores[indices.float()]
except IndexError as error:
    print(f"scores[indices.float()]: {type(error).__name__}: {error}")
print(f"scores[best]:    {scores[best]:.4f}")

# %%
# Class labels are indices too: label ``2`` means "the third class". A classifier (a
# model that picks one of several classes) returns one ``float32`` score per class,
# its *logits*. ``cross_entropy``, the usual loss function for classification (a loss
# measures how wrong the predictions are, as in Getting started), compares them with
# ``int64`` labels, and ``argmax`` over the classes turns the scores into predicted
# labels of the same dtype. Here four examples with three classes use random scores.
logits = torch.randn(4, 3)
labels = torch.tensor([2, 0, 1, 1])
loss = nn.functional.cross_entropy(logits, labels)
predictions = logits.argmax(dim=1)
print(f"logits: {logits.dtype}, labels: {labels.dtype}, predictions: {predictions.dtype}")
print(f"cross-entropy loss: {loss:.4f}")
print(f"predictions: {predictions}, labels: {labels}")

# %%
# The same labels as ``int32`` are refused. PyTorch's messages call ``int64`` *Long*,
# ``int32`` *Int* and ``uint8`` *Byte*.
try:
    nn.functional.cross_entropy(logits, labels.to(torch.int32))
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")

# %%
# bool: masks
# -----------
# A comparison such as ``x > 0`` returns a ``bool`` tensor of the same shape: ``True``
# where the condition holds, ``False`` elsewhere. Such a tensor is called a *mask*.
x = torch.tensor([[1.5, -0.5, 2.0, -1.0], [-2.0, 0.5, -0.25, 3.0], [0.75, -1.5, 1.0, -0.75]])
mask = x > 0
print(f"mask.dtype: {mask.dtype}")
print(mask)

# %%
# A mask does three everyday jobs. Indexing with it, ``x[mask]``, *selects* the
# elements where it is ``True`` (as a 1-d tensor, since they no longer form a grid).
# ``torch.where`` and ``masked_fill`` *replace* elements and keep the shape. And
# ``mask.sum()`` *counts* the ``True`` elements, because ``True`` counts as 1.
selected = x[mask]
kept = torch.where(mask, x, 0.0)
print(f"x[mask]: {selected}")
print(f"torch.where(mask, x, 0.0):\n{kept}")
print(f"same as x.masked_fill(~mask, 0.0): {torch.equal(kept, x.masked_fill(~mask, 0.0))}")
print(f"mask.sum(): {mask.sum()} of {mask.numel()} elements are positive")

# %%
fig, axes = plt.subplot_mosaic(
    [["x", "mask", "where"], ["selected", "selected", "selected"]],
    figsize=(7, 3.4),
    height_ratios=[3, 1],
)
draw_tensor(axes["x"], x, title="x")
draw_tensor(axes["mask"], mask, title="mask = x > 0", cmap="Greens")
draw_tensor(axes["where"], kept, title="torch.where(mask, x, 0.0)")
draw_tensor(axes["selected"], selected, title="x[mask]: the selected elements, in order")
fig.suptitle("A bool mask selects and replaces elements")
describe_figure(
    fig,
    "Three 3x4 grids side by side: x, holding positive and negative numbers; mask = x > 0, "
    "with T in the cells where x is positive and F elsewhere; and torch.where(mask, x, 0.0), "
    "which keeps the positive values in place and puts 0 in the other cells. Below, x[mask] "
    "is a single row of the six positive values, read row by row: 1.5, 2, 0.5, 3, 0.75, 1.",
)
plt.show()

# %%
# The figure shows ``x``, its mask (``T`` for ``True``, ``F`` for ``False``), the
# result of ``torch.where``, which keeps the shape and puts 0 where the mask is
# ``False``, and ``x[mask]``, which keeps only the selected elements, read row by row.
#
# Masks combine with ``&`` (and), ``|`` (or) and ``~`` (not). ``mean`` needs a
# floating-point tensor (on a mask it raises an error), so a mask is converted to
# ``float32`` first; its mean is then the fraction of ``True`` elements. The accuracy of a classifier (the fraction
# of predictions equal to the label) is computed exactly this way.
small_positive = (x > 0) & (x < 1.5)
print(f"0 < x < 1.5: {x[small_positive]}")
try:
    mask.mean()
except RuntimeError as error:
    print(f"mask.mean(): {type(error).__name__}: {str(error).splitlines()[0]}")
print(f"fraction of positive elements: {mask.float().mean():.4f}")
print(f"accuracy of the predictions above: {(predictions == labels).float().mean():.4f}")

# %%
# Converting between dtypes
# -------------------------
# ``.to(dtype)`` returns a copy with another dtype; ``.float()``, ``.long()`` and
# ``.bool()`` are short for ``.to(torch.float32)``, ``.to(torch.int64)`` and
# ``.to(torch.bool)``. Converting to an integer type cuts off the fraction (towards
# zero), and converting to ``bool`` gives ``True`` for every non-zero number.
values = torch.tensor([2.7, -1.3, 0.0])
print(f"values.to(torch.float64): {values.to(torch.float64)}")
print(f"values.long():            {values.long()}")
print(f"values.bool():            {values.bool()}")
print(f"values itself is unchanged: {values}")

# %%
# A conversion you will need often: NumPy makes ``float64`` arrays from Python floats, and
# ``torch.from_numpy`` keeps that dtype. A ``float32`` layer refuses a ``float64``
# input; ``.float()`` fixes it.
array = np.array([[1.0, 2.0, 3.0]])
inputs = torch.from_numpy(array)
print(f"inputs.dtype: {inputs.dtype}")
try:
    layer(inputs)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
print(f"layer(inputs.float()).dtype: {layer(inputs.float()).dtype}")

# %%
# Mixing dtypes: type promotion
# -----------------------------
# When an operation meets two dtypes, PyTorch converts both to one common dtype
# (*type promotion*): a floating-point type wins over an integer type, and of two
# floating-point types the larger wins. So ``int64`` with ``float32`` gives
# ``float32``. ``torch.result_type`` tells the result's dtype without computing
# anything. Dividing integers with ``/`` gives ``float32``; ``//`` (division rounded
# down) keeps ``int64``.
counts = torch.tensor([1, 2, 3])
weights = torch.tensor([0.5, 0.25, 0.125])
print(f"torch.result_type(counts, weights): {torch.result_type(counts, weights)}")
print(f"(counts * weights).dtype:  {(counts * weights).dtype}")
print(f"(counts / 2).dtype:        {(counts / 2).dtype}")
print(f"(counts // 2).dtype:       {(counts // 2).dtype}")

# %%
# The common type is not always one that holds both exactly: ``float32`` keeps about
# 7 significant digits, so a large ``int64`` loses its last digit when it meets a
# ``float32``.
large = torch.tensor([16_777_217])
print(f"int64 {large} times float32 1.0: {large * torch.tensor([1.0])}")

# %%
# Combined with a tensor that has dimensions, a plain Python number or a 0-d tensor
# (a tensor with no dimensions that holds one number, such as ``torch.tensor(2.0)``)
# only decides the result's *kind* (integer or floating point), not its size: a
# ``float32`` tensor times a ``float64`` scalar stays ``float32``. An in-place
# operation cannot change its tensor's dtype, so adding floats into an ``int64``
# tensor in place fails.
scalar64 = torch.tensor(2.0, dtype=torch.float64)
vector64 = torch.tensor([2.0], dtype=torch.float64)
print(f"int64 tensor with 2.5:                 {torch.result_type(counts, 2.5)}")
print(f"float32 tensor with 0-d float64:       {torch.result_type(weights, scalar64)}")
print(f"float32 tensor with 1-d float64:       {torch.result_type(weights, vector64)}")
try:
    counts.add_(weights)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# Bytes per element
# -----------------
# ``element_size()`` returns how many bytes one element takes; the memory of a tensor
# is that times ``numel()``. A ``bool`` takes a whole byte, not a bit.
dtypes = [torch.float32, torch.float64, torch.int64, torch.bool]
sizes = []
for dtype in dtypes:
    million = torch.zeros(1_000_000, dtype=dtype)
    sizes.append(million.element_size())
    megabytes = million.numel() * million.element_size() / 1e6
    print(f"{str(dtype):14} {sizes[-1]} byte(s) per element, {megabytes:.1f} MB per million")

# %%
fig, ax = plt.subplots(figsize=(6, 2.6))
bars = ax.bar([str(dtype).removeprefix("torch.") for dtype in dtypes], sizes, color="tab:blue")
ax.bar_label(bars, fmt="%d")
ax.set_ylabel("bytes per element")
ax.set_ylim(0, 9)
ax.set_title("element_size() of four dtypes")
describe_figure(
    fig,
    "Bar chart of the bytes one element takes in four dtypes: float32 takes 4, float64 and "
    "int64 take 8 each, twice as much, and bool takes 1, a whole byte rather than a bit.",
)
plt.show()

# %%
# The bar chart shows that ``float64`` and ``int64`` take 8 bytes per element, twice
# as much as ``float32``, and ``bool`` takes 1.
#
# Summary
# -------
# - ``float32`` is the default for floating-point tensors and for the weights of
#   ``torch.nn`` layers; ``int64`` for whole numbers, indices, ``argmax`` results and
#   class labels; ``bool`` for the results of comparisons, used as masks.
# - A mask selects (``x[mask]``), replaces (``torch.where``, ``masked_fill``) and
#   counts (``mask.sum()``).
# - ``.to(dtype)``, ``.float()`` and ``.long()`` convert; mixing dtypes promotes to a
#   common type (floating point over integer, the larger float over the smaller),
#   which ``torch.result_type`` predicts.
#
# Next: :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`, which changes the
# shape of tensors.
#
# PyTorch reference:
# `tensor attributes (dtype) <https://docs.pytorch.org/docs/stable/tensor_attributes.html>`_,
# `torch.Tensor.to <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html>`_,
# `torch.where <https://docs.pytorch.org/docs/stable/generated/torch.where.html>`_,
# `torch.Tensor.masked_fill <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.masked_fill.html>`_,
# `torch.result_type <https://docs.pytorch.org/docs/stable/generated/torch.result_type.html>`_,
# `torch.Tensor.element_size <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.element_size.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** The code below is meant to add up a few floats. Does it
#    run to the end? What is the dtype of ``total``?
#
#    .. code-block:: python
#
#       total = torch.tensor(0)
#       for value in [0.5, 1.5]:
#           total += value
#
# 2. **Change one thing and explain.** Make a mask ``keep = scores > 0.15``, then
#    index with ``scores[keep.long()]`` instead of ``scores[keep]``. What comes out?
# 3. **Write it.** Use a mask to find the fraction of the elements of ``x`` that are
#    between -1 and 1 (both included), and the mean of those elements.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# No. ``torch.tensor(0)`` is made from a whole number, so it is an ``int64`` tensor,
# and ``+=`` is an in-place operation too, which cannot change the tensor's dtype.
# Adding 0.5 gives a ``float32`` result that an ``int64`` tensor cannot hold, so it
# raises a ``RuntimeError``. Start from ``torch.tensor(0.0)`` instead.
total = torch.tensor(0)
try:
    for value in [0.5, 1.5]:
        total += value
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("adding a float into an int64 tensor in place should fail")
assert torch.result_type(total, 0.5) == torch.float32
print(f"dtype of torch.tensor(0): {total.dtype}")
total = torch.tensor(0.0)
for value in [0.5, 1.5]:
    total += value
print(f"total started from torch.tensor(0.0): {total:.4f} (dtype {total.dtype})")
assert total.dtype == torch.float32
assert total.item() == 2.0

# %%
# Answer 2
# ^^^^^^^^
# ``keep.long()`` is an ``int64`` tensor with 1 for ``True`` and 0 for ``False``,
# and an ``int64`` tensor is read as positions, not as a mask. So out come the
# elements at positions 0, 1 and 1, not the elements larger than 0.15. The result
# is as long as the mask and there is no error, which makes the mistake easy to miss.
keep = scores > 0.15
print(f"keep:                {keep}")
print(f"scores[keep]:        {scores[keep]}")
print(f"keep.long():         {keep.long()}")
print(f"scores[keep.long()]: {scores[keep.long()]}")
assert torch.equal(scores[keep], torch.tensor([0.7, 0.2]))
assert torch.equal(scores[keep.long()], scores[torch.tensor([0, 1, 1])])

# %%
# Answer 3
# ^^^^^^^^
# Combine the two conditions with ``&`` into one mask. The mean of the mask as
# ``float32`` is the fraction, and the mean of the elements it selects is their
# mean. To check both, compute them another way: divide the count of ``True``
# elements by the number of elements, and divide by that count the sum left after
# ``torch.where`` has set the other elements to 0.
in_range = (x >= -1) & (x <= 1)
fraction = in_range.float().mean()
mean_in_range = x[in_range].mean()
print(f"elements from -1 to 1: {x[in_range]}")
print(f"fraction: {fraction:.4f}, mean: {mean_in_range:.4f}")
count = in_range.sum()
assert torch.isclose(fraction, count / x.numel())
assert torch.isclose(mean_in_range, torch.where(in_range, x, 0.0).sum() / count)
