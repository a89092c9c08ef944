"""
torch.empty and garbage values
==============================

``torch.empty`` creates a tensor without writing any values into it, so the
elements hold whatever the memory held before: garbage values, which may happen
to look like zeros. This page makes such old values come back on purpose, shows
where zeros come from, measures what skipping initialisation saves, and ends with
the safe way to use ``empty``. The post :ref:`post-deep-learning-1` shows ``empty``
returning zeros once and old numbers the next time; this page explains both.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. On this page, though, most printed numbers depend on the machine
# that runs it: what ``empty`` returns, and every measured time.
import subprocess
import sys
import timeit

import matplotlib.pyplot as plt
import torch
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.tensors import describe

use_site_style()
torch.manual_seed(0)

# %%
# What torch.empty promises
# -------------------------
# The PyTorch documentation says that ``torch.empty`` "returns a tensor filled
# with uninitialized data". The shape and the dtype are set; the values are not.
# So this page prints only what it has counted or checked: unchecked values could
# be different every time the page is built. (The post
# :ref:`post-deep-learning-1` quotes a warning from the documentation, "The values
# in the tensor are uninitialized. You should not use them before overwriting.";
# the documentation of ``torch.empty`` has no such sentence, but the advice is
# sound, as this page shows.)
unset = torch.empty((2, 3))
print(describe(unset))

# %%
# Old values come back
# --------------------
# When a tensor is deleted, its memory goes back to the memory allocator (on
# Linux usually ``malloc`` from glibc, the C library), which hands it out again
# to a later request of a similar size. Which block a request gets depends on
# everything the program allocated before, so the experiment runs in a fresh
# Python process, where nothing this page did can get in the way.
experiment = """
import sys
import torch

