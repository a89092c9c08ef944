"""
Questions the posts leave open
==============================

The posts this site is built from leave four questions open, or answer them only in
words. The post :ref:`post-basics-autograd` asks when a NumPy array should become a
tensor with ``torch.from_numpy`` and when with ``torch.tensor``, and what to learn next;
the post :ref:`post-deep-learning-1` explains in words where the "garbage values" of
``torch.empty`` come from; and the post :ref:`post-autograd-easy` says, without a
reason, that its tutorial runs "on the CPU only". This page answers each with code.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. From the site's package: ``shares_memory`` tells whether two arrays
# overlap in memory, and ``resnet18`` builds the network of the autograd tutorial
# without downloading anything.
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from pytorch_basics.models import resnet18
from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# 1. ``from_numpy`` or ``tensor``?
# --------------------------------
# The post :ref:`post-basics-autograd` ends by asking what exactly the difference is,
# and what memory sharing is good and bad for.
# ``torch.from_numpy`` wraps the array's memory: no copy, and a change on one side shows
# on the other. ``torch.tensor`` copies. We change the array after creating both.
array = np.zeros(3, dtype=np.float32)
shared = torch.from_numpy(array)
copied = torch.tensor(array)
array[0] = 7.0
print(f"from_numpy: {shared}, shares memory: {shares_memory(shared, array)}")
print(f"tensor:     {copied}, shares memory: {shares_memory(copied, array)}")

# %%
# The three side by side, after ``array[0] = 7``:
fig, axes = plt.subplots(1, 3, figsize=(6.6, 1.5))
draw_tensor(axes[0], torch.from_numpy(array), title="array")  # drawn through a view of it
draw_tensor(axes[1], shared, title="torch.from_numpy(array)")
draw_tensor(axes[2], copied, title="torch.tensor(array)")
fig.suptitle("After array[0] = 7")
describe_figure(
    fig,
    "The NumPy array, torch.from_numpy(array) and torch.tensor(array) after array[0] = 7, "
    "each drawn as a row of three cells, side by side. The array and the from_numpy tensor "
    "both hold 7, 0, 0, while the copy made by torch.tensor still holds 0, 0, 0.",
)
plt.show()

# %%
# The figure shows the array and the ``from_numpy`` tensor holding the same 7: they are
# one piece of memory seen twice, while the copy kept its zeros.
# So: ``from_numpy`` (or ``torch.as_tensor``) when the array is large and you want no
# copy, knowing that both sides change together; ``torch.tensor`` when the tensor should
# be independent of the array. The whole story, with ``as_tensor`` and the way back
# with ``.numpy()``, is in
# :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`.
#
# 2. Why does torch.empty show garbage?
# -------------------------------------
# The post :ref:`post-deep-learning-1` sees ``torch.empty`` return zeros once and old
# numbers the next time, asks why, and answers that PyTorch skips filling the memory, for
# speed. That is right: ``torch.empty`` reserves memory and does not write to it, which
# saves the time of filling it (measured in
# :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py`). What it "contains" is
# whatever that memory held before, so printing it here could give different numbers on
# every run. PyTorch can make the problem visible: in deterministic mode it fills such
# memory with NaN ("not a number") on purpose.
torch.use_deterministic_algorithms(True)
print(f"torch.empty(4) in deterministic mode: {torch.empty(4)}")
torch.use_deterministic_algorithms(False)

# %%
# ``torch.empty`` is safe when every element is overwritten before it is read, for
# instance as the ``out=`` of an operation. Otherwise use ``torch.zeros`` or
# ``torch.rand``, as the post :ref:`post-deep-learning-1` concludes. More in
# :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py`.
a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([10.0, 20.0, 30.0])
out = torch.empty(3)
torch.add(a, b, out=out)
print(f"out after torch.add(a, b, out=out): {out}")

# %%
# 3. What the "CPU only" note means
# ---------------------------------
# The post :ref:`post-autograd-easy` carries a note: "this tutorial works only on the
# CPU and will not work on GPU devices". It comes from PyTorch's tutorial *A Gentle
# Introduction to torch.autograd*, which adds "(even if tensors are moved to CUDA)" and
# gives no reason. Nothing in autograd is CPU-only; the tutorial's code simply creates
# everything on the CPU. Moving it naively has a trap: ``.to()`` returns a *new*
# tensor, computed from the original, so it is not a leaf, and ``backward()`` fills the
# ``.grad`` of the original instead. A copy to another dtype shows the same on any
# machine.
a = torch.tensor([2.0, 3.0], requires_grad=True)
moved = a.to(torch.float64)
print(f"moved.is_leaf: {moved.is_leaf}, moved.grad_fn: {moved.grad_fn.name()}")
(3 * moved**3).sum().backward()
print(f"the gradient went to the original: a.grad = {a.grad}")

# %%
# The device-agnostic way is to choose the device once, with ``torch.accelerator``,
# and create the tensors there (``device=``), and to move the model with
# ``model.to(device)``, which moves its parameters in place so they stay leaves. Here is
# the tutorial's training step written that way: a ResNet-18 with random weights
# (nothing can be downloaded while the site is built), a random 1x3x64x64 image, 1000
# random labels, SGD with momentum. It runs on an accelerator such as a GPU when there
# is one and on the CPU otherwise.
device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
model = resnet18().to(device)
data = torch.rand(1, 3, 64, 64, device=device)
labels = torch.rand(1, 1000, device=device)
prediction = model(data)
loss = (prediction - labels).sum()
loss.backward()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
optimizer.step()
print(f"device: {device}, prediction: {tuple(prediction.shape)} on {prediction.device.type}")
on_device = all(p.grad.device == p.device for p in model.parameters())
print(f"every gradient on the parameter's device: {on_device}")

# %%
# The second half of the tutorial, :math:`Q = 3a^3 - b^2`, works the same way on the
# chosen device: the gradients are :math:`9a^2` and :math:`-2b`.
a = torch.tensor([2.0, 3.0], requires_grad=True, device=device)
b = torch.tensor([6.0, 4.0], requires_grad=True, device=device)
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"a.grad: {a.grad}, 9a^2: {torch.allclose(a.grad, 9 * a.detach() ** 2)}")
print(f"b.grad: {b.grad}, -2b: {torch.allclose(b.grad, -2 * b.detach())}")


# %%
# 4. What to learn next
# ---------------------
# The post :ref:`post-basics-autograd` wants to go on to designing and training a
# network with ``nn.Module``. You have done that in the
# :doc:`/auto_examples/models/index` chapter. The next step is your own data: a
# ``Dataset`` is a class with ``__getitem__`` (one example, by its index) and
# ``__len__`` (how many there are), and a ``DataLoader``, met in the module map, cuts it
# into mini-batches, shuffled when ``shuffle=True``. This one serves
# :math:`(x, x^2)` pairs.
class Squares(Dataset):
    def __len__(self):
        return 10

    def __getitem__(self, index):
        x = torch.tensor([float(index)])
        return x, x**2


loader = DataLoader(
    Squares(), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0)
)
inputs, targets = next(iter(loader))
print(f"a shuffled mini-batch: x = {inputs.flatten()}, x^2 = {targets.flatten()}")

# %%
# Where to go from here
# ---------------------
# PyTorch's own tutorials take the same path further: `Learn the Basics
# <https://docs.pytorch.org/tutorials/beginner/basics/intro.html>`_, `Datasets &
# DataLoaders <https://docs.pytorch.org/tutorials/beginner/basics/data_tutorial.html>`_,
# `Build the Neural Network
# <https://docs.pytorch.org/tutorials/beginner/basics/buildmodel_tutorial.html>`_,
# `Optimizing Model Parameters
# <https://docs.pytorch.org/tutorials/beginner/basics/optimization_tutorial.html>`_ and
# `Save and Load the Model
# <https://docs.pytorch.org/tutorials/beginner/basics/saveloadrun_tutorial.html>`_.
# Reference: `torch.utils.data <https://docs.pytorch.org/docs/stable/data.html>`_,
# `torch.from_numpy <https://docs.pytorch.org/docs/stable/generated/torch.from_numpy.html>`_,
# `torch.empty <https://docs.pytorch.org/docs/stable/generated/torch.empty.html>`_,
# `torch.use_deterministic_algorithms
# <https://docs.pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html>`_,
# `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_.
#
# Next: :doc:`/sources`

# %%
# Exercises
# ---------
# 1. **Predict, then run.** ``np.zeros`` makes a ``float64`` array unless told otherwise.
#    After the code below, what is ``converted[0]``?
#
#    .. code-block:: python
#
#       array64 = np.zeros(3)
#       converted = torch.from_numpy(array64).to(torch.float32)
#       array64[0] = 7.0
#
# 2. **Change one thing and explain.** A sum starts at zero and adds ``values`` twice:
#    ``total = torch.zeros(3)``, then ``total += values``. Start it with
#    ``torch.empty(3)`` instead, in deterministic mode so that every run gives the same
#    answer. What does ``total`` hold?
# 3. **Change one thing and explain.** Create the tensor that needs gradients and move it
#    in the same line: ``c = torch.tensor([2.0, 3.0], requires_grad=True).to(torch.float64)``
#    (on a GPU: ``.to(device)``). After ``(3 * c**3).sum().backward()``, what is
#    ``c.grad``? What changes when the dtype is given at creation,
#    ``torch.tensor([2.0, 3.0], dtype=torch.float64, requires_grad=True)``?
# 4. **Write it.** A ``Dataset`` called ``Cubes`` that serves :math:`(x, x^3)` pairs for
#    :math:`x = 0, 1, \dots, 6`, and a ``DataLoader`` over it with ``batch_size=3``, without
#    shuffling. Predict first: how many mini-batches, and how many pairs in the last one?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# 0. ``from_numpy`` keeps the array's ``float64``, so ``.to(torch.float32)`` has to make a
# new tensor in new memory, and the change to the array does not reach it. ``.to()`` to
# the dtype the tensor already has, ``float64``, returns the same tensor, which still
# shares the array's memory.
array64 = np.zeros(3)
converted = torch.from_numpy(array64).to(torch.float32)
wrapped = torch.from_numpy(array64)
kept = wrapped.to(torch.float64)
array64[0] = 7.0
print(f"array64.dtype: {array64.dtype}")
print(f".to(torch.float32): {converted}, shares memory: {shares_memory(converted, array64)}")
print(
    f".to(torch.float64): {kept}, same tensor: {kept is wrapped}, shares memory: {shares_memory(kept, array64)}"
)
assert converted[0] == 0 and not shares_memory(converted, array64)
assert kept is wrapped and kept[0] == 7 and shares_memory(kept, array64)

# %%
# Answer 2
# ^^^^^^^^
# NaN everywhere. ``total += values`` reads the old contents before adding to them. With
# ``zeros`` they are 0; with ``empty`` they are whatever the memory held, here the NaN
# that deterministic mode writes, and NaN plus a number is NaN. Outside deterministic
# mode the sum would start from whatever numbers the memory held before.
values = torch.tensor([1.0, 2.0, 3.0])
torch.use_deterministic_algorithms(True)
total_empty, total_zeros = torch.empty(3), torch.zeros(3)
for _ in range(2):
    total_empty += values
    total_zeros += values
torch.use_deterministic_algorithms(False)
print(f"started with torch.empty: {total_empty}")
print(f"started with torch.zeros: {total_zeros}")
assert torch.isnan(total_empty).all() and torch.equal(total_zeros, 2 * values)

# %%
# Answer 3
# ^^^^^^^^
# ``c`` is what ``.to()`` returned, computed from the ``float32`` tensor that was created
# with ``requires_grad=True``, so it is not a leaf. ``backward()`` fills the ``.grad`` of
# that original, which no name refers to any more, and ``c.grad`` is ``None`` (reading it
# gives a ``UserWarning``). Created in ``float64`` directly (on a GPU: with
# ``device=``), the tensor is a leaf and receives its gradient :math:`9c^2`.
import warnings

c = torch.tensor([2.0, 3.0], requires_grad=True).to(torch.float64)
(3 * c**3).sum().backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    c_grad = c.grad
print(f"c.is_leaf: {c.is_leaf}, c.grad: {c_grad} ({caught[0].category.__name__})")
d = torch.tensor([2.0, 3.0], dtype=torch.float64, requires_grad=True)
(3 * d**3).sum().backward()
print(f"d.is_leaf: {d.is_leaf}, d.grad: {d.grad}")
assert not c.is_leaf and c_grad is None
assert d.is_leaf and torch.allclose(d.grad, 9 * d.detach() ** 2)

# %%
# Answer 4
# ^^^^^^^^
# Three mini-batches: the ``DataLoader`` cuts the 7 pairs, in order, into pieces of 3,
# and the last piece holds what is left, 1 pair. Each mini-batch stacks the examples'
# ``x`` of shape ``(1,)`` into a tensor of shape ``(number of pairs, 1)``.
class Cubes(Dataset):
    def __len__(self):
        return 7

    def __getitem__(self, index):
        x = torch.tensor([float(index)])
        return x, x**3


sizes = []
for batch_x, batch_y in DataLoader(Cubes(), batch_size=3):
    print(f"x = {batch_x.flatten()}, x^3 = {batch_y.flatten()}, shape {tuple(batch_x.shape)}")
    sizes.append(len(batch_x))
    assert torch.equal(batch_y, batch_x**3)
print(f"mini-batch sizes: {sizes}")
assert sizes == [3, 3, 1]
