"""
Splitting and joining
=====================

A tensor can be cut into pieces, and pieces can be put back together. The post
:ref:`post-basics-autograd` names four functions for this: ``chunk`` and ``split`` to
cut, ``cat`` and ``stack`` to join. This page runs each of them, draws how the shapes
of ``cat`` and ``stack`` differ, and checks which of these functions share memory with
their input and which copy.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``shares_memory`` from the package (met in
# :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`) tells whether two
# tensors use the same memory.
import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Rectangle

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# chunk: a number of pieces
# -------------------------
# ``torch.chunk(x, 3)`` cuts ``x`` into 3 pieces along dimension 0. Every piece gets
# the size :math:`\lceil n / 3 \rceil` (:math:`n`, the size of ``x`` along that dimension,
# divided by 3 and rounded up),
# except the last one, which gets what is left.
x = torch.arange(10)
pieces = torch.chunk(x, 3)
for piece in pieces:
    print(f"{piece}  size {piece.numel()}")

# %%
# Because of that rounding up, ``chunk`` may return *fewer* pieces than asked for.
# Six elements in 4 pieces means pieces of size 2, and six elements make only three
# such pieces. When the size divides evenly, as eight elements in 4 pieces do, the
# rounding changes nothing and all 4 pieces come back.
six_in_four = [p.numel() for p in torch.chunk(torch.arange(6), 4)]
eight_in_four = [p.numel() for p in torch.chunk(torch.arange(8), 4)]
print(f"torch.chunk(torch.arange(6), 4): sizes {six_in_four}, {len(six_in_four)} pieces")
print(f"torch.chunk(torch.arange(8), 4): sizes {eight_in_four}, {len(eight_in_four)} pieces")
assert len(six_in_four) == 3 and len(eight_in_four) == 4

# %%
# split: the size of each piece
# -----------------------------
# ``torch.split`` asks for the *size* of the pieces instead of their number.
# ``split(x, 4)`` gives pieces of 4 elements and a shorter last piece; a list of
# sizes gives pieces of exactly those sizes, which must add up to the dimension's
# size.
print(f"torch.split(x, 4):         {[p.numel() for p in torch.split(x, 4)]}")
print(f"torch.split(x, [2, 3, 5]): {[p.numel() for p in torch.split(x, [2, 3, 5])]}")
try:
    torch.split(x, [2, 3])
except RuntimeError as error:
    print(f"torch.split(x, [2, 3]): {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# Both functions take a ``dim``. Split along ``dim=1``, a 2x6 tensor falls apart
# into column blocks.
m = torch.arange(12).reshape(2, 6)
left, middle, right = torch.split(m, [1, 2, 3], dim=1)
print(f"shapes: {tuple(left.shape)}, {tuple(middle.shape)}, {tuple(right.shape)}")

# %%
fig, axes = plt.subplots(1, 4, figsize=(7, 1.9), width_ratios=[6, 1, 2, 3])
draw_tensor(axes[0], m, title="m")
draw_tensor(axes[1], left, title="left")
draw_tensor(axes[2], middle, title="middle")
draw_tensor(axes[3], right, title="right")
fig.suptitle("torch.split(m, [1, 2, 3], dim=1): three column blocks")
describe_figure(
    fig,
    "The 2x6 tensor m, holding 0 to 11 row by row, next to the three column blocks "
    "torch.split cuts it into: left, one column wide (0 and 6); middle, two columns (1 2 "
    "over 7 8); and right, three columns (3 4 5 over 9 10 11). Each block keeps both rows.",
)
plt.show()

# %%
# The figure shows ``m`` and its three column blocks of widths 1, 2 and 3.
#
# The pieces are views
# --------------------
# ``chunk`` and ``split`` copy nothing: each piece is a *view*, a tensor that reads
# the memory of the original (as in
# :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`). ``data_ptr()`` gives the
# memory address of a tensor's first element: the first piece starts exactly where
# ``x`` starts.
print(f"pieces[0].data_ptr() == x.data_ptr(): {pieces[0].data_ptr() == x.data_ptr()}")
print(f"every piece shares memory with x: {all(shares_memory(p, x) for p in pieces)}")

# %%
# Writing into a piece therefore changes the original. A copy of ``x`` is used here,
# so ``x`` stays as it was.
x_copy = x.clone()
first = torch.chunk(x_copy, 3)[0]
first[0] = -1
print(f"x_copy after first[0] = -1: {x_copy}")

# %%
# cat and stack
# -------------
# ``torch.cat`` joins tensors along an *existing* dimension: the tensors must match
# in every other dimension. ``torch.stack`` puts tensors of the same shape on top of
# each other along a *new* dimension. Here are two 2x3 tensors.
a = torch.arange(6).reshape(2, 3)
b = torch.arange(6, 12).reshape(2, 3)
cat_rows = torch.cat((a, b), dim=0)
cat_cols = torch.cat((a, b), dim=1)
stacked = torch.stack((a, b))
print(f"torch.cat((a, b), dim=0): {tuple(cat_rows.shape)}")
print(f"torch.cat((a, b), dim=1): {tuple(cat_cols.shape)}")
print(f"torch.stack((a, b)):      {tuple(stacked.shape)}")

# %%
fig, axes = plt.subplot_mosaic(
    [["a", "b", "rows"], ["cols", "cols", "stack"]], figsize=(7, 4.2), height_ratios=[4, 3]
)
draw_tensor(axes["a"], a, title="a (2, 3)")
draw_tensor(axes["b"], b, title="b (2, 3)")
draw_tensor(axes["rows"], cat_rows, title="torch.cat((a, b), dim=0)\n(4, 3)")
draw_tensor(axes["cols"], cat_cols, title="torch.cat((a, b), dim=1)\n(2, 6)")
draw_tensor(axes["stack"], stacked, title="torch.stack((a, b))\n(2, 2, 3)")
for name, corner in [("b", (0, 0)), ("rows", (0, 0)), ("cols", (3, 0)), ("stack", (4, 0))]:
    axes[name].add_patch(Rectangle(corner, 3, 2, fill=False, edgecolor="tab:orange", linewidth=3))
fig.suptitle("cat joins along a dimension, stack adds one")
describe_figure(
    fig,
    "Two 2x3 tensors, a holding 0 to 5 and b holding 6 to 11, with b framed in orange "
    "wherever it goes, and three ways of joining them: torch.cat along dim=0 puts b below a "
    "in a 4x3 tensor, torch.cat along dim=1 puts b to the right of a in a 2x6 tensor, and "
    "torch.stack keeps a and b as two separate 2x3 slices, [0] and [1], of one 2x2x3 tensor.",
)
plt.show()

# %%
# The figure shows ``a`` (0 to 5) and ``b`` (6 to 11, framed in orange wherever it
# goes), then the three results: ``cat`` along ``dim=0`` puts ``b`` below ``a``
# (4x3), along ``dim=1`` beside it (2x6); ``stack`` keeps them as two separate 2x3
# slices, ``stacked[0]`` and ``stacked[1]``, of one 2x2x3 tensor.
#
# ``stack`` is ``unsqueeze`` followed by ``cat``: it adds a dimension of size 1 to
# every tensor and joins along it. ``dim`` chooses where the new dimension goes; the
# check below compares the two for every possible ``dim``.
for dim in range(3):
    by_stack = torch.stack((a, b), dim=dim)
    by_hand = torch.cat((a.unsqueeze(dim), b.unsqueeze(dim)), dim=dim)
    print(f"dim={dim}: shape {tuple(by_stack.shape)}, same as unsqueeze + cat: "
          f"{torch.equal(by_stack, by_hand)}")

# %%
# ``cat`` needs the sizes to agree everywhere except along ``dim``; ``stack`` needs
# identical shapes. A 2x3 and a 1x3 tensor can be concatenated along rows but not
# stacked.
row = torch.zeros(1, 3, dtype=torch.int64)
print(f"torch.cat((a, row)): {tuple(torch.cat((a, row)).shape)}")
try:
    torch.stack((a, row))
except RuntimeError as error:
    print(f"torch.stack((a, row)): {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# cat and stack copy
# ------------------
# The result of ``cat`` or ``stack`` is a new tensor with its own memory, so changing
# an input afterwards leaves the result as it was.
print(f"cat_rows shares memory with a: {shares_memory(cat_rows, a)}")
print(f"stacked shares memory with b:  {shares_memory(stacked, b)}")
a_copy = a.clone()
joined = torch.cat((a_copy, b))
a_copy[0, 0] = 100
print(f"joined[0, 0] after a_copy[0, 0] = 100: {joined[0, 0]}")

# %%
# Usually the inputs are separate blocks of memory, and a tensor reads one block
# (see :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`), so a copy cannot be
# avoided. But ``cat`` copies *always*, even when nothing forces it: the two halves
# of ``x`` sit next to each other in one block, and joining them still gives new
# memory. Whether the result shares memory with its inputs never depends on where the
# inputs happen to sit: it never does.
halves = torch.chunk(x, 2)
rejoined = torch.cat(halves)
print(f"halves of x share memory with x: {all(shares_memory(h, x) for h in halves)}")
print(f"cat(halves) shares memory with x: {shares_memory(rejoined, x)}")

# %%
# A round trip
# ------------
# Splitting and joining undo each other. ``cat`` of the pieces of ``split`` (or ``chunk``) gives
# back the tensor that was cut, and ``torch.unbind`` takes the slices of a
# ``stack`` apart again.
x_back = torch.cat(torch.split(x, [2, 3, 5]))
print(f"cat(split(x, [2, 3, 5])) gives x: {torch.equal(x_back, x)}")
a_slice, b_slice = torch.unbind(stacked)
print(f"unbind(stack((a, b))) gives a and b: {torch.equal(a_slice, a) and torch.equal(b_slice, b)}")

# %%
# To undo ``cat``, cut at the sizes the inputs had. ``chunk(..., 2)`` gives back
# ``a`` and ``b`` only because both have 2 rows; with ``row`` (1 row) in front of
# ``a`` (2 rows), ``chunk`` cuts 2 + 1 and gets it wrong, while ``split`` with the
# sizes ``[1, 2]`` gets it right.
a_back, b_back = torch.chunk(cat_rows, 2)
print(f"chunk(cat((a, b)), 2) gives a and b: {torch.equal(a_back, a) and torch.equal(b_back, b)}")
row_then_a = torch.cat((row, a))
print(f"chunk(cat((row, a)), 2) sizes: {[tuple(p.shape) for p in torch.chunk(row_then_a, 2)]}")
row_back, a_back = torch.split(row_then_a, [row.shape[0], a.shape[0]])
print(f"split(cat((row, a)), [1, 2]) gives row and a: "
      f"{torch.equal(row_back, row) and torch.equal(a_back, a)}")

# %%
# Summary
# -------
# - ``chunk`` cuts a tensor into a number of pieces (possibly fewer than asked for),
#   ``split`` into pieces of given sizes (one size or a list). Both return views
#   that share the original's memory.
# - ``cat`` joins along an existing dimension (4x3 or 2x6 from two 2x3 tensors);
#   ``stack`` adds a new one (2x2x3). Both always copy into new memory.
# - ``cat`` after ``split`` or ``chunk`` gives back the tensor that was cut;
#   ``split`` with the inputs' sizes undoes ``cat``, and ``unbind`` undoes ``stack``.
#
# API:
# `torch.chunk <https://docs.pytorch.org/docs/stable/generated/torch.chunk.html>`_,
# `torch.split <https://docs.pytorch.org/docs/stable/generated/torch.split.html>`_,
# `torch.cat <https://docs.pytorch.org/docs/stable/generated/torch.cat.html>`_,
# `torch.stack <https://docs.pytorch.org/docs/stable/generated/torch.stack.html>`_,
# `torch.unbind <https://docs.pytorch.org/docs/stable/generated/torch.unbind.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_tensors_plot_07_products.py`.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** A list holds four colour images of shape (3, 8, 8). What
#    are the shapes of ``torch.cat(image_list)`` and ``torch.stack(image_list)``? Which
#    one is a batch of shape (batch, channels, height, width)?
#
#    .. code-block:: python
#
#       image_list = [torch.rand(3, 8, 8) for _ in range(4)]
#
# 2. **Change one thing and explain.** Drop ``dim=1`` from
#    ``torch.split(m, [1, 2, 3], dim=1)``. What happens? And with one size,
#    ``torch.split(m, 3)``?
# 3. **Write it.** Cut the batch of images ``images = torch.rand(4, 3, 8, 8)`` into its
#    colour channels, three tensors of shape (4, 8, 8), then join them back into
#    ``images`` (``torch.unbind`` takes a ``dim``, as ``stack`` does). How do the pieces
#    of ``torch.split(images, 1, dim=1)`` differ in shape?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``cat`` joins along the existing dimension 0, the channels, so the channels of the
# four images follow one another, 3 x 4 = 12 of them: (12, 8, 8), with no dimension
# left to tell the images apart. ``stack`` adds a new dimension 0 and gives the batch
# (4, 3, 8, 8), whose ``[1]`` is the second image as it was.
image_list = [torch.rand(3, 8, 8) for _ in range(4)]
cat_images = torch.cat(image_list)
stacked_images = torch.stack(image_list)
print(f"torch.cat(image_list):   {tuple(cat_images.shape)}")
print(f"torch.stack(image_list): {tuple(stacked_images.shape)}")
print(f"stacked_images[1] equals the second image: {torch.equal(stacked_images[1], image_list[1])}")
assert cat_images.shape == (12, 8, 8) and stacked_images.shape == (4, 3, 8, 8)
assert torch.equal(stacked_images[1], image_list[1])

# %%
# Answer 2
# ^^^^^^^^
# Without ``dim`` both calls cut dimension 0, and dimension 0 of ``m`` has size 2. A
# list of sizes must add up to 2, so ``[1, 2, 3]`` raises a ``RuntimeError``. One size
# of 3 raises nothing: it makes pieces of up to 3 rows, and with only 2 rows there is
# a single piece holding all of ``m``.
try:
    torch.split(m, [1, 2, 3])
except RuntimeError as error:
    print(f"torch.split(m, [1, 2, 3]): {type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("split along dimension 0 should reject the sizes [1, 2, 3]")
row_pieces = torch.split(m, 3)
print(f"torch.split(m, 3): pieces {len(row_pieces)}, shapes {[tuple(p.shape) for p in row_pieces]}")
assert len(row_pieces) == 1 and torch.equal(row_pieces[0], m)

# %%
# Answer 3
# ^^^^^^^^
# ``torch.unbind(images, dim=1)`` takes dimension 1 (the channels) apart and removes
# it: three (4, 8, 8) tensors. ``stack`` with the same ``dim=1`` puts the channel
# dimension back in its place. The pieces of ``split`` keep a channel dimension of
# size 1, (4, 1, 8, 8), so ``cat`` joins them.
images = torch.rand(4, 3, 8, 8)
channels = torch.unbind(images, dim=1)
print(f"unbind(dim=1): {[tuple(c.shape) for c in channels]}")
print(f"stack(dim=1) gives images: {torch.equal(torch.stack(channels, dim=1), images)}")
channel_pieces = torch.split(images, 1, dim=1)
print(f"split(images, 1, dim=1): {[tuple(p.shape) for p in channel_pieces]}")
print(f"cat(dim=1) gives images: {torch.equal(torch.cat(channel_pieces, dim=1), images)}")
assert all(c.shape == (4, 8, 8) for c in channels)
assert all(p.shape == (4, 1, 8, 8) for p in channel_pieces)
assert torch.equal(torch.stack(channels, dim=1), images)
assert torch.equal(torch.cat(channel_pieces, dim=1), images)
