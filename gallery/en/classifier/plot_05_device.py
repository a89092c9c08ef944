r"""
The same code on a CPU or an accelerator
========================================

:ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py` moved one tensor and one layer
between devices. This page does the same for the whole training of this chapter's digit
classifier: choose the device once, move the model once, move each batch inside the loop,
and bring results back to the CPU before plotting them. It also makes the
error you get when you forget one of these moves. The machine that built this page has
no accelerator, so everything runs on its CPU; on a machine with an accelerator, the same
code runs there without a single change.
"""

# %%
# Like the other pages of this chapter, import PyTorch and matplotlib, set up the figures' fonts
# and fix the random seed. This page also asks PyTorch to compute on one CPU thread: with more
# threads, the same sums may be added in a different order from one run to the next, and during
# training the last-digit differences can grow into different results. With one thread,
# running the page again on the same machine gives the same numbers. Another CPU, another
# version of PyTorch or an accelerator may round differently and print slightly different
# ones, while the relations the page checks with ``assert`` hold all the same.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, random_split

from pytorch_basics.digits import DigitsDataset
from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.training import evaluate, train_one_epoch

use_site_style()
torch.manual_seed(0)
torch.set_num_threads(1)

# %%
# The data is split as on the earlier pages. ``DigitsDataset`` is a dataset that
# serves the 1,797 8×8 handwritten digits shipped with scikit-learn as (image, label)
# pairs, one at a time. It is split into 1,197 training, 300 validation and 300 test
# images; only the training set is shuffled, in batches of 32.
full = DigitsDataset()
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)
train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=300)
test_loader = DataLoader(test_set, batch_size=300)

# %%
# The model is the ``DigitClassifier`` of
# :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`: it flattens an image into
# 64 numbers and, through one hidden layer, outputs one logit per digit, 10 in all.
class DigitClassifier(nn.Module):
    def __init__(self, hidden: int = 64, dropout: float = 0.2) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10)
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.layers(images)


# %%
# Choosing the device
# -------------------
# This is the devices page's code: the accelerator if one can be used, the CPU
# otherwise. The rest of the page never names a device; it only uses ``device``.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print(f"torch.accelerator.is_available():        {torch.accelerator.is_available()}")
print(f"torch.accelerator.current_accelerator(): {torch.accelerator.current_accelerator()}")
print(f"device: {device}")

# %%
# The model once, each batch inside the loop
# ------------------------------------------
# ``model.to(device)`` moves all the model's parameters to ``device``. They stay there
# while the model trains, so once is enough; the optimizer is made from the moved
# model's parameters. The batches the data loader yields, however, are still on the CPU:
# the dataset's tensors are on the CPU, and the loader builds each batch from them.
model = DigitClassifier().to(device)  # move the model once
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
images, labels = next(iter(val_loader))
print(f"device of the model's parameters: {sorted({p.device.type for p in model.parameters()})}")
print(f"device of the dataset's tensors: {full.images.device.type}, {full.labels.device.type}")
print(f"device of a batch from the loader: {images.device.type}, {labels.device.type}")
assert all(p.device.type == device.type for p in model.parameters())
assert images.device.type == labels.device.type == "cpu"

# %%
# So each batch is moved inside the loop, before it goes into the model. Below is one
# epoch of the training loop written out by hand, with comments on the lines that deal
# with devices. The epoch's sum of losses is kept in ``total``, a tensor made on
# ``device``, and brought back as a Python number with ``.item()`` only once, at the
# end. ``loss.detach()`` keeps the additions from chaining the computational graphs
# together. ``twin`` is a twin made before training, to compare with the package below,
# and ``torch.manual_seed(1)`` gives both runs' dropout the same random numbers.
twin = copy.deepcopy(model)
torch.manual_seed(1)
model.train()
total = torch.zeros((), device=device)  # a new tensor: made on device from the start
for images, labels in train_loader:
    images, labels = images.to(device), labels.to(device)  # move every batch
    optimizer.zero_grad()
    loss = loss_fn(model(images), labels)
    loss.backward()
    optimizer.step()
    total += loss.detach() * len(labels)
