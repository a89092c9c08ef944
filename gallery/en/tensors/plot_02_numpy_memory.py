"""
torch.from_numpy vs torch.tensor: memory sharing
=================================================

Both functions turn a NumPy array into a tensor, but only one of them copies the
numbers. This page changes an array after the conversion and watches which
tensors change with it, checks who shares memory with whom, and ends with when
to use ``torch.from_numpy``, ``torch.as_tensor`` or ``torch.tensor``. The post
:ref:`post-basics-autograd` ends with exactly this question: what is the difference
between the two, and what does sharing memory cost and buy?
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. The numbers below are the ones you get when you run the page,
# except the measured times, which differ from machine to machine.
import timeit

import matplotlib.pyplot as plt
import numpy as np
import torch

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import describe, shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# One array, two tensors
# ----------------------
# Start from a small NumPy array and convert it twice. Both tensors hold the
# same numbers and keep NumPy's ``float64`` dtype.
array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)
copied = torch.tensor(array)
print(describe(shared))
print(describe(copied))

# %%
# Change the array in place
# -------------------------
# ``array[0] = 100.0`` writes into the array's memory; it does not create a new
# array. Keep a copy of each object first so the figure below can show the
# before and after.
before = [torch.tensor(array), shared.clone(), copied.clone()]
array[0] = 100.0
print(f"array:              {array}")
print(f"torch.from_numpy:   {shared}")
print(f"torch.tensor:       {copied}")

# %%
# The tensor made by ``torch.from_numpy`` changed with the array; the one made by
# ``torch.tensor`` did not. The figure puts the three objects side by side.
fig, axes = plt.subplots(2, 3, figsize=(7, 3))
draw_tensor(axes[0, 0], before[0], title="array (before)")
draw_tensor(axes[0, 1], before[1], title="from_numpy (before)")
draw_tensor(axes[0, 2], before[2], title="tensor (before)")
draw_tensor(axes[1, 0], torch.from_numpy(array), title="array (after)")
draw_tensor(axes[1, 1], shared, title="from_numpy (after)")
draw_tensor(axes[1, 2], copied, title="tensor (after)")
fig.suptitle("Before and after array[0] = 100.0")
describe_figure(
    fig,
    "Six panels, each a row of three cells: the array, the from_numpy tensor and the "
    "torch.tensor copy, before array[0] = 100.0 (top) and after it (bottom). Before, all three hold 1, 2, 3; "
    "after, the array and the from_numpy tensor hold 100, 2, 3, while the torch.tensor copy "
    "still holds 1, 2, 3.",
)
plt.show()

# %%
# The top row is before the change, the bottom row after it: only the array and
# the ``from_numpy`` tensor show 100.
#
# Who shares memory?
# ------------------
# The reason is memory sharing. ``torch.from_numpy`` wraps the array's own
# memory, while ``torch.tensor`` always allocates new memory and copies into it.
# ``shares_memory`` from this site's package checks whether two objects overlap
# in memory; NumPy's ``np.shares_memory`` answers the same question.
print(f"from_numpy shares with the array: {shares_memory(shared, array)}")
print(f"tensor shares with the array:     {shares_memory(copied, array)}")
print(f"np.shares_memory agrees:          {np.shares_memory(shared.numpy(), array)}")

# %%
# The other direction: Tensor.numpy()
# -----------------------------------
# ``tensor.numpy()`` (for a tensor in the CPU's memory) also shares memory instead
# of copying. An in-place tensor operation (the methods ending in ``_``, such as
# ``add_``) therefore changes the NumPy array too.
weights = torch.zeros(3)
weights_array = weights.numpy()
weights.add_(1.0)
print(f"tensor after add_(1.0): {weights}")
print(f"the array from .numpy(): {weights_array}")
print(f"shared: {shares_memory(weights, weights_array)}")

# %%
# Only in-place operations (including ``+=`` and ``weights[0] = ...``) write into the
# shared memory. ``weights + 1.0`` builds a new tensor in new memory, and the array
# no longer follows it.
weights = weights + 1.0
print(f"new tensor: {weights}")
print(f"the array:  {weights_array}")
print(f"shared: {shares_memory(weights, weights_array)}")

# %%
# The middle ground: torch.as_tensor
# ----------------------------------
# ``torch.as_tensor`` shares memory when it can and copies when it must. With
# the array's own dtype it shares, like ``from_numpy``. Asking for ``float32``
# from a ``float64`` array needs new numbers, so it copies, like ``tensor``.
as_is = torch.as_tensor(array)
as_float32 = torch.as_tensor(array, dtype=torch.float32)
print(f"as_tensor(array):                      {describe(as_is)}")
print(f"  shares with the array: {shares_memory(as_is, array)}")
print(f"as_tensor(array, dtype=torch.float32): {describe(as_float32)}")
print(f"  shares with the array: {shares_memory(as_float32, array)}")

# %%
# Change the array once more: the tensor that shares follows it, the copy does not.
#
# The device works like the dtype: a tensor on a GPU lives in the GPU's own memory,
# so ``torch.as_tensor(array, device="cuda")`` always copies (the ``as_tensor``
# documentation, linked below, says so; this page runs on a CPU and cannot show it).
array[1] = -5.0
print(f"as_tensor(array):          {as_is}")
print(f"as_tensor(array, float32): {as_float32}")

# %%
# No copy is faster for big arrays
# --------------------------------
# Copying takes longer the bigger the array; sharing takes about the same tiny
# time at any size. Time both on arrays of ten thousand, a million and ten million
# numbers (each time is the best of three rounds; timings differ from machine to
# machine).


def milliseconds(function, array, runs=5):
    return min(timeit.repeat(lambda: function(array), number=runs, repeat=3)) / runs * 1e3


for size in (10_000, 1_000_000, 10_000_000):
    big = np.zeros(size, dtype=np.float32)
    print(
        f"{size:>10,} numbers: torch.from_numpy {milliseconds(torch.from_numpy, big):8.4f} ms,"
        f" torch.tensor {milliseconds(torch.tensor, big):8.4f} ms"
    )

# %%
# The pitfall: a change you did not mean to share
# ------------------------------------------------
# Sharing raises no error and no warning. Here the inputs of a model are made with
# ``from_numpy``, and later the array is centred *in place* with ``-=``. The model's inputs change
# too, although no line touched ``inputs``.
data = np.array([1.0, 2.0, 3.0, 4.0])
inputs = torch.from_numpy(data)
data -= data.mean()
print(f"inputs: {inputs}")

# %%
# ``data = data - data.mean()`` instead creates a new array and binds the name
# ``data`` to it; the old array, and ``inputs`` with it, stay as they were.
data = np.array([1.0, 2.0, 3.0, 4.0])
inputs = torch.from_numpy(data)
data = data - data.mean()
print(f"inputs: {inputs}")

# %%
# When you need a tensor that nothing else can change, make an independent copy
# with ``torch.tensor`` (or ``.clone()`` an existing tensor).
data = np.array([1.0, 2.0, 3.0, 4.0])
inputs = torch.tensor(data)
data -= data.mean()
print(f"inputs: {inputs}")

# %%
# Summary: which one when
# -----------------------
# - ``torch.from_numpy(array)``: no copy, same dtype. Right for big arrays you
#   only read from, such as a data set loaded once.
# - ``torch.as_tensor(data, dtype=..., device=...)``: no copy when the dtype and
#   device allow it, a copy otherwise. Right when you want to avoid a copy but
#   need a given dtype or device.
# - ``torch.tensor(data)``: always an independent copy. Right when the array
#   will change later, or when you simply want to be safe.
# - ``tensor.numpy()`` shares too; in-place operations (``add_``, ``-=``,
#   ``array[0] = ...``) are seen from both sides.
#
# Next: :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py`.
#
# PyTorch reference:
# `torch.from_numpy <https://docs.pytorch.org/docs/stable/generated/torch.from_numpy.html>`_,
# `torch.tensor <https://docs.pytorch.org/docs/stable/generated/torch.tensor.html>`_,
# `torch.as_tensor <https://docs.pytorch.org/docs/stable/generated/torch.as_tensor.html>`_,
# `torch.Tensor.numpy <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.numpy.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** This time the tensor is changed in place, not the array.
#    What is ``numbers`` after the code below?
#
#    .. code-block:: python
#
#       numbers = np.array([1.0, 2.0, 3.0])
#       numbers_tensor = torch.from_numpy(numbers)
#       numbers_tensor[0] = -1.0
#
# 2. **Predict, then run.** What happens when you pass a Python list instead of a
#    NumPy array, as in ``torch.from_numpy([1.0, 2.0, 3.0])``? And with
#    ``torch.as_tensor([1.0, 2.0, 3.0])``?
# 3. **Change one thing and explain.** In the first cell of the pitfall, replace
#    ``torch.from_numpy(data)`` with ``torch.as_tensor(data)``. Does ``inputs`` still
#    change after ``data -= data.mean()``?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``numbers[0]`` becomes -1.0 too. The tensor made by ``from_numpy`` uses the
# array's own memory, so what is written into the tensor in place shows in the
# array. Memory sharing works in both directions.
numbers = np.array([1.0, 2.0, 3.0])
numbers_tensor = torch.from_numpy(numbers)
numbers_tensor[0] = -1.0
print(f"numbers: {numbers}")
print(f"shares with the array: {shares_memory(numbers_tensor, numbers)}")
assert numbers[0] == -1.0
assert shares_memory(numbers_tensor, numbers)

# %%
# Answer 2
# ^^^^^^^^
# ``torch.from_numpy`` takes only NumPy arrays, so a list raises a ``TypeError``.
# ``torch.as_tensor`` takes a list, but a list has no NumPy memory to share, so it
# copies the numbers into a new tensor, like ``torch.tensor``. It also picks the
# dtype from the numbers, as ``torch.tensor`` does for a list: PyTorch's default
# ``float32``, not NumPy's ``float64``.
try:
    torch.from_numpy([1.0, 2.0, 3.0])
except TypeError as error:
    print(f"{type(error).__name__}: {error}")
else:
    raise AssertionError("torch.from_numpy should refuse a list")
list_tensor = torch.as_tensor([1.0, 2.0, 3.0])
print(f"torch.as_tensor([1.0, 2.0, 3.0]): {describe(list_tensor)}")
assert list_tensor.dtype == torch.float32 == torch.tensor([1.0, 2.0, 3.0]).dtype
assert torch.equal(list_tensor, torch.tensor([1.0, 2.0, 3.0]))

# %%
# Answer 3
# ^^^^^^^^
# Yes. ``data`` is a ``float64`` array and no other dtype was asked for, so
# ``as_tensor`` shares its memory, like ``from_numpy``. Ask for
# ``dtype=torch.float32`` and it copies, and that tensor stays as it was.
data = np.array([1.0, 2.0, 3.0, 4.0])
inputs = torch.as_tensor(data)
inputs_float32 = torch.as_tensor(data, dtype=torch.float32)
data -= data.mean()
print(f"as_tensor(data):                      {inputs}")
print(f"  shares with the array: {shares_memory(inputs, data)}")
print(f"as_tensor(data, dtype=torch.float32): {inputs_float32}")
print(f"  shares with the array: {shares_memory(inputs_float32, data)}")
assert shares_memory(inputs, data) and not shares_memory(inputs_float32, data)
assert torch.equal(inputs, torch.from_numpy(data))
assert torch.equal(inputs_float32, torch.tensor([1.0, 2.0, 3.0, 4.0]))
