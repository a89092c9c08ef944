"""
Creating tensors
================

A tensor is a multi-dimensional array of numbers: the data a model reads, its
weights and its outputs are all tensors. This page creates tensors from a Python
list and from a NumPy array, filled with zeros, ones, a range and random numbers,
and prints the shape and data type (dtype) of each one. The examples come from the
posts :ref:`post-basics-autograd` and :ref:`post-concepts`.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed, so the numbers below are the ones you get when you run the page.
import matplotlib.pyplot as plt
import numpy as np
import torch

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import describe

use_site_style()
torch.manual_seed(0)

# %%
# From a Python list
# ------------------
# ``torch.tensor`` copies the numbers of a list into a new tensor. A nested list
# gives one dimension per level of nesting: a list of two rows of two numbers is a
# 2x2 tensor. ``describe``, from this site's package, prints its shape, dtype and
# device: where the tensor's memory is, here the CPU's
# (:ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py` moves tensors to a GPU).
from_list = torch.tensor([[1, 2], [3, 4]])
print(from_list)
print(describe(from_list))

# %%
# PyTorch chose the dtype from the numbers: whole numbers give ``int64``. Neural
# networks usually compute in ``float32``, so ask for it with ``dtype=`` when you
# create the tensor.
from_list_float = torch.tensor([[1, 2], [3, 4]], dtype=torch.float32)
print(from_list_float)
print(describe(from_list_float))

# %%
# From a NumPy array
# ------------------
# ``torch.from_numpy`` turns a NumPy array into a tensor with the same shape and
# dtype. NumPy's default float is ``float64``, not the
# ``float32`` that PyTorch uses by default. It also does not copy the numbers,
# which is why the post :ref:`post-basics-autograd` calls it more efficient;
# :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py` shows what that
# costs.
from_int_array = torch.from_numpy(np.array([4, 5, 6]))
from_float_array = torch.from_numpy(np.array([0.5, 1.5, 2.5]))
print(describe(from_int_array))
print(describe(from_float_array))
print(f"PyTorch's default float dtype: {torch.get_default_dtype()}")

# %%
# Filled with zeros or ones
# -------------------------
# ``torch.zeros`` and ``torch.ones`` take a shape and fill every element with the
# same value. Without ``dtype=`` the elements are ``float32``.
zeros = torch.zeros((2, 3))
ones = torch.ones((2, 3))
print(zeros)
print(ones)
print(describe(zeros))

# %%
# A range of numbers
# ------------------
# ``torch.arange(start, end, step)`` counts from ``start`` up to, but not
# including, ``end``. Whole-number arguments give ``int64``; if any of the three is
# a float, the result is ``float32``.
steps = torch.arange(0, 10, 2)
quarters = torch.arange(0, 1, 0.25)
print(steps)
print(describe(steps))
print(quarters)
print(describe(quarters))
print(f"torch.arange(0.0, 3): {torch.arange(0.0, 3)}")

# %%
# Here are the tensors created so far, drawn as grids: one cell per element.
fig, axes = plt.subplots(2, 2, figsize=(6, 3.6))
draw_tensor(axes[0, 0], from_list, title="torch.tensor([[1, 2], [3, 4]])")
draw_tensor(axes[0, 1], steps, title="torch.arange(0, 10, 2)")
draw_tensor(axes[1, 0], zeros, title="torch.zeros((2, 3))")
draw_tensor(axes[1, 1], ones, title="torch.ones((2, 3))")
fig.suptitle("Created tensors, one cell per element")
describe_figure(
    fig,
    "Four tensors drawn as grids of numbered cells, one cell per element: "
    "torch.tensor([[1, 2], [3, 4]]) is two rows of two cells holding 1 to 4, "
    "torch.arange(0, 10, 2) is one row of five cells holding 0, 2, 4, 6 and 8, and "
    "torch.zeros((2, 3)) and torch.ones((2, 3)) are two rows of three cells, all 0 and all 1.",
)
plt.show()

# %%
# Each grid has the shape that ``describe`` printed: two rows of two, one row of
# five, and two rows of three.
#
# Random numbers
# --------------
# ``torch.rand`` draws from the uniform distribution on [0, 1): every value in
# that interval is equally likely. ``torch.randn`` draws from the standard normal
# distribution: mean 0, standard deviation 1.
uniform = torch.rand((2, 3))
normal = torch.randn((2, 3))
print(uniform)
print(normal)
print(describe(uniform))

# %%
# The seed set in the first cell decides these numbers (with the same PyTorch
# version, every run gets them). Set the same seed again and ``rand`` repeats the
# same six numbers; draw again without a new seed and they differ.
torch.manual_seed(0)
print(f"seed 0 again, same numbers: {torch.equal(torch.rand((2, 3)), uniform)}")
print(f"no new seed, same numbers:  {torch.equal(torch.rand((2, 3)), uniform)}")

# %%
# Six numbers say little about a distribution. Draw 10,000 of each and count how
# many land in each small interval.
many_uniform = torch.rand(10_000)
many_normal = torch.randn(10_000)
fig, (ax_uniform, ax_normal) = plt.subplots(1, 2, figsize=(7, 2.8), sharey=True)
ax_uniform.hist(many_uniform.numpy(), bins=40, color="tab:blue")
ax_uniform.set_title("torch.rand: uniform on [0, 1)")
ax_uniform.set_xlabel("value")
ax_uniform.set_ylabel("count")
ax_normal.hist(many_normal.numpy(), bins=40, color="tab:orange")
ax_normal.set_title("torch.randn: standard normal")
ax_normal.set_xlabel("value")
describe_figure(
    fig,
    "Two histograms of 10,000 draws each, value on the x-axis and count per bin on a shared "
    "y-axis. The torch.rand bars are all about the same height, near 250, from 0 to 1; the "
    "torch.randn bars form a bell centred on 0, with values from "
    f"{many_normal.min():.1f} to {many_normal.max():.1f}, negative ones included.",
)
plt.show()

# %%
# The histograms show 10,000 draws of each: ``rand`` spreads its values evenly
# between 0 and 1, while ``randn`` piles them up around 0 in a bell shape and
# also returns negative numbers. The summary numbers show the same:
print(f"rand:  min {many_uniform.min():.4f}, max {many_uniform.max():.4f}")
print(f"randn: mean {many_normal.mean():.4f}, std {many_normal.std():.4f}")

# %%
# Shape only: torch.empty
# -----------------------
# ``torch.empty`` sets the shape and the dtype but does not write any values:
# the elements hold whatever was in that memory before. That is why this page
# prints only its description and not its values.
# :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py` shows what such memory
# holds, and why the function exists.
unset = torch.empty((2, 3))
print(describe(unset))

# %%
# Summary
# -------
# - ``torch.tensor(data)`` copies a (nested) list; the nesting gives the shape.
# - ``torch.from_numpy(array)`` keeps the array's shape and dtype (NumPy floats
#   are ``float64``).
# - ``zeros``, ``ones``, ``rand``, ``randn`` and ``empty`` take a shape;
#   ``arange`` takes a start, an end (excluded) and a step.
# - The seed set with ``torch.manual_seed`` decides the random numbers.
# - Pass ``dtype=`` to choose the data type instead of the default.
#
# Next: :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`.
#
# PyTorch reference:
# `torch.tensor <https://docs.pytorch.org/docs/stable/generated/torch.tensor.html>`_,
# `torch.from_numpy <https://docs.pytorch.org/docs/stable/generated/torch.from_numpy.html>`_,
# `torch.zeros <https://docs.pytorch.org/docs/stable/generated/torch.zeros.html>`_,
# `torch.ones <https://docs.pytorch.org/docs/stable/generated/torch.ones.html>`_,
# `torch.arange <https://docs.pytorch.org/docs/stable/generated/torch.arange.html>`_,
# `torch.rand <https://docs.pytorch.org/docs/stable/generated/torch.rand.html>`_,
# `torch.randn <https://docs.pytorch.org/docs/stable/generated/torch.randn.html>`_,
# `torch.empty <https://docs.pytorch.org/docs/stable/generated/torch.empty.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** What shape does ``torch.tensor((2, 3))`` have, and what
#    shape does ``torch.zeros((2, 3))`` have? What are their elements?
# 2. **Predict, then run.** What dtype does ``torch.tensor([1, 2, 3.5])`` get, with
#    one float among whole numbers?
# 3. **Change one thing and explain.** In the cell that sets the seed again, add a
#    line ``torch.randn((2, 3))`` between ``torch.manual_seed(0)`` and
#    ``torch.rand((2, 3))``. Does ``rand`` still give the same numbers as ``uniform``?
# 4. **Write it.** Use ``torch.arange`` to make a tensor of the even numbers from 0
#    to 10, with 10 included.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``torch.tensor`` copies the *data* it is given. A tuple works like a list, so
# ``(2, 3)`` is two numbers, and the result is a 1-d tensor holding 2 and 3.
# ``torch.zeros`` takes a *shape*, so it makes a 2x3 tensor of zeros.
as_data = torch.tensor((2, 3))
as_shape = torch.zeros((2, 3))
print(f"torch.tensor((2, 3)): {as_data}, {describe(as_data)}")
print(f"torch.zeros((2, 3)):  {describe(as_shape)}")
assert as_data.shape == (2,) and torch.equal(as_data, torch.tensor([2, 3]))
assert as_shape.shape == (2, 3)

# %%
# Answer 2
# ^^^^^^^^
# ``float32``. All the elements of one tensor share one dtype, so a single float
# makes the whole tensor a float tensor (``float32`` by default), and 1 and 2 are
# stored as floats too. It works like ``torch.arange`` when any argument is a float.
mixed = torch.tensor([1, 2, 3.5])
print(mixed)
print(describe(mixed))
assert mixed.dtype == torch.float32
assert torch.equal(mixed, torch.tensor([1.0, 2.0, 3.5]))

# %%
# Answer 3
# ^^^^^^^^
# No. Setting the seed resets the one stream of random numbers that ``rand`` and
# ``randn`` both draw from. If ``randn`` draws first, the stream has moved on, and
# ``rand`` gets other numbers. Remove the ``randn`` line and the same numbers come
# back.
torch.manual_seed(0)
torch.randn((2, 3))
after_randn = torch.rand((2, 3))
torch.manual_seed(0)
without_randn = torch.rand((2, 3))
print(f"with randn in between, same numbers: {torch.equal(after_randn, uniform)}")
print(f"without randn, same numbers:         {torch.equal(without_randn, uniform)}")
assert not torch.equal(after_randn, uniform)
assert torch.equal(without_randn, uniform)

# %%
# Answer 4
# ^^^^^^^^
# ``end`` is never in the result, so for 10 to get in, ``end`` must be larger than
# 10; if it is larger than 12, 12 gets in too. ``torch.arange(0, 11, 2)`` stops at
# 10, because the next number, 12, is past ``end``.
evens = torch.arange(0, 11, 2)
print(f"torch.arange(0, 10, 2): {torch.arange(0, 10, 2)}")
print(f"torch.arange(0, 11, 2): {evens}")
print(f"torch.arange(0, 13, 2): {torch.arange(0, 13, 2)}")
assert torch.equal(evens, torch.tensor([0, 2, 4, 6, 8, 10]))
assert torch.equal(torch.arange(0, 12, 2), evens)
assert torch.equal(torch.arange(0, 13, 2), torch.tensor([0, 2, 4, 6, 8, 10, 12]))