n, tries = int(sys.argv[1]), int(sys.argv[2])
missed = []
for _ in range(tries):
    old = torch.full((n,), 7.0)
    del old
    b = torch.empty(n)
    if b[n // 2].item() == 7.0:
        break
    missed.append(b)
sys.stdout.buffer.write(b.numpy().tobytes())
"""


def run_experiment(n, tries):
    command = [sys.executable, "-c", experiment, str(n), str(tries)]
    result = subprocess.run(command, capture_output=True, check=True)
    return torch.frombuffer(bytearray(result.stdout), dtype=torch.float32)


# %%
# The experiment fills ``n`` elements with 7.0, deletes them and asks ``empty``
# for ``n`` elements. A try may get another block instead; the experiment keeps
# that block in the list ``missed``, so that no later try can get it again, and
# tries again until the middle element holds 7.0 (at most ``tries`` times;
# ``.item()`` turns a one-element tensor into a plain Python number). Then it
# sends the raw bytes back. ``sys.executable`` is the Python running this page,
# and ``torch.frombuffer`` turns the bytes back into a tensor. First, 1000
# elements:
b = run_experiment(1000, tries=100)

# %%
# Now count what ``empty`` returned. While a block is free, the allocator may keep
# its own bookkeeping in the first bytes of the block (the memory addresses with
# which it keeps track of free blocks), so the first elements, ``b[:8]``, are
# counted apart: depending on the run and on the allocator, they hold 7.0 like
# the rest, or such addresses in some or all of them.
matches = b == 7.0
print(f"old values came back: {bool(matches.any())}")
print(f"elements 0 to 7 that hold 7.0: {int(matches[:8].sum())} of 8")
print(f"elements 8 to 999 that hold 7.0: {int(matches[8:].sum())} of {matches[8:].numel()}")
print(f"b[8:16] = {b[8:16]}")

# %%
# A picture of all 1000 elements makes the pattern visible.
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.pcolormesh(
    matches.reshape(25, 40).numpy(),
    cmap=ListedColormap(["tab:orange", "tab:blue"]),
    vmin=0,
    vmax=1,
    edgecolors="white",
    linewidth=0.3,
)
ax.invert_yaxis()
ax.set_aspect("equal")
ax.set_title("What torch.empty(1000) returned, 40 elements per row")
ax.set_xticks([])
ax.set_yticks([])
ax.legend(
    handles=[
        Patch(color="tab:blue", label="7.0, left by the deleted tensor"),
        Patch(color="tab:orange", label="any other value"),
    ],
    loc="upper center",
    bbox_to_anchor=(0.5, -0.02),
    ncol=2,
)
describe_figure(
    fig,
    "Grid of 1000 small squares, 25 rows of 40, one per element of the tensor torch.empty "
    "returned, read row by row from the top left. Blue marks an element that still holds the "
    f"deleted tensor's 7.0, orange any other value: {int(matches.sum())} squares are blue and "
    f"{int((~matches).sum())} orange; of the first eight, where the allocator may keep its "
    f"bookkeeping, {int(matches[:8].sum())} are blue.",
)
plt.show()

# %%
# Each square is one element of the new tensor, read row by row from the top
# left: blue where it still holds the deleted tensor's 7.0, orange where it holds
# anything else (the allocator's bookkeeping at the very start, in the runs where
# it wrote any). Nothing in ``torch.empty`` made this happen; it simply did not
# write anything. If no try got the old block back, every square is orange: the
# values are garbage all the same, only left by something else.
#
# Fresh memory is zeroed
# ----------------------
# glibc's ``malloc`` does not take a very large block, such as 40 MB, from its
# pool of reused blocks: it asks the operating system for fresh memory each time
# and gives it back when the block is freed. The system fills fresh memory with
# zeros, so that no program can read another program's data. Repeat the
# experiment, again in a fresh process, with ten million elements (40 MB) and a
# single try.
big = run_experiment(10_000_000, tries=1)
print(f"elements that hold 7.0: {int((big == 7.0).sum())}")
print(f"elements that are 0.0:  {int((big == 0.0).sum())} of {big.numel()}")

# %%
# Where every element is zero, ``torch.empty`` still did not set them to zero:
# the zeros come from where the memory happened to come from. Zeros from
# ``empty`` are garbage values too: at another size, on another operating system
# or with another allocator, the same line can return old numbers. (Some Linux
# setups load tcmalloc in place of glibc's ``malloc``; it keeps large blocks for
# reuse, and there this experiment gets 7.0 back in every element.)
#
# Why empty exists: speed
# -----------------------
# Writing a value into every element takes time. ``torch.zeros`` does that
# work; ``torch.empty`` skips it. Time both for ten million elements, and
# compute the share of the time of ``zeros`` that ``empty`` saves (timings
# differ from machine to machine and from run to run; each is the best of three
# rounds).
n = 10_000_000


def milliseconds(make, runs=2):
    return min(timeit.repeat(make, number=runs, repeat=3)) / runs * 1e3


empty_ms = milliseconds(lambda: torch.empty(n))
zeros_ms = milliseconds(lambda: torch.zeros(n))
print(f"torch.empty(n): {empty_ms:.4f} ms")
print(f"torch.zeros(n): {zeros_ms:.4f} ms")
print(f"empty saves {1 - empty_ms / zeros_ms:.2%} of the time")

# %%
# Part of that saving is only postponed. When the memory is fresh, as glibc's
# 40 MB blocks are, the operating system hands over its pages only when something
# first writes to them, and a tensor you are about to fill pays that cost then.
# Fill both tensors with ones right away, as real code would: both pay for the
# pages, and all that ``empty`` still saves is the one pass in which ``zeros``
# writes zeros. That is a much smaller share of the time, small enough that on a
# busy machine it can disappear in the noise of the measurement.
empty_filled_ms = milliseconds(lambda: torch.empty(n).fill_(1.0))
zeros_filled_ms = milliseconds(lambda: torch.zeros(n).fill_(1.0))
print(f"torch.empty(n).fill_(1.0): {empty_filled_ms:.4f} ms")
print(f"torch.zeros(n).fill_(1.0): {zeros_filled_ms:.4f} ms")
print(f"empty saves {1 - empty_filled_ms / zeros_filled_ms:.2%} of the time")

# %%
# Using empty safely
# ------------------
# ``empty`` is right when every element is overwritten at once, before anything
# reads the tensor. Two common cases: an ``out=`` tensor that an operation
# writes its whole result into, and ``copy_`` from a tensor of the same shape.
x = torch.arange(5.0)
doubled = torch.empty(5)
torch.mul(x, 2, out=doubled)
buffer = torch.empty(5)
buffer.copy_(x)
print(f"doubled: {doubled}, equal to x * 2: {torch.equal(doubled, x * 2)}")
print(f"buffer:  {buffer}, equal to x: {torch.equal(buffer, x)}")

# %%
# PyTorch's own random functions work this way. ``torch.rand`` is ``empty``
# followed by ``uniform_``, which overwrites every element: with the same seed,
# both give exactly the same numbers.
torch.manual_seed(1)
by_rand = torch.rand(5)
torch.manual_seed(1)
by_empty = torch.empty(5).uniform_()
print(f"torch.rand(5):            {by_rand}")
print(f"torch.empty(5).uniform_(): {by_empty}")
print(f"identical: {torch.equal(by_rand, by_empty)}")

# %%
# While debugging, ``torch.use_deterministic_algorithms(True)`` makes ``empty``
# fill its tensors (as long as ``torch.utils.deterministic.fill_uninitialized_memory``
# keeps its default, ``True``): floating-point tensors with NaN ("not a number"),
# integer tensors with their largest value, so that reading them by mistake stands
# out. The setting applies to the whole program; switch it off again afterwards.
torch.use_deterministic_algorithms(True)
print(f"torch.empty(3):                    {torch.empty(3)}")
print(f"torch.empty(3, dtype=torch.int64): {torch.empty(3, dtype=torch.int64)}")
torch.use_deterministic_algorithms(False)

# %%
# Summary
# -------
# - ``torch.empty`` sets the shape and dtype and nothing else; the values are
#   whatever the memory held: old numbers from the same program, or zeros from
#   fresh memory.
# - It exists because skipping initialisation saves time: for a tensor that is
#   filled right away, one pass of writing over its memory.
# - Prefer ``torch.zeros``, ``torch.ones`` or ``torch.rand``. Use ``empty`` only
#   when every element is overwritten at once: ``out=``, ``copy_``, ``uniform_``.
# - While debugging, ``torch.use_deterministic_algorithms(True)`` makes ``empty``
#   fill its tensors with NaN (or the largest integer), so that reading them by
#   mistake stands out.
#
# Next: :ref:`sphx_glr_auto_examples_tensors_plot_04_dtypes.py`.
#
# PyTorch reference:
# `torch.empty <https://docs.pytorch.org/docs/stable/generated/torch.empty.html>`_,
# `torch.zeros <https://docs.pytorch.org/docs/stable/generated/torch.zeros.html>`_,
# `torch.Tensor.copy_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.copy_.html>`_,
# `torch.Tensor.uniform_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.uniform_.html>`_,
# `torch.use_deterministic_algorithms <https://docs.pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** The code below fills only the first three elements of a
#    tensor made with ``empty``. Which of the five elements of ``partial`` can you
#    trust?
#
#    .. code-block:: python
#
#       partial = torch.empty(5)
#       partial[:3] = x[:3]
#
# 2. **Change one thing and explain.** In the code below, replace ``torch.zeros(3)``
#    with ``torch.empty(3)``. What happens to ``total``? Check it with the debugging
#    setting shown above.
#
#    .. code-block:: python
#
#       total = torch.zeros(3)
#       for _ in range(4):
#           total += torch.ones(3)
#
# 3. **Write it.** Make a tensor ``squares`` of 5 elements with ``torch.empty``, and
#    use ``out=`` to fill it with the square of each element of ``x``. Check that
#    every element was filled.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# Only the first three. ``partial[:3] = x[:3]`` writes into those three places, and
# the other two keep whatever garbage the memory held. Run it with the debugging
# setting on and the two places that were not filled show up as NaN.
torch.use_deterministic_algorithms(True)
partial = torch.empty(5)
partial[:3] = x[:3]
torch.use_deterministic_algorithms(False)
print(f"partial: {partial}")
assert torch.equal(partial[:3], x[:3])
assert torch.isnan(partial[3:]).all()

# %%
# Answer 2
# ^^^^^^^^
# ``+=`` adds to whatever ``total`` held, so a garbage start gives a garbage total.
# Without the setting, a total can even come out as 4.0 when the garbage happens to
# be 0, and look fine; with it, the start is NaN, and NaN plus anything is NaN, so
# the mistake shows. Starting from ``torch.zeros`` gives 4.0: one added four times.
torch.use_deterministic_algorithms(True)
total = torch.empty(3)
for _ in range(4):
    total += torch.ones(3)
torch.use_deterministic_algorithms(False)
total_from_zeros = torch.zeros(3)
for _ in range(4):
    total_from_zeros += torch.ones(3)
print(f"total started from empty: {total}")
print(f"total started from zeros: {total_from_zeros}")
assert torch.isnan(total).all()
assert torch.equal(total_from_zeros, torch.full((3,), 4.0))

# %%
# Answer 3
# ^^^^^^^^
# ``torch.mul(x, x, out=squares)`` writes its whole result into ``squares``, so
# ``empty`` is safe here. Made with the debugging setting on, any element left
# unfilled would still be NaN, so no NaN at all means that every element was filled.
torch.use_deterministic_algorithms(True)
squares = torch.empty(5)
torch.mul(x, x, out=squares)
torch.use_deterministic_algorithms(False)
print(f"squares: {squares}")
print(f"elements that are NaN: {int(torch.isnan(squares).sum())}")
assert not torch.isnan(squares).any()
assert torch.equal(squares, x * x)