hand_loss = total.item() / len(train_set)  # back to the CPU once, at the end
print(f"hand-written loop, mean loss of epoch 1: {hand_loss:.4f}")

# %%
# This chapter's package functions take ``device=`` too. ``train_one_epoch`` trains
# the model for one pass over the loader and returns the mean loss per example;
# ``evaluate`` runs the model in evaluation mode (dropout off) and measures the loss and
# the accuracy. :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py` showed,
# without devices, that they give the same numbers as the loops written by hand; given
# ``device=``, they also move each batch there. Given ``twin`` and the batches
# in the same order, ``train_one_epoch`` gives the same loss and the same trained
# parameters as the loop above.
twin_optimizer = torch.optim.Adam(twin.parameters(), lr=1e-2)
same_order = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
torch.manual_seed(1)
package_loss = train_one_epoch(twin, same_order, loss_fn, twin_optimizer, device=device)
same_parameters = all(
    torch.allclose(mine, its) for mine, its in zip(model.parameters(), twin.parameters(), strict=True)
)
print(f"train_one_epoch, mean loss of epoch 1: {package_loss:.4f}")
print(f"same trained parameters: {same_parameters}")
assert abs(package_loss - hand_loss) < 1e-5 and same_parameters

# %%
# Forgetting one
# --------------
# Here ``device`` is the CPU, so forgetting a ``.to(device)`` changes nothing: it would
# move something from the CPU to the CPU. The mistake only shows on a machine with an
# accelerator. So, as on the devices page, a second device ``elsewhere`` stands in: the
# accelerator if there is one, otherwise the ``meta`` device, whose tensors have a shape
# but no numbers. Instead of the trained ``model``, a new model ``spare`` moved to
# ``elsewhere`` and a new model ``stay`` that was not moved make one mistake at a time;
# the last call moves everything.
elsewhere = device if device.type != "cpu" else torch.device("meta")
spare = DigitClassifier().to(elsewhere)
stay = DigitClassifier()
images, labels = next(iter(val_loader))


# prints the loss's device, or the error it raised; returns whether it worked
def show_loss(net, batch_images, batch_labels):
    try:
        loss = loss_fn(net(batch_images), batch_labels)
    except RuntimeError as error:
        print(f"  {type(error).__name__}: {str(error).splitlines()[0]}")
        return False
    print(f"  no error, the loss is on {loss.device}")
    return True


results = []
print("batch not moved:")
results.append(show_loss(spare, images, labels))
print("model not moved:")
results.append(show_loss(stay, images.to(elsewhere), labels.to(elsewhere)))
print("only the labels not moved:")
results.append(show_loss(spare, images.to(elsewhere), labels))
print("everything moved:")
results.append(show_loss(spare, images.to(elsewhere), labels.to(elsewhere)))
assert results == [False, False, False, True]

# %%
# Each of the three mistakes raises a ``RuntimeError`` that names both devices. On a
# machine with an accelerator the message names that accelerator instead of ``meta``,
# and is worded differently, but the error is there all the same. With the model, the
# images and the labels all moved, the error is gone.
#
# The package functions check separately for a model that was not moved. When the
# device given as ``device=`` is not the one the model's parameters are on, they raise a
# ``ValueError`` that says what to move.
try:
    train_one_epoch(
        stay, train_loader, loss_fn, torch.optim.Adam(stay.parameters()), device=elsewhere
    )
except ValueError as error:
    print(f"{type(error).__name__}: {error}")
else:
    raise AssertionError("a model left on the CPU should not train on another device")

# %%
# Training on the chosen device
# -----------------------------
# Now the package functions train the remaining 19 epochs; the hand-written loop above
# was the first, so that makes 20. With ``device=device``, the same training runs on the
# CPU here and on the accelerator on a machine that has one. The parameters stay on
# ``device`` until the end.
history = [hand_loss]
for _ in range(19):  # epochs 2 to 20
    history.append(train_one_epoch(model, train_loader, loss_fn, optimizer, device=device))
