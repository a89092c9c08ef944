"""
Changing shape
==============

The same numbers can be arranged in many shapes: a row, a column, a grid, a batch of
images. This page runs the shape examples of the post :ref:`post-concepts`
(``reshape``, ``transpose`` and ``flatten`` of a 2x2 tensor), adds and removes
dimensions of size 1 with ``unsqueeze`` and ``squeeze``, which the post
:ref:`post-basics-autograd` lists, and shows the one difference that matters most:
``reshape`` keeps the order of the elements, ``transpose`` changes it. It ends with
how a tensor sits in memory (its *strides*), which explains when ``view`` works and
when ``reshape`` copies.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed.
import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Rectangle

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

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
# (*row-major* order, also the order in which ``torch.tensor``, ``zeros``, ``arange``
# and the other creation functions store their elements; the end of this page shows
# it).
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
describe_figure(
    fig,
    "Top: the 2x3 tensor a, holding 0 to 5 row by row, and two 3x2 tensors made from it: "
    "a.reshape(3, 2), whose rows are 0 1, 2 3, 4 5, and a.T, whose rows are 0 3, 1 4, 2 5. "
    "Bottom: each of the three flattened into one row; a and its reshape both read 0, 1, 2, "
    "3, 4, 5, while a.T reads 0, 3, 1, 4, 2, 5.",
)
plt.show()

# %%
# The figure shows ``a`` and two 3x2 tensors made from it (top), each read row by
# row (bottom): after ``reshape`` the elements still run 0 to 5, after the transpose
# they run 0, 3, 1, 4, 2, 5.
#
# flatten from a dimension on
# ---------------------------
# Models process several examples at once, a *batch*. A batch of colour images has
# shape (batch, channels, height, width), with 3 channels for red, green and blue. A
# linear layer (``nn.Linear``, taught in
# :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`) wants one row of numbers
# per example, so ``flatten(start_dim=1)`` keeps dimension 0 and flattens the rest:
# 3 x 8 x 8 = 192 values per image.
images = torch.rand(4, 3, 8, 8)
rows = images.flatten(start_dim=1)
print(f"images: {tuple(images.shape)} -> flatten(start_dim=1): {tuple(rows.shape)}")

# %%
# unsqueeze adds a dimension of size 1
# ------------------------------------
# Models take batches. A single image of shape (3, 64, 64), 3 channels of 64x64
# pixels, becomes a batch of one,
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
describe_figure(
    fig,
    "The vector v of shape (3,), holding 1, 2, 3, drawn next to v.unsqueeze(0), a row of "
    "shape (1, 3), and v.unsqueeze(1), a column of shape (3, 1). All three hold the same "
    "numbers in the same order; only the shape differs.",
)
plt.show()

# %%
# The figure shows ``v`` next to the row ``(1, 3)`` and the column ``(3, 1)`` that
# ``unsqueeze`` makes from it; the elements are the same, only the shape differs.
#
# squeeze removes dimensions of size 1
# ------------------------------------
# ``squeeze(0)`` undoes ``unsqueeze(0)``. Without an argument ``squeeze`` removes
# *every* dimension of size 1. Given a dimension whose size is not 1, such as
# dimension 1 of size 3 below, it leaves the tensor as it is, without an error.
print(f"batch.squeeze(0): {tuple(batch.squeeze(0).shape)}")
padded = torch.zeros(1, 3, 1, 5)
print(f"{tuple(padded.shape)} -> squeeze(): {tuple(padded.squeeze().shape)}")
print(f"{tuple(padded.shape)} -> squeeze(1): {tuple(padded.squeeze(1).shape)}")

# %%
# Strides: how a shape is read from memory
# ----------------------------------------
# A tensor's numbers sit one after another in a single block of memory, its
# *storage*. The shape says how to read that row of numbers as a grid, and the
# *strides* say how many storage places one step along each dimension moves. Take a
# 2x3 tensor ``m`` whose values (10 to 60) differ from their storage places (0 to 5).
# A step down moves 3 places, a step right moves 1, so element ``(row, col)`` sits at
# storage place ``row * 3 + col * 1``. ``data_ptr()`` gives the memory address of a
# tensor's first element: ``m.flatten()`` starts at the same address, so it is the
# storage itself, read in order, not a copy (``tolist()`` turns it into a Python
# list for printing). ``torch.tensor``, ``zeros``, ``ones`` and the other creation
# functions lay out a new tensor the same way, row by row, as the second line shows.
m = torch.arange(10, 70, 10).reshape(2, 3)
storage = m.flatten()
m_matches = all(
    m[row, col] == storage[row * m.stride(0) + col * m.stride(1)]
    for row in range(2)
    for col in range(3)
)
assert m_matches and storage.data_ptr() == m.data_ptr()
print(f"m.shape: {tuple(m.shape)}, m.stride(): {m.stride()}")
print(f"strides of new 2x3 tensors: torch.tensor {torch.tensor([[1, 2, 3], [4, 5, 6]]).stride()},"
      f" torch.zeros {torch.zeros(2, 3).stride()}, torch.ones {torch.ones(2, 3).stride()}")
print(f"storage: {storage.tolist()}, same address as m: {storage.data_ptr() == m.data_ptr()}")
print(f"every m[row, col] is storage[row * 3 + col * 1]: {m_matches}")

# %%
# ``m.T`` copies nothing: it starts at the same address and only swaps the strides to
# (1, 3), so its element ``(row, col)`` sits at ``row * 1 + col * 3``. Reading ``m.T``
# row by row therefore jumps around in storage. A tensor whose row-by-row reading
# walks through its storage one place at a time is called *contiguous*; ``m`` is,
# ``m.T`` is not.
t = m.T
t_matches = all(
    t[row, col] == storage[row * t.stride(0) + col * t.stride(1)]
    for row in range(3)
    for col in range(2)
)
t_order = [row * t.stride(0) + col * t.stride(1) for row in range(3) for col in range(2)]
assert t_matches and t.data_ptr() == m.data_ptr() and not t.is_contiguous()
print(f"m.T.shape: {tuple(t.shape)}, m.T.stride(): {t.stride()}")
print(f"m.T starts at the same address as m: {t.data_ptr() == m.data_ptr()}")
print(f"every m.T[row, col] is storage[row * 1 + col * 3]: {t_matches}")
print(f"storage places read row by row: m {list(range(6))}, m.T {t_order}")
print(f"m.is_contiguous(): {m.is_contiguous()}, m.T.is_contiguous(): {t.is_contiguous()}")

# %%
place_colours = plt.get_cmap("Pastel1")


def draw_grid(ax, tensor, *, title):
    rows, cols = tensor.shape
    for row in range(rows):
        for col in range(cols):
            place = row * tensor.stride(0) + col * tensor.stride(1)
            ax.add_patch(
                Rectangle((col, rows - 1 - row), 1, 1, facecolor=place_colours(place), ec="black")
            )
            ax.text(col + 0.5, rows - 0.4 - row, f"{tensor[row, col]}", ha="center", fontsize=11)
            ax.text(col + 0.5, rows - 0.85 - row, f"[{place}]", ha="center", fontsize=8)
    ax.set_xlim(-0.1, cols + 0.1)
    ax.set_ylim(-0.1, rows + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)


def draw_storage(ax, tensor, storage, *, title):
    rows, cols = tensor.shape
    order = [row * tensor.stride(0) + col * tensor.stride(1) for row in range(rows) for col in range(cols)]
    for place, value in enumerate(storage.tolist()):
        ax.add_patch(Rectangle((place, 0), 1, 1, facecolor=place_colours(place), ec="black"))
        ax.text(place + 0.5, 0.4, f"{value}", ha="center", fontsize=11)
        ax.text(place + 0.5, 1.1, f"[{place}]", ha="center", fontsize=8)
    for start, end in zip(order, order[1:], strict=False):
        y = 1.45 if end > start else -0.05
        ax.annotate(
            "",
            xy=(end + 0.5, y),
            xytext=(start + 0.5, y),
            arrowprops={
                "arrowstyle": "->",
                "color": "tab:red",
                "shrinkA": 2,
                "shrinkB": 2,
                "connectionstyle": "arc3,rad=-0.4",
            },
        )
    ax.text(3, -1.5, " → ".join(str(place) for place in order), ha="center", fontsize=9)
    ax.set_xlim(-0.1, 6.1)
    ax.set_ylim(-1.8, 2.9)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)


fig, axes = plt.subplot_mosaic(
    [["m", "t"], ["m_storage", "t_storage"]], figsize=(7.5, 5.2), height_ratios=[3, 2.6]
)
draw_grid(axes["m"], m, title=f"m: shape {tuple(m.shape)}, stride {m.stride()}")
draw_grid(axes["t"], t, title=f"m.T: shape {tuple(t.shape)}, stride {t.stride()}")
draw_storage(axes["m_storage"], m, storage, title="storage, m read row by row:\nin order (contiguous)")
draw_storage(axes["t_storage"], t, storage, title="the same storage, m.T read row by row:\njumps (not contiguous)")
fig.suptitle("One storage, two sets of strides: m and m.T")
describe_figure(
    fig,
    f"Top: m as a grid of shape {tuple(m.shape)} with stride {m.stride()}, holding 10 to 60 "
    f"row by row, and m.T as a grid of shape {tuple(t.shape)} with stride {t.stride()}; each "
    "cell shows its value and, in brackets and by its colour, its place in storage. Bottom: "
    "the one storage both share, drawn once under each of them, 10 to 60 in places 0 to 5, "
    "with arrows in the order that tensor is read row by row: m steps through it one place at a time (0, 1, 2, 3, 4, 5), so it is "
    "contiguous; m.T jumps "
    f"({', '.join(str(place) for place in t_order)}), so it is not.",
)
plt.show()

# %%
# The figure shows ``m`` and ``m.T`` as grids (top), each cell with its storage place
# in brackets and the colour of that place, and the one storage they share (bottom),
# with arrows in the order each tensor is read row by row: one place at a time for
# ``m``; for ``m.T``, three places forward (arrows above) and two back (arrows
# below), in turn.
#
# view never copies, reshape copies when it must
# ----------------------------------------------
# ``view`` gives the same storage a new shape by choosing new strides; it never copies.
# Flattening ``m.T`` would need the storage order 0, 3, 1, 4, 2, 5, which no single
# stride can step through, so ``view`` raises an error. ``reshape`` does the same job
# but copies when a view is impossible: its result starts at a new address.
try:
    t.view(6)
except RuntimeError as error:
    print(f"m.T.view(6) -> {type(error).__name__}: {error}")
flat_copy = t.reshape(6)
print(f"m.T.reshape(6): {flat_copy.tolist()}, same address as m: {flat_copy.data_ptr() == m.data_ptr()}")
print(f"m.reshape(6) (m is contiguous): same address as m: {m.reshape(6).data_ptr() == m.data_ptr()}")

# %%
# Being non-contiguous is not enough to make ``view`` fail; it depends on the new shape
# too. Adding a
# dimension of size 1 in front needs no new order, so ``m.T.view(1, 3, 2)`` works,
# shares the storage, and ``reshape`` then copies nothing either. The rule: ``view``
# works exactly when the new shape can be read from the same storage with strides,
# and ``reshape`` returns a view in that case and a copy otherwise.
batch_of_one = t.view(1, 3, 2)
print(f"m.T.view(1, 3, 2).stride(): {batch_of_one.stride()}")
print(f"  same address as m: {batch_of_one.data_ptr() == m.data_ptr()}")
print(f"m.T.reshape(1, 3, 2), same address as m: {t.reshape(1, 3, 2).data_ptr() == m.data_ptr()}")

# %%
# ``m.T.contiguous()`` copies the elements into new storage laid out row by row
# (strides (2, 1) for a 3x2 tensor), and then ``view`` works. On a tensor that is
# already contiguous, ``.contiguous()`` copies nothing and returns the tensor
# itself.
t_copy = t.contiguous()
print(f"m.T.contiguous().stride(): {t_copy.stride()}, same address as m: {t_copy.data_ptr() == m.data_ptr()}")
print(f"m.T.contiguous().view(6): {t_copy.view(6).tolist()}")
print(f"m.contiguous() is m itself: {m.contiguous() is m}")

# %%
# Because a view shares the storage, writing through it changes the original tensor.
# Here a copy of ``m`` is used, so ``m`` stays as it was. Whether ``reshape`` returns
# a view depends on the strides, so PyTorch's documentation tells you not to rely
# on it: when writing through the result matters, use ``view``, or ``clone()`` to
# get a copy.
y = m.clone()
y_flat = y.view(6)
y_flat[0] = 100
print(f"y after y.view(6)[0] = 100:\n{y}")

# %%
# Summary
# -------
# - ``reshape`` arranges the same elements in a new shape (one size may be ``-1``)
#   and keeps their row-major order; ``flatten`` is ``reshape`` into one row, from
#   ``start_dim`` on.
# - ``transpose`` (``.T`` for 2-d) swaps two dimensions and changes the order in which
#   the elements are read.
# - ``unsqueeze`` adds a dimension of size 1, ``squeeze`` removes it.
# - A tensor is a storage plus a shape and strides: element ``(row, col)`` sits at
#   ``row * stride(0) + col * stride(1)``. ``transpose`` swaps the strides and copies
#   nothing, so ``m.T`` is not contiguous.
# - ``view`` never copies: it works when the new shape can be read from the same
#   storage with strides and raises an error otherwise. ``reshape`` then copies.
#
# Next: :ref:`sphx_glr_auto_examples_tensors_plot_06_split_join.py`, which splits
# tensors into pieces and joins them again.
#
# PyTorch reference:
# `torch.reshape <https://docs.pytorch.org/docs/stable/generated/torch.reshape.html>`_,
# `torch.transpose <https://docs.pytorch.org/docs/stable/generated/torch.transpose.html>`_,
# `torch.flatten <https://docs.pytorch.org/docs/stable/generated/torch.flatten.html>`_,
# `torch.unsqueeze <https://docs.pytorch.org/docs/stable/generated/torch.unsqueeze.html>`_,
# `torch.squeeze <https://docs.pytorch.org/docs/stable/generated/torch.squeeze.html>`_,
# `torch.Tensor.view <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.view.html>`_,
# `torch.Tensor.stride <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.stride.html>`_,
# `torch.Tensor.is_contiguous <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.is_contiguous.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** A batch that holds one 28x28 greyscale image (one channel)
#    has shape (1, 1, 28, 28). What shape do ``squeeze()`` and ``squeeze(0)`` below
#    return?
#
#    .. code-block:: python
#
#       gray_batch = torch.zeros(1, 1, 28, 28)
#       gray_batch.squeeze()
#       gray_batch.squeeze(0)
#
# 2. **Change one thing and explain.** In the last example, replace ``y.view(6)`` with
#    ``y.T.reshape(6)``. Does ``y`` still change after ``y_flat[0] = 100``? In both
#    cases ``y_flat[0]`` holds the value of ``y[0, 0]``.
# 3. **Write it.** Some libraries store an image as (height, width, channels). Turn
#    ``hwc = torch.arange(12).reshape(2, 2, 3)`` into the (channels, height, width)
#    order this page uses: element ``[c, h, w]`` of the result must equal
#    ``hwc[h, w, c]``. ``hwc.reshape(3, 2, 2)`` has the shape (3, 2, 2) too; why is it
#    not an answer?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# Without an argument ``squeeze()`` removes *every* dimension of size 1, so the batch
# and the channel dimensions both go: (28, 28). ``squeeze(0)`` removes only dimension
# 0 and returns (1, 28, 28). When you know which dimension should go, name it, so that
# no other dimension is lost.
gray_batch = torch.zeros(1, 1, 28, 28)
print(f"squeeze():  {tuple(gray_batch.squeeze().shape)}")
print(f"squeeze(0): {tuple(gray_batch.squeeze(0).shape)}")
assert gray_batch.squeeze().shape == (28, 28)
assert gray_batch.squeeze(0).shape == (1, 28, 28)

# %%
# Answer 2
# ^^^^^^^^
# No. Laying ``y.T`` out as one line means reading the storage places in the order
# 0, 3, 1, 4, 2, 5, as for ``m.T``, and no single stride gives that order, so
# ``reshape`` returns a copy. On the contiguous ``y``, ``reshape(6)`` returns a
# view, and then the same assignment changes ``y``.
y = m.clone()
y_flat = y.T.reshape(6)
y_flat[0] = 100
print(f"y.T.reshape(6), same address as y: {y_flat.data_ptr() == y.data_ptr()}")
print(f"y after y.T.reshape(6)[0] = 100:\n{y}")
assert y_flat.data_ptr() != y.data_ptr() and torch.equal(y, m)
y_flat = y.reshape(6)
y_flat[0] = 100
print(f"y.reshape(6), same address as y: {y_flat.data_ptr() == y.data_ptr()}")
print(f"y[0, 0] after y.reshape(6)[0] = 100: {y[0, 0]}")
assert y_flat.data_ptr() == y.data_ptr() and y[0, 0] == 100

# %%
# Answer 3
# ^^^^^^^^
# Swap dimensions twice with ``transpose``: swapping 0 and 2 turns (height, width,
# channels) into (channels, width, height), and swapping 1 and 2 then gives
# (channels, height, width). Height and width are both 2 in this image, so the first
# ``transpose`` alone already gives the shape (3, 2, 2), but with height and width
# swapped. ``reshape`` fills the new shape in row-major order, so its channel 0
# holds the three channels of the first pixel and channel 0 of the second.
hwc = torch.arange(12).reshape(2, 2, 3)
chw = hwc.transpose(0, 2).transpose(1, 2)
one_swap = hwc.transpose(0, 2)
wrong = hwc.reshape(3, 2, 2)
chw_matches = all(
    chw[c, h, w] == hwc[h, w, c] for c in range(3) for h in range(2) for w in range(2)
)
print(f"two transposes: shape {tuple(chw.shape)}, channel 0 {chw[0].flatten().tolist()}")
print(f"one transpose: shape {tuple(one_swap.shape)}, channel 0 {one_swap[0].flatten().tolist()}")
print(f"reshape(3, 2, 2): shape {tuple(wrong.shape)}, channel 0 {wrong[0].flatten().tolist()}")
print(f"every chw[c, h, w] equals hwc[h, w, c]: {chw_matches}")
assert chw_matches and not torch.equal(chw, wrong)
assert one_swap.shape == chw.shape and torch.equal(one_swap, chw.transpose(1, 2))
