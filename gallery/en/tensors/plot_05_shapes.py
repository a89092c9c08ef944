"""
Changing shape
==============

The same numbers can be arranged in many shapes: a row, a column, a grid, a batch of
images. This page runs the shape examples of the original lesson (``reshape``,
``transpose``, ``flatten``), adds and removes dimensions of size 1 with ``unsqueeze``
and ``squeeze``, and shows the one difference that matters most: ``reshape`` keeps the
order of the elements, ``transpose`` changes it.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``shares_memory`` from the package tells whether two tensors use
# the same memory.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.plotting import draw_tensor, use_site_style
from pytorch_basics.tensors import shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# The shape of a tensor
# ---------------------
# ``x.shape`` lists the size of each dimension, ``x.ndim`` counts the dimensions and
# ``x.numel()`` counts the elements: the product of the sizes.
x = torch.tensor([[1, 2], [3, 4]])
print(f"x.shape: {x.shape}, x.ndim: {x.ndim}, x.numel(): {x.numel()}")

# %%
# reshape
# -------
# ``reshape`` arranges the same elements in a new shape. The new shape must hold
# exactly as many elements as the old one: the 2x2 ``x`` becomes a 4x1 column.
reshaped = x.reshape(4, 1)
print(f"x.reshape(4, 1):\n{reshaped}")
print(f"shape: {tuple(reshaped.shape)}")

# %%
# One size may be ``-1``: PyTorch works it out from the number of elements. With 12
# elements, ``reshape(3, -1)`` gives 3 rows of 4 and ``reshape(-1, 2, 3)`` gives two
# 2x3 blocks. A shape whose sizes do not multiply to 12 is an error.
twelve = torch.arange(12)
print(f"torch.arange(12).reshape(3, -1):    {tuple(twelve.reshape(3, -1).shape)}")
print(f"torch.arange(12).reshape(-1, 2, 3): {tuple(twelve.reshape(-1, 2, 3).shape)}")
try:
    twelve.reshape(5, -1)
except RuntimeError as error:
    print(f"reshape(5, -1): {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# transpose
# ---------
# ``torch.transpose(x, 0, 1)`` swaps dimensions 0 and 1: rows become columns. For a
# 2-d tensor ``x.T`` is the same thing.
transposed = torch.transpose(x, 0, 1)
print(f"torch.transpose(x, 0, 1):\n{transposed}")
print(f"equal to x.T: {torch.equal(transposed, x.T)}")

# %%
# flatten
# -------
# ``torch.flatten`` lays every element out in one row, reading ``x`` row by row
# (*row-major* order, the order in which PyTorch stores a new tensor).
flattened = torch.flatten(x)
print(f"torch.flatten(x): {flattened}")

# %%
# reshape keeps the order, transpose changes it
# ---------------------------------------------
# ``x.reshape(2, 2)`` and ``x.T`` have the same shape as ``x``, yet only one of them
# is ``x``: reshape reads the elements in row-major order and fills the new shape in
# the same order, so their order never changes. Transpose moves elements to new
# places. Flattening each one shows it.
print(f"x.reshape(2, 2).flatten(): {x.reshape(2, 2).flatten()}")
print(f"x.T.flatten():             {x.T.flatten()}")

# %%
# A 2x3 tensor makes the difference easier to see: ``reshape(3, 2)`` and ``.T`` both
# give a 3x2 tensor, but not the same one.
a = torch.arange(6).reshape(2, 3)
print(f"a.reshape(3, 2) equals a.T: {torch.equal(a.reshape(3, 2), a.T)}")

# %%
fig, axes = plt.subplots(2, 3, figsize=(7, 3.6), height_ratios=[3, 1])
draw_tensor(axes[0, 0], a, title="a (2, 3)")
draw_tensor(axes[0, 1], a.reshape(3, 2), title="a.reshape(3, 2)")
draw_tensor(axes[0, 2], a.T, title="a.T (3, 2)")
draw_tensor(axes[1, 0], a.flatten(), title="a.flatten()")
draw_tensor(axes[1, 1], a.reshape(3, 2).flatten(), title="a.reshape(3, 2).flatten()")
draw_tensor(axes[1, 2], a.T.flatten(), title="a.T.flatten()")
fig.suptitle("reshape keeps the row-major order, transpose changes it")
plt.show()

# %%
# The figure shows ``a`` and two 3x2 tensors made from it (top), each read row by
# row (bottom): after ``reshape`` the elements still run 0 to 5, after the transpose
# they run 0, 3, 1, 4, 2, 5.
#
# flatten from a dimension on
# ---------------------------
# A batch of images has shape (batch, channels, height, width). A linear layer wants
# one row per image, so ``flatten(start_dim=1)`` keeps dimension 0 and flattens the
# rest: 3 x 8 x 8 = 192 values per image.
images = torch.rand(4, 3, 8, 8)
rows = images.flatten(start_dim=1)
print(f"images: {tuple(images.shape)} -> flatten(start_dim=1): {tuple(rows.shape)}")

# %%
# unsqueeze adds a dimension of size 1
# ------------------------------------
# Models take batches. A single image of shape (3, 64, 64) becomes a batch of one,
# (1, 3, 64, 64), with ``unsqueeze(0)``: a new dimension of size 1 at position 0.
# Indexing with ``None`` does the same.
image = torch.rand(3, 64, 64)
batch = image.unsqueeze(0)
print(f"image.unsqueeze(0): {tuple(image.shape)} -> {tuple(batch.shape)}")
print(f"same as image[None]: {torch.equal(batch, image[None])}")

# %%
# Where the new dimension goes decides the shape: the three numbers of ``v`` become
# one row with ``unsqueeze(0)`` and one column with ``unsqueeze(1)``.
v = torch.tensor([1, 2, 3])
print(f"v.unsqueeze(0): {tuple(v.unsqueeze(0).shape)}")
print(f"v.unsqueeze(1): {tuple(v.unsqueeze(1).shape)}")

# %%
fig, axes = plt.subplots(1, 3, figsize=(6.5, 2.6), width_ratios=[3, 3, 2])
draw_tensor(axes[0], v, title="v\n(3,)")
draw_tensor(axes[1], v.unsqueeze(0), title="v.unsqueeze(0)\n(1, 3)")
draw_tensor(axes[2], v.unsqueeze(1), title="v.unsqueeze(1)\n(3, 1)")
fig.suptitle("unsqueeze: a row or a column from the same vector")
plt.show()

# %%
# The figure shows ``v`` next to the row ``(1, 3)`` and the column ``(3, 1)`` that
# ``unsqueeze`` makes from it; the elements are the same, only the shape differs.
#
# squeeze removes dimensions of size 1
# ------------------------------------
# ``squeeze(0)`` undoes ``unsqueeze(0)``. Without an argument ``squeeze`` removes
# *every* dimension of size 1; a dimension whose size is not 1 is left alone.
print(f"batch.squeeze(0): {tuple(batch.squeeze(0).shape)}")
ones = torch.zeros(1, 3, 1, 5)
print(f"{tuple(ones.shape)} -> squeeze(): {tuple(ones.squeeze().shape)}")
print(f"{tuple(ones.shape)} -> squeeze(1): {tuple(ones.squeeze(1).shape)}")

# %%
# reshape may copy, view never does
# ---------------------------------
# A tensor is one block of memory plus a rule for reading it (its *strides*: how many
# elements to skip for each step along each dimension). Transposing only changes
# the rule, so ``x.T`` shares ``x``'s memory but is not *contiguous*: reading it row
# by row jumps around in memory.
print(f"x.stride(): {x.stride()}, x.T.stride(): {x.T.stride()}")
print(f"x.T shares memory with x: {shares_memory(x.T, x)}")
print(f"x.is_contiguous(): {x.is_contiguous()}, x.T.is_contiguous(): {x.T.is_contiguous()}")

# %%
# ``reshape`` of a contiguous tensor returns a view of the same memory. ``reshape``
# of ``x.T`` cannot express the new order with strides, so it quietly copies.
print(f"x.reshape(4) shares memory with x:   {shares_memory(x.reshape(4), x)}")
print(f"x.T.reshape(4) shares memory with x: {shares_memory(x.T.reshape(4), x)}")

# %%
# ``view`` changes the shape like ``reshape`` but never copies: where a view is
# impossible it raises an error. ``.contiguous()`` makes a row-major copy first, and
# then ``view`` works.
try:
    x.T.view(4)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
print(f"x.T.contiguous().view(4): {x.T.contiguous().view(4)}")

# %%
# Because a view shares memory, writing through it changes the original tensor.
# Here a copy of ``x`` is used, so ``x`` stays as it was.
y = x.clone()
y_flat = y.view(4)
y_flat[0] = 100
print(f"y after y.view(4)[0] = 100:\n{y}")

# %%
# Summary
# -------
# - ``reshape`` arranges the same elements in a new shape (one size may be ``-1``)
#   and keeps their row-major order; ``flatten`` is ``reshape`` into one row, from
#   ``start_dim`` on.
# - ``transpose`` (``.T`` for 2-d) swaps two dimensions and changes the order in which
#   the elements are read.
# - ``unsqueeze`` adds a dimension of size 1, ``squeeze`` removes it.
# - ``view`` never copies and fails on non-contiguous tensors; ``reshape`` copies when
#   it has to.
#
# Next, :ref:`sphx_glr_auto_examples_tensors_plot_06_split_join.py` splits tensors
# into pieces and joins them again. API:
# `torch.reshape <https://docs.pytorch.org/docs/stable/generated/torch.reshape.html>`_,
# `torch.transpose <https://docs.pytorch.org/docs/stable/generated/torch.transpose.html>`_,
# `torch.flatten <https://docs.pytorch.org/docs/stable/generated/torch.flatten.html>`_,
# `torch.unsqueeze <https://docs.pytorch.org/docs/stable/generated/torch.unsqueeze.html>`_,
# `torch.squeeze <https://docs.pytorch.org/docs/stable/generated/torch.squeeze.html>`_,
# `torch.Tensor.view <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.view.html>`_.