validation = evaluate(model, val_loader, loss_fn, device=device)
for epoch in (1, 5, 10, 15, 20):
    print(f"epoch {epoch:2d}: training loss {history[epoch - 1]:.4f}")
print(f"validation set: loss {validation.loss:.4f}, accuracy {validation.accuracy:.1%}")
print(f"device of the parameters after 20 epochs: {sorted({p.device.type for p in model.parameters()})}")
assert all(p.device.type == device.type for p in model.parameters())

# %%
# New tensors inside the loop
# ---------------------------
# Functions such as ``torch.zeros`` and ``torch.ones`` make their tensor on the CPU
# unless given ``device=``. So a tensor made inside the loop gets ``device=device`` too.
# A loop that counts this model's accuracy per digit on the test set shows it (the
# measure :ref:`sphx_glr_auto_examples_classifier_plot_03_results.py` read off the
# confusion matrix of its chosen model).
# ``correct.index_add_(0, labels, hits)`` adds each value of ``hits`` to the entry of
# ``correct`` that its label points to, so ``correct`` collects the hits per digit and
# ``seen`` the examples per digit. ``model.eval()`` puts the model in evaluation mode,
# and ``torch.inference_mode()`` records no computational graph.
model.eval()
correct = torch.zeros(10, device=device)
seen = torch.zeros(10, device=device)
with torch.inference_mode():
    for images, labels in test_loader:
        images, labels = images.to(device), labels.to(device)
        hits = (model(images).argmax(dim=1) == labels).float()
        correct.index_add_(0, labels, hits)
        seen.index_add_(0, labels, torch.ones(len(labels), device=device))  # new tensor in the loop
per_class = correct / seen
test_accuracy = (correct.sum() / seen.sum()).item()
test_evaluation = evaluate(model, test_loader, loss_fn, device=device)
print(f"test accuracy, counted by hand: {test_accuracy:.1%}")
print(f"test accuracy, evaluate:        {test_evaluation.accuracy:.1%}")
assert abs(test_accuracy - test_evaluation.accuracy) < 1e-6

# %%
# Without ``device=``, ``torch.ones`` makes its tensor on the CPU. Here ``device`` is the
# CPU as well, so nothing would show; ``elsewhere`` shows it.
try:
    torch.zeros(10, device=elsewhere).index_add_(0, labels.to(elsewhere), torch.ones(len(labels)))
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("a tensor made on the CPU should not join tensors on another device")

# %%
# Bringing results back to the CPU
# --------------------------------
# ``print`` shows a tensor on any device, and names the device in its output; a Python
# number or a plot needs the values on the CPU. ``.item()`` brings one number back as a
# Python number (``hand_loss`` and ``test_accuracy`` above); ``.cpu()`` brings a tensor
# back. The package functions return Python numbers already, so there is nothing to
# bring back from them. matplotlib turns a tensor into a NumPy array to draw it, so it
# refuses a tensor that is not on the CPU.
print(f"train_one_epoch returned a {type(history[-1]).__name__}")
print(f"evaluate's accuracy is a {type(validation.accuracy).__name__}")
fig, ax = plt.subplots(figsize=(6, 3))
bars = ax.bar(range(10), 100 * per_class.cpu())
ax.bar_label(bars, fmt="%.0f")
ax.set_xticks(range(10))
ax.set_ylim(0, 110)
ax.set_xlabel("digit")
ax.set_ylabel("accuracy (%)")
ax.set_title("Accuracy per digit on the test set")
try:
    ax.bar(range(10), per_class.to(elsewhere))
except TypeError as error:
    print(f"ax.bar(range(10), per_class.to(elsewhere)) -> {type(error).__name__}: {error}")
else:
    raise AssertionError("matplotlib should refuse a tensor that is not on the CPU")
describe_figure(
    fig,
    f"A bar chart of the model's accuracy on the {len(test_set)} test digits, one bar for "
    "each digit from 0 to 9, in percent, each labelled with its value. For "
    f"{int((per_class == 1).sum())} of the 10 digits the model got every test example right "
    f"(100%), and the lowest is digit {per_class.argmin().item()} at "
    f"{per_class.min().item():.0%}.",
)
plt.show()

