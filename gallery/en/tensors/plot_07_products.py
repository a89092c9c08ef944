"""
Matrix product vs element-wise product
======================================

"Multiplying" two tensors can mean two different things: the matrix product ``@``
(also ``torch.matmul``) and the element-wise product ``*`` (also ``torch.mul``). The
post :ref:`post-basics-autograd` says that understanding the difference between them
clearly was especially important. This page writes both as formulas, checks each
against a hand-written loop, and looks at the shapes each one accepts.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# Two products, two formulas
# --------------------------
# For matrices :math:`A` and :math:`B`, the matrix product sums over a shared index
# :math:`k`, row of :math:`A` against column of :math:`B`:
# :math:`(AB)_{ij} = \sum_k A_{ik} B_{kj}`. The element-wise product multiplies the
# numbers that sit in the same place: :math:`(A * B)_{ij} = A_{ij} B_{ij}`.
# On two small 2x2 matrices the results are different.
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
print(f"A @ B:\n{A @ B}")
print(f"torch.matmul(A, B):\n{torch.matmul(A, B)}")
print(f"A * B:\n{A * B}")
print(f"torch.mul(A, B) equals A * B: {torch.equal(torch.mul(A, B), A * B)}")

# %%
# Checking ``@`` against the formula
# ----------------------------------
# Three nested loops compute :math:`\sum_k A_{ik} B_{kj}` one number at a time.
# ``torch.allclose`` tells whether two tensors agree up to rounding.
manual_matmul = torch.zeros(2, 2)
for i in range(2):
    for j in range(2):
        for k in range(2):
            manual_matmul[i, j] += A[i, k] * B[k, j]
print(f"loop result:\n{manual_matmul}")
print(f"A @ B matches the loop: {torch.allclose(A @ B, manual_matmul)}")

# %%
# Checking ``*`` against the formula
# ----------------------------------
# The element-wise product needs no sum: each output number is one product
# :math:`A_{ij} B_{ij}`.
manual_elementwise = torch.zeros(2, 2)
for i in range(2):
    for j in range(2):
        manual_elementwise[i, j] = A[i, j] * B[i, j]
print(f"A * B matches the loop: {torch.allclose(A * B, manual_elementwise)}")

# %%
# One more difference follows from the formulas: swapping the factors never changes
# an element-wise product, since :math:`A_{ij} B_{ij} = B_{ij} A_{ij}`, but it can
# change a matrix product. *Can*, not *must*: some pairs give the same product in
# either order, such as any matrix and the identity matrix ``torch.eye(2)`` (ones on
# the diagonal, zeros elsewhere).
identity = torch.eye(2)
print(f"A * B equals B * A: {torch.equal(A * B, B * A)}")
print(f"A @ B equals B @ A: {torch.equal(A @ B, B @ A)}")
print(f"A @ identity equals identity @ A: {torch.equal(A @ identity, identity @ A)}")

# %%
# Seeing the two products
# -----------------------
# The figure draws both inputs and both results with ``draw_tensor``.
fig, axes = plt.subplots(1, 4, figsize=(8, 2.6))
draw_tensor(axes[0], A, title="A")
draw_tensor(axes[1], B, title="B")
draw_tensor(axes[2], A @ B, title="A @ B\n(matrix product)")
draw_tensor(axes[3], A * B, title="A * B\n(element-wise)")
fig.suptitle("The same A and B, multiplied in two ways")
describe_figure(
    fig,
    "Four 2x2 grids side by side: A, with rows 1 2 and 3 4; B, with rows 5 6 and 7 8; their "
    "matrix product A @ B, with rows 19 22 and 43 50; and their element-wise product A * B, "
    "with rows 5 12 and 21 32. The same two inputs give two different results.",
)
plt.show()

# %%
# The figure shows the two inputs and the two results side by side: the same ``A``
# and ``B`` give two different tensors. Every number of ``A @ B`` mixes a whole row of
# ``A`` with a whole column of ``B``, while every number of ``A * B`` uses only the two
# numbers in the same place. The top-left corners, spelled out:
print(
    f"(A @ B)[0, 0] = {A[0, 0]:.0f}*{B[0, 0]:.0f} + {A[0, 1]:.0f}*{B[1, 0]:.0f}"
    f" = {(A @ B)[0, 0]:.0f}"
)
print(f"(A * B)[0, 0] = {A[0, 0]:.0f}*{B[0, 0]:.0f} = {(A * B)[0, 0]:.0f}")

# %%
# Shape rules
# -----------
# ``@`` needs the inner sizes to agree: an :math:`(n, k)` matrix times a
# :math:`(k, m)` matrix gives :math:`(n, m)`, the shared :math:`k` being summed away.
# ``*`` needs the same shape on both sides, and the result has that shape too (the
# one exception, shapes that *broadcast*, comes at the end of this page).
left = torch.randn(2, 3)
right = torch.randn(3, 4)
other = torch.randn(2, 3)
print(f"{tuple(left.shape)} @ {tuple(right.shape)} -> {tuple((left @ right).shape)}")
print(f"{tuple(left.shape)} * {tuple(other.shape)} -> {tuple((left * other).shape)}")

# %%
# When the shapes do not fit, PyTorch raises a ``RuntimeError`` instead of guessing.
# Two ``(2, 3)`` matrices can be multiplied element by element but not as matrices
# (3 columns against 2 rows); ``(2, 3)`` and ``(3, 4)`` the other way round.
try:
    left @ other
except RuntimeError as error:
    print(f"left @ other -> {type(error).__name__}: {str(error).splitlines()[0]}")
try:
    left * right
except RuntimeError as error:
    print(f"left * right -> {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# Matrix times vector
# -------------------
# With a 1-D tensor on the right, ``@`` is the matrix-vector product: a ``(2, 3)``
# matrix times a ``(3,)`` vector gives a ``(2,)`` vector. Each output number is the
# dot product of one row with the vector, which ``torch.dot`` (1-D times 1-D only)
# computes.
vector = torch.tensor([1.0, 0.5, -1.0])
product = left @ vector
row_by_row = torch.stack([torch.dot(row, vector) for row in left])
print(f"{tuple(left.shape)} @ {tuple(vector.shape)} -> {tuple(product.shape)}")
print(f"matches row-by-row torch.dot: {torch.allclose(product, row_by_row)}")

# %%
# ``torch.dot`` is itself an element-wise product followed by a sum, which ties the
# two products of this page together: :math:`u \cdot v = \sum_i u_i v_i`.
u = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([4.0, 5.0, 6.0])
print(f"torch.dot(u, v) = {torch.dot(u, v):.4f}")
print(f"(u * v).sum()   = {(u * v).sum():.4f}")

# %%
# A batch of matrix products
# --------------------------
# With 3-D tensors, ``@`` treats the first dimension as a batch and multiplies the
# matrices pair by pair: 3 products of ``(2, 3) @ (3, 4)`` give a ``(3, 2, 4)``
# tensor. ``torch.mm``, in contrast, accepts only 2-D matrices and refuses a batch.
batch_left = torch.randn(3, 2, 3)
batch_right = torch.randn(3, 3, 4)
batched = batch_left @ batch_right
one_by_one = torch.stack([batch_left[b] @ batch_right[b] for b in range(3)])
print(f"{tuple(batch_left.shape)} @ {tuple(batch_right.shape)} -> {tuple(batched.shape)}")
print(f"matches one product per batch: {torch.allclose(batched, one_by_one)}")
print(f"torch.mm on 2-D matrices equals @: {torch.allclose(torch.mm(A, B), A @ B)}")
try:
    torch.mm(batch_left, batch_right)
except RuntimeError as error:
    print(f"torch.mm on a batch -> {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# Broadcasting in the element-wise product
# ----------------------------------------
# ``*`` also accepts shapes that *broadcast*: a ``(2, 3)`` matrix times a ``(3,)``
# vector multiplies every row by the vector, as if the vector were repeated once per
# row. The check builds that result row by row.
matrix = torch.arange(6.0).reshape(2, 3)
scale = torch.tensor([1.0, 10.0, 100.0])
scaled = matrix * scale
rows_scaled = torch.stack([matrix[i] * scale for i in range(2)])
print(f"{tuple(matrix.shape)} * {tuple(scale.shape)} -> {tuple(scaled.shape)}")
print(f"scaled:\n{scaled}")
print(f"matches row-by-row: {torch.equal(scaled, rows_scaled)}")

# %%
fig, axes = plt.subplots(1, 3, figsize=(7, 2))
draw_tensor(axes[0], matrix, title="matrix (2, 3)")
draw_tensor(axes[1], scale, title="scale (3,)")
draw_tensor(axes[2], scaled, title="matrix * scale (2, 3)")
fig.suptitle("Broadcasting: the (3,) vector multiplies each row")
describe_figure(
    fig,
    "Three grids: matrix, of shape (2, 3), with rows 0 1 2 and 3 4 5; scale, of shape (3,), "
    "holding 1, 10, 100; and matrix * scale, again of shape (2, 3), with rows 0 10 200 and "
    "3 40 500. Each column of matrix is multiplied by the matching number of scale: the first "
    "by 1, the second by 10, the third by 100.",
)
plt.show()

# %%
# The figure shows each column of ``matrix`` multiplied by the matching number of
# ``scale``: the first column by 1, the second by 10, the third by 100. The rules
# (compare sizes from the right; a size of 1 or a missing dimension stretches) are
# spelled out in PyTorch's
# `broadcasting semantics <https://docs.pytorch.org/docs/stable/notes/broadcasting.html>`_.
#
# Summary
# -------
# - ``A @ B`` (``torch.matmul``) sums rows against columns,
#   :math:`(AB)_{ij} = \sum_k A_{ik} B_{kj}`; inner sizes must agree,
#   ``(2, 3) @ (3, 4) -> (2, 4)``; it handles vectors and batches too.
# - ``A * B`` (``torch.mul``) multiplies matching elements, :math:`(A * B)_{ij} = A_{ij} B_{ij}`;
#   shapes must be equal or broadcast.
# - ``torch.dot`` is for two 1-D vectors, ``torch.mm`` for two 2-D matrices only.
#
# API:
# `torch.matmul <https://docs.pytorch.org/docs/stable/generated/torch.matmul.html>`_,
# `torch.mul <https://docs.pytorch.org/docs/stable/generated/torch.mul.html>`_,
# `torch.mm <https://docs.pytorch.org/docs/stable/generated/torch.mm.html>`_,
# `torch.dot <https://docs.pytorch.org/docs/stable/generated/torch.dot.html>`_,
# `torch.allclose <https://docs.pytorch.org/docs/stable/generated/torch.allclose.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_tensors_plot_08_reductions.py`.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** ``column`` has shape (3, 1) and ``row_vector`` has shape
#    (3,). What is the shape of their element-wise product? Is it an error?
#
#    .. code-block:: python
#
#       column = torch.tensor([[1.0], [2.0], [3.0]])
#       row_vector = torch.tensor([1.0, 10.0, 100.0])
#       column * row_vector
#
# 2. **Change one thing and explain.** In the matrix-vector product, replace the ``@``
#    of ``product = left @ vector`` with ``*``. What do you get, and how is it related
#    to ``product``?
# 3. **Write it.** Compute ``left @ right`` with ``torch.dot`` only: element ``[i, j]``
#    of the result is the dot product of row i of ``left`` with column j of ``right``.
#    Hint: to get a column of ``right`` as a 1-D tensor, use ``.T`` from
#    :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# No error: the result is (3, 3). Compared from the right, the size 1 of ``column``
# stretches to 3, and the dimension that ``row_vector`` lacks in front stretches to the
# 3 of ``column``. So the result is a table of every pair multiplied, not of matching
# places. To multiply matching places, make the shape (3,) with ``squeeze(1)``.
column = torch.tensor([[1.0], [2.0], [3.0]])
row_vector = torch.tensor([1.0, 10.0, 100.0])
outer = column * row_vector
outer_loop = torch.zeros(3, 3)
for i in range(3):
    for j in range(3):
        outer_loop[i, j] = column[i, 0] * row_vector[j]
paired = column.squeeze(1) * row_vector
matching = torch.stack([column[i, 0] * row_vector[i] for i in range(3)])
print(f"{tuple(column.shape)} * {tuple(row_vector.shape)} -> {tuple(outer.shape)}")
print(f"column * row_vector:\n{outer}")
print(f"every [i, j] is column[i, 0] * row_vector[j]: {torch.equal(outer, outer_loop)}")
print(f"column.squeeze(1) * row_vector: {paired}, shape {tuple(paired.shape)}")
print(f"every [i] is column[i, 0] * row_vector[i]: {torch.equal(paired, matching)}")
assert outer.shape == (3, 3) and torch.equal(outer, outer_loop)
assert paired.shape == (3,) and torch.equal(paired, matching)

# %%
# Answer 2
# ^^^^^^^^
# No error, but the shape is (2, 3), not (2,). ``*`` broadcasts ``vector`` over each
# row and multiplies element by element; it does not add up. Adding up each row gives
# the dot product of that row with ``vector``, which is ``product``.
elementwise = left * vector
summed_rows = torch.stack([values.sum() for values in elementwise])
print(f"{tuple(left.shape)} * {tuple(vector.shape)} -> {tuple(elementwise.shape)}")
print(f"row sums equal product: {torch.allclose(summed_rows, product)}")
assert elementwise.shape == (2, 3) and torch.allclose(summed_rows, product)

# %%
# Answer 3
# ^^^^^^^^
# Column j of ``right`` is row j of ``right.T``, a 1-D tensor that ``torch.dot``
# accepts. One dot product for every pair of the 2 rows and 4 columns fills the
# (2, 4) result.
by_dot = torch.zeros(2, 4)
for i in range(2):
    for j in range(4):
        by_dot[i, j] = torch.dot(left[i], right.T[j])
print(f"by_dot[0, 0] = {by_dot[0, 0]:.4f}, (left @ right)[0, 0] = {(left @ right)[0, 0]:.4f}")
print(f"torch.dot gives left @ right: {torch.allclose(by_dot, left @ right)}")
assert torch.allclose(by_dot, left @ right)