# %%
# The figure shows, for each digit, the share of the 300 test images the model got
# right. The counting ran on ``device``; only the 10 numbers came back with ``.cpu()``,
# just before drawing. The second ``ax.bar``, given a tensor that was not brought back,
# raised the error printed above. The digit with the lowest accuracy, and how many
# digits were all classified correctly:
worst = per_class.argmin().item()
print(f"lowest digit {worst}: {per_class[worst].item():.1%} (of {seen[worst].item():.0f} images)")
print(f"digits all classified correctly: {(per_class == 1).sum().item()}")

# %%
# What changes on a machine with an accelerator
# ---------------------------------------------
# The code runs unchanged, but the output differs in a few places. This page cannot run
# there, so it gives no numbers.
#
# - ``device`` is an accelerator such as ``cuda`` or ``mps``, and the parameters and
#   batches are on it. ``elsewhere`` is that accelerator too, so the error messages
#   above name it instead of ``meta``, and are worded differently.
# - Even with the seeds fixed, the losses and accuracies need not match this page's
#   digits: on an accelerator, dropout draws its random numbers from the accelerator's
#   own generator, and the arithmetic may round differently from the CPU's. The
#   hand-written loop and ``train_one_epoch`` still do the same computation on the same
#   device, so their results still agree there.
# - An accelerator works through the computations the CPU hands it while the CPU moves
#   on. ``.item()`` and ``.cpu()`` make the CPU wait until the result is ready, which is
#   why the loop above adds up the loss on ``device`` and brings it back only once.
# - Whether it is faster depends on the size of the model and the batches. For a model as
#   small as this one, moving the batches and starting many small operations may take
#   longer than the computing itself.
#
# Summary
# -------
# - Choose the device once with ``torch.accelerator``, and use the CPU when there is no
#   accelerator.
# - Call ``model.to(device)`` once before training, and ``images.to(device)`` and
#   ``labels.to(device)`` for every batch inside the loop, assigning the results. Forget
#   one and a ``RuntimeError`` names the two devices. On a CPU-only machine the mistake
#   does not show, but the ``meta`` device reveals it.
# - The package's ``train_one_epoch`` and ``evaluate`` take ``device=`` and move the
#   batches for you; a model on another device makes them raise a ``ValueError``.
# - Give ``device=device`` to new tensors made inside the loop. Bring results back to
#   the CPU with ``.item()`` or ``.cpu()`` before using them as Python numbers or
#   plotting them.
#
# This is the end of the classifier chapter. The next chapter restores a broken photo
# with gradient descent.
#
# Next: :ref:`sphx_glr_auto_examples_practice_plot_01_restoring_an_image.py`
#
# PyTorch documentation: `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_,
# `torch.device <https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-device>`_,
# `torch.nn.Module.to <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to>`_,
# `torch.Tensor.to <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html>`_,
# `torch.Tensor.cpu <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.cpu.html>`_,
# `torch.Tensor.item <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.item.html>`_,
# `torch.Tensor.index_add_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.index_add_.html>`_,
# `torch.nn.Module.register_buffer <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_buffer>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** In the hand-written loop, a beginner writes
#    ``total += loss * len(labels)``, without ``.detach()``. Does the mean loss of the
#    epoch change? What else does ``total`` hold at the end of the epoch?
# 2. **Predict, then run.** After moving a batch, ``assert images.device == device``
#    passes on this machine. Does it pass on a machine with a CUDA GPU?
# 3. **Change one thing and explain.** A model that subtracts 0.5 from its input before
#    classifying keeps that value as a plain attribute,
#    ``self.mean = torch.full((1, 8, 8), 0.5)``. Moved to ``elsewhere`` and given a
#    batch on ``elsewhere``, what happens? And with
#    ``self.register_buffer("mean", torch.full((1, 8, 8), 0.5))`` instead?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# The mean loss is the same: ``.detach()`` changes no value. But ``loss`` is the end of
# its batch's computational graph, so ``total`` now requires grad, and each ``+=`` adds
# a node that joins the graph so far to that batch's graph. At the end of the epoch,
# ``total``'s graph reaches back through all 38 batches. Nothing calls ``backward()`` on
# it, yet all of it stays in memory as long as ``total`` does, one batch more at every
# step; the `PyTorch FAQ <https://docs.pytorch.org/docs/stable/notes/faq.html>`_ lists
# this mistake among the causes of running out of memory on a GPU. With
# ``loss.detach()``, or ``loss.item()``, only the number is added. ``chained_additions``
# counts the additions by following ``next_functions`` back from ``total.grad_fn``, as
# :ref:`sphx_glr_auto_examples_autograd_plot_02_graph.py` did.
def epoch_total(detach):
    torch.manual_seed(1)
    net = DigitClassifier().to(device)
    net_optimizer = torch.optim.Adam(net.parameters(), lr=1e-2)
    loader = DataLoader(
        train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
    )
    total = torch.zeros((), device=device)
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        net_optimizer.zero_grad()
        loss = loss_fn(net(images), labels)
        loss.backward()
        net_optimizer.step()
        total += (loss.detach() if detach else loss) * len(labels)  # the one difference
    return total


def chained_additions(tensor):
    count, node = 0, tensor.grad_fn
    while node is not None:  # back along the first input of each addition
        count += 1
        node = node.next_functions[0][0]
    return count


detached, kept = epoch_total(detach=True), epoch_total(detach=False)
print(f"with .detach():    mean loss {detached / len(train_set):.4f}, grad_fn={detached.grad_fn}")
print(f"without .detach(): mean loss {kept / len(train_set):.4f}, grad_fn={kept.grad_fn.name()}")
print(
    f"additions chained in total's graph: {chained_additions(kept)}, "
    f"batches per epoch: {len(train_loader)}"
)
assert torch.allclose(detached, kept.detach()) and detached.grad_fn is None
assert chained_additions(kept) == len(train_loader)

# %%
# Answer 2
# ^^^^^^^^
# It fails. Two ``torch.device`` objects are ``==`` only when both their type and their
# index match. The device ``current_accelerator()`` returns has no index (its
# documentation says the index is ``None``), but a tensor moved there is on a numbered
# device such as ``cuda:0``. The CPU has no index, which is the only reason the assert
# passed here. Compare ``.device.type`` to check the device. Device objects can be made
# without CUDA, so the comparison can be seen here.
images = next(iter(val_loader))[0].to(device)
print(f"this machine: images.device == device: {images.device == device}")
named, numbered = torch.device("cuda"), torch.device("cuda", 0)
print(f"torch.device('cuda') == torch.device('cuda', 0): {named == numbered}")
print(f"same .type: {named.type == numbered.type}")
assert images.device.type == device.type
assert named != numbered and named.type == numbered.type


# %%
# Answer 3
# ^^^^^^^^
# As a plain attribute, it fails. ``model.to`` moves the parameters and the buffers,
# and knows nothing of the other tensors the model holds. So ``self.mean`` stays on the
# CPU, and subtracting it from an image on ``elsewhere`` mixes devices. A tensor
# registered with ``register_buffer`` becomes a buffer, a tensor of the model that is
# not trained, and moves with the parameters, so the error is gone.
class Centered(nn.Module):
    def __init__(self, as_buffer: bool) -> None:
        super().__init__()
        mean = torch.full((1, 8, 8), 0.5)
        if as_buffer:
            self.register_buffer("mean", mean)  # model.to moves it along
        else:
            self.mean = mean  # a plain attribute: model.to does not know it
        self.linear = nn.Linear(64, 10)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.linear((images - self.mean).flatten(1))


images = next(iter(val_loader))[0].to(elsewhere)
for as_buffer in (False, True):
    centered = Centered(as_buffer).to(elsewhere)
    print(f"as_buffer={as_buffer}: mean is on {centered.mean.device}")
    try:
        print(f"  the output is on {centered(images).device}")
        worked = True
    except RuntimeError as error:
        print(f"  {type(error).__name__}: {str(error).splitlines()[0]}")
        worked = False
    assert worked == as_buffer == (centered.mean.device.type == elsewhere.type)
