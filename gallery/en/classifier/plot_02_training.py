r"""
Training and validation
=======================

This page builds the digit classifier, checks by hand what its loss and its accuracy
compute, writes one epoch of training and one pass of validation out in full, and shows
that the package's ``train_one_epoch`` and ``evaluate`` give the same numbers. Then it
trains for 20 epochs and draws the loss and accuracy on the training and validation sets,
shows why evaluation needs ``model.eval()`` and ``torch.inference_mode()``, and makes
overfitting visible by training on only 50 digits.
"""

# %%
# Every page starts the same way: import the libraries, set up the figures' fonts and fix the
# random seed. ``DigitsDataset`` and the three training functions come from the site's package
# and are explained where they are first used. This page also asks PyTorch to compute on one CPU
# thread: with more threads, the same sums may be added in a different order from one run to the
# next, and during training the last-digit differences can grow into different results. With one
# thread, running the page again on the same machine gives the same numbers. Another CPU or
# another version of PyTorch may round differently, so the exact numbers the text quotes are
# those of this page's run; yours may differ a little, while the relations the page checks with
# ``assert`` hold all the same.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, Subset, random_split

from pytorch_basics.digits import DigitsDataset
from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.training import accuracy, evaluate, train_one_epoch

use_site_style()
torch.manual_seed(0)
torch.set_num_threads(1)

# %%
# The data
# --------
# The data are prepared as on :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`:
# ``DigitsDataset()`` serves the 1,797 handwritten digits one ``(image, label)`` pair at a
# time, and they are split into a training set of 1,197, a validation set of 300 and a test
# set of 300. This page trains on the training set and checks the model on new digits with
# the validation set, which training never sees; the test set is not used. ``make_train_loader``
# builds the training data loader of that page: batches of 32, shuffled by its own generator
# seeded with 0, so each call gives a loader that shuffles in the same order. The validation
# loader hands out its 300 digits as one batch.
full = DigitsDataset()
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)


def make_train_loader(dataset):
    return DataLoader(
        dataset, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
    )


val_loader = DataLoader(val_set, batch_size=300)
print(f"training {len(train_set)}, validation {len(val_set)}, test {len(test_set)}")


# %%
# The model and its ten logits
# ----------------------------
# ``DigitClassifier`` flattens each 8×8 image into a row of 64 pixels (``nn.Flatten``
# keeps dimension 0, the examples), sends it through a hidden layer of 64 units with
# ReLU, and ends in a layer with 10 outputs, one per digit. ``nn.Dropout`` sits between
# them: during training it sets a random 20% of the hidden values to zero; the section
# on ``model.train()`` and ``model.eval()`` below looks at it closely.
class DigitClassifier(nn.Module):
    def __init__(self, hidden: int = 64, dropout: float = 0.2) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10)
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.layers(images)


# %%
# The 10 outputs are *logits* (:ref:`sphx_glr_auto_examples_tensors_plot_04_dtypes.py`):
# one score per digit, where a higher score means the model favours that digit more. The
# prediction is the digit with the highest score, ``argmax`` along dimension 1. We run the
# untrained model on the whole validation batch, with dropout switched off by
# ``model.eval()`` so that the outputs are not random; ``torch.no_grad()`` records nothing,
# as we only look at the numbers.
model = DigitClassifier()
model.eval()  # dropout off
images, labels = next(iter(val_loader))
with torch.no_grad():
    logits = model(images)
print(f"images {tuple(images.shape)} -> logits {tuple(logits.shape)}")
print(f"logits of the first digit: {logits[0]}")
print(f"predicted digit: {logits[0].argmax().item()}, label: {labels[0].item()}")

# %%
# Logits can be any numbers. *Softmax* turns a row of them into probabilities: it takes
# :math:`e^{z_k}` of each logit :math:`z_k`, which is positive, and divides by the sum,
# :math:`p_k = e^{z_k} / \sum_j e^{z_j}`, so the ten values add up to 1. A larger logit
# gets a larger probability. The untrained model gives each digit roughly one chance in
# ten.
probabilities = torch.softmax(logits, dim=1)
by_hand = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
print(f"probabilities of the first digit: {probabilities[0]}")
print(f"sum of each row is 1: {torch.allclose(probabilities.sum(dim=1), torch.ones(300))}")
print(f"softmax matches exp / sum: {torch.allclose(probabilities, by_hand)}")

# %%
# Cross-entropy loss
# ------------------
# ``nn.CrossEntropyLoss`` compares the logits with the integer labels. The
# *cross-entropy* of one example is :math:`-\log p_y`, minus the log of the probability
# the model gives to the right digit :math:`y`: 0 when that probability is 1, and larger
# the smaller it is. The loss of a batch is the mean over its examples. We check it on
# the first validation digit by hand: softmax, take the probability at the label, then
# minus its log.
loss_fn = nn.CrossEntropyLoss()
p_right = probabilities[0, labels[0]]
print(f"probability of the right digit ({labels[0].item()}): {p_right:.4f}")
print(f"-log(p) by hand:            {-torch.log(p_right):.4f}")
print(f"nn.CrossEntropyLoss on it:  {loss_fn(logits[:1], labels[:1]):.4f}")
assert torch.allclose(-torch.log(p_right), loss_fn(logits[:1], labels[:1]))

# %%
# For the whole batch, ``probabilities[rows, labels]`` picks from row ``i`` the entry in
# column ``labels[i]``: each digit's probability of its right answer. Minus the mean of
# their logs is the batch's loss. For the untrained model it is close to
# :math:`\log 10`, the loss of giving every digit exactly one chance in ten.
rows = torch.arange(len(labels))
batch_by_hand = -torch.log(probabilities[rows, labels]).mean()
print(f"mean of -log(p) by hand: {batch_by_hand:.4f}")
print(f"nn.CrossEntropyLoss:     {loss_fn(logits, labels):.4f}")
print(f"log(10):                 {torch.log(torch.tensor(10.0)):.4f}")
assert torch.allclose(batch_by_hand, loss_fn(logits, labels))

# %%
# Accuracy
# --------
# *Accuracy* is the share of examples whose prediction equals the label. The package's
# ``accuracy(logits, labels)`` computes exactly that; an untrained model is right about
# one time in ten.
predictions = logits.argmax(dim=1)
by_hand = (predictions == labels).sum().item() / len(labels)
print(f"accuracy by hand: {by_hand:.2%}")
print(f"accuracy():       {accuracy(logits, labels):.2%}")
assert by_hand == accuracy(logits, labels)

# %%
# One epoch of training, written out
# ----------------------------------
# The loop is the one of :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`,
# now over mini-batches: for each batch, clear the gradients, forward, loss, backward,
# step. ``model.train()`` puts the model in *training mode* (dropout on). The loss of a
# batch is the mean over its examples, and the last batch holds only
# :math:`1197 - 37 \cdot 32 = 13` digits, so to get the mean over all 1,197 we weight
# each batch's loss by its size. Dropout draws its random numbers from PyTorch's global
# generator, so to replay the epoch below we note that generator's state, along with the
# untrained parameters.
start_state = copy.deepcopy(model.state_dict())  # a copy of the untrained parameters
dropout_rng = torch.get_rng_state()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)

model.train()
total_loss, count = 0.0, 0
for batch_images, batch_labels in make_train_loader(train_set):
    optimizer.zero_grad()
    loss = loss_fn(model(batch_images), batch_labels)
    loss.backward()
    optimizer.step()
    total_loss += loss.item() * len(batch_labels)
    count += len(batch_labels)
train_loss = total_loss / count
print(f"{count} digits, mean training loss {train_loss:.6f}")

# %%
# One pass of validation, written out
# -----------------------------------
# Validation only measures: no gradients, no step. ``model.eval()`` puts the model in
# *evaluation mode* (dropout off), and ``torch.inference_mode()`` records no graph; both
# get a section of their own below. We add up the loss (weighted as above) and the
# number of correct predictions.
model.eval()
total_loss, correct = 0.0, 0
with torch.inference_mode():
    for batch_images, batch_labels in val_loader:
        batch_logits = model(batch_images)
        total_loss += loss_fn(batch_logits, batch_labels).item() * len(batch_labels)
        correct += (batch_logits.argmax(dim=1) == batch_labels).sum().item()
val_loss, val_accuracy = total_loss / len(val_set), correct / len(val_set)
print(f"validation loss {val_loss:.6f}, accuracy {val_accuracy:.2%}")

# %%
# The package's functions do the same
# -----------------------------------
# From here on we leave these loops to the package's functions. ``train_one_epoch(model, loader,
# loss_fn, optimizer)`` is the training loop above and returns the mean loss per example;
# ``evaluate(model, loader, loss_fn)`` is the validation loop and returns the loss and
# the accuracy, then puts the model back in the mode it was in. We give a twin of the
# model the same starting parameters, a new optimizer, a loader that shuffles in the
# same order and the same state of the global generator, so its dropout draws the same
# zeros. ``state_dict()`` is a dictionary of the model's parameters, one per name, and
# ``load_state_dict`` puts those values into a model of the same structure; both are looked
# at closely on :ref:`sphx_glr_auto_examples_classifier_plot_04_saving.py`.
twin = DigitClassifier()
twin.load_state_dict(start_state)
twin_optimizer = torch.optim.Adam(twin.parameters(), lr=1e-2)
torch.set_rng_state(dropout_rng)
package_train_loss = train_one_epoch(twin, make_train_loader(train_set), loss_fn, twin_optimizer)
package_val = evaluate(twin, val_loader, loss_fn)
print(f"training loss:       by hand {train_loss:.6f}, train_one_epoch {package_train_loss:.6f}")
print(f"validation loss:     by hand {val_loss:.6f}, evaluate {package_val.loss:.6f}")
print(f"validation accuracy: by hand {val_accuracy:.2%}, evaluate {package_val.accuracy:.2%}")
same_parameters = all(
    torch.equal(a, b) for a, b in zip(model.parameters(), twin.parameters(), strict=True)
)
print(f"same parameters after the epoch: {same_parameters}")
print(f"back in training mode after evaluate: {twin.training}")
assert same_parameters and twin.training and package_val.accuracy == val_accuracy
assert abs(package_train_loss - train_loss) < 1e-9 and abs(package_val.loss - val_loss) < 1e-9


# %%
# Training for 20 epochs
# ----------------------
# ``fit`` trains a model for a number of epochs and, after each one, measures both the
# training set and the validation set with ``evaluate``. We measure the training set
# again rather than keep the loss ``train_one_epoch`` returns, because that one is
# averaged over an epoch in which the parameters kept changing, with dropout on
# (exercise 3 measures the difference); ``evaluate`` measures both sets the same way.
# Twenty epochs is enough here: after about a dozen, validation accuracy only moves up
# and down by a point or so. The seed is set again first, so that this run is the one
# the next page repeats.
def fit(model, dataset, epochs):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    train_loader = make_train_loader(dataset)
    train_eval_loader = DataLoader(dataset, batch_size=300)
    history = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
    for _ in range(epochs):
        train_one_epoch(model, train_loader, loss_fn, optimizer)
        on_train = evaluate(model, train_eval_loader, loss_fn)
        on_val = evaluate(model, val_loader, loss_fn)
        history["train_loss"].append(on_train.loss)
        history["train_acc"].append(on_train.accuracy)
        history["val_loss"].append(on_val.loss)
        history["val_acc"].append(on_val.accuracy)
    return history


torch.manual_seed(0)
model = DigitClassifier()
normal = fit(model, train_set, epochs=20)
for epoch in range(20):
    print(
        f"epoch {epoch + 1:2d}: training loss {normal['train_loss'][epoch]:.4f}, "
        f"accuracy {normal['train_acc'][epoch]:.2%} | "
        f"validation loss {normal['val_loss'][epoch]:.4f}, accuracy {normal['val_acc'][epoch]:.2%}"
    )

# %%
epochs = range(1, 21)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(8, 3.2))
ax_loss.plot(epochs, normal["train_loss"], "o-", markersize=3, label="training set")
ax_loss.plot(epochs, normal["val_loss"], "o-", markersize=3, label="validation set")
ax_loss.set_title("Loss")
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("cross-entropy loss")
ax_loss.legend()
ax_acc.plot(epochs, normal["train_acc"], "o-", markersize=3, label="training set")
ax_acc.plot(epochs, normal["val_acc"], "o-", markersize=3, label="validation set")
ax_acc.set_title("Accuracy")
ax_acc.set_xlabel("epoch")
ax_acc.set_ylabel("accuracy")
ax_acc.legend()
fig.suptitle("Training the digit classifier for 20 epochs")
describe_figure(
    fig,
    "Two line charts over the 20 epochs, each with one curve for the training set and one "
    "for the validation set. On the left, the cross-entropy loss falls quickly in the "
    f"first few epochs and then flattens: from {normal['train_loss'][0]:.2f} to "
    f"{normal['train_loss'][-1]:.2f} on the training set and from "
    f"{normal['val_loss'][0]:.2f} to {normal['val_loss'][-1]:.2f} on the validation set. "
    f"On the right, the accuracy climbs to {normal['train_acc'][-1]:.1%} on the training "
    f"set and {normal['val_acc'][-1]:.1%} on the validation set, the training curve "
    "staying a little above the validation curve throughout.",
)
plt.show()

# %%
# The figure shows both losses falling fast in the first epochs and then flattening,
# and both accuracies rising to the high nineties. The training set stays a little
# ahead of the validation set: the model does better on the digits it was trained on
# than on digits it has never seen.
print(
    f"after 20 epochs: training accuracy {normal['train_acc'][-1]:.2%}, "
    f"validation accuracy {normal['val_acc'][-1]:.2%}"
)
print(
    f"best validation accuracy {max(normal['val_acc']):.2%}, "
    f"first reached in epoch {normal['val_acc'].index(max(normal['val_acc'])) + 1}"
)

# %%
# ``model.train()`` and ``model.eval()``
# --------------------------------------
# A few layers behave differently while training. ``nn.Dropout(0.2)``, in training mode,
# sets each value to zero with probability 0.2 and multiplies the others by
# :math:`1 / (1 - 0.2) = 1.25`, so that the values keep the same average; in evaluation
# mode it passes its input through unchanged. A new module starts in training mode
# (``.training`` is ``True``); ``.train()`` and ``.eval()`` switch the module and every
# module inside it. We pass tensors of ones through it: a small one to look at, and one
# of 100,000 values to count.
dropout = nn.Dropout(0.2)
print(f"new module, training={dropout.training}:\n{dropout(torch.ones(2, 10))}")
many = dropout(torch.ones(100_000))
print(f"of 100,000 ones: {(many == 0).float().mean():.2%} set to zero, mean {many.mean():.4f}")
dropout.eval()
print(f"after eval(), training={dropout.training}:\n{dropout(torch.ones(2, 10))}")

# %%
# So the trained model itself gives the same digit different outputs in training mode,
# and identical ones in evaluation mode. We run it twice on the first validation digit
# in each mode.
image = images[:1]
with torch.inference_mode():
    model.train()
    train_mode = model(image), model(image)
    model.eval()
    eval_mode = model(image), model(image)
print(f"training mode, first call:    {train_mode[0][0, :4]}")
print(f"training mode, second call:   {train_mode[1][0, :4]}")
print(f"evaluation mode, both calls:  {eval_mode[0][0, :4]}")
print(
    f"identical in training mode: {torch.equal(*train_mode)}, "
    f"in evaluation mode: {torch.equal(*eval_mode)}"
)
assert not torch.equal(*train_mode) and torch.equal(*eval_mode)

# %%
# Dropout is the cause: the same parameters in a model built with ``dropout=0.0`` give
# identical outputs in training mode too. (Dropout has no parameters, so the names in
# ``state_dict()`` match.)
no_dropout = DigitClassifier(dropout=0.0)
no_dropout.load_state_dict(model.state_dict())
no_dropout.train()
with torch.inference_mode():
    print(
        f"dropout=0.0, training mode: identical {torch.equal(no_dropout(image), no_dropout(image))}"
    )
    assert torch.equal(no_dropout(image), no_dropout(image))

# %%
# It matters for the numbers we report. Measured in training mode, the validation
# accuracy changes from one call to the next; in evaluation mode, which ``evaluate``
# switches to itself, the same model gives one number every time.
model.train()
with torch.inference_mode():
    in_train_mode = [accuracy(model(images), labels) for _ in range(10)]
in_eval_mode = [evaluate(model, val_loader, loss_fn).accuracy for _ in range(2)]
print(f"training mode, 10 calls: from {min(in_train_mode):.2%} to {max(in_train_mode):.2%}")
print(f"evaluation mode, 2 calls: {in_eval_mode[0]:.2%} and {in_eval_mode[1]:.2%}")
assert len(set(in_train_mode)) > 1 and in_eval_mode[0] == in_eval_mode[1]

# %%
# Evaluating under ``torch.inference_mode()``
# -------------------------------------------
# ``evaluate`` also runs the model under ``torch.inference_mode()``, the stricter
# ``torch.no_grad()`` of :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py`.
# Outside the block, every forward pass records a graph, for a ``backward()`` that
# evaluation never calls, and the output gets a ``grad_fn``. Inside, no graph is recorded.
model.eval()
outside = model(images)
with torch.inference_mode():
    inside = model(images)
print(f"outside: requires_grad={outside.requires_grad}, grad_fn={outside.grad_fn.name()}")
print(f"inside:  requires_grad={inside.requires_grad}, grad_fn={inside.grad_fn}")
print(f"same values: {torch.equal(outside.detach(), inside)}")
assert outside.grad_fn is not None and inside.grad_fn is None

# %%
# Overfitting made visible
# ------------------------
# A model *overfits* when it does much better on the examples it was trained on than on
# new data. To provoke it, we give the same model, without dropout, only the first 50
# training digits, and train it for 200 epochs. ``Subset(train_set, range(50))`` holds
# them, a ``Subset`` as on the previous page; the split is already shuffled, and every
# digit appears. The validation set is the same 300 digits.
small_set = Subset(train_set, range(50))
small_labels = torch.stack([label for _, label in small_set])
print(f"examples of each digit 0 to 9: {torch.bincount(small_labels, minlength=10).tolist()}")
torch.manual_seed(0)
small = fit(DigitClassifier(dropout=0.0), small_set, epochs=200)
for epoch in (1, 10, 20, 50, 100, 200):
    print(
        f"epoch {epoch:3d}: training accuracy {small['train_acc'][epoch - 1]:.2%}, "
        f"validation accuracy {small['val_acc'][epoch - 1]:.2%}"
    )
print(f"training accuracy first 100% in epoch {small['train_acc'].index(1.0) + 1}")

# %%
fig, (ax_small, ax_normal) = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
ax_small.plot(range(1, 201), small["train_acc"], label="training set")
ax_small.plot(range(1, 201), small["val_acc"], label="validation set")
ax_small.set_title("50 digits, no dropout")
ax_small.set_xlabel("epoch")
ax_small.set_ylabel("accuracy")
ax_small.legend()
ax_normal.plot(epochs, normal["train_acc"], label="training set")
ax_normal.plot(epochs, normal["val_acc"], label="validation set")
ax_normal.set_title("1,197 digits, dropout 0.2 (above)")
ax_normal.set_xlabel("epoch")
ax_normal.legend()
fig.suptitle("Overfitting: accuracy on the training and validation sets")
describe_figure(
    fig,
    "Two line charts of the accuracy on the training set and on the validation set "
    "against epoch, sharing the vertical axis. On the left, 50 digits without dropout for "
    f"200 epochs: the training accuracy reaches 100% at epoch "
    f"{small['train_acc'].index(1.0) + 1} and stays there, while the validation accuracy "
    f"levels off near {small['val_acc'][-1]:.0%}. On the right, the run above with 1,197 "
    "digits and dropout 0.2 for 20 epochs: the two curves stay within a few percentage "
    f"points of each other and end at {normal['train_acc'][-1]:.1%} and "
    f"{normal['val_acc'][-1]:.1%}.",
)
plt.show()

# %%
# The figure shows the 50-digit model learning its training set completely while its
# validation accuracy stays far below. In this run it reaches 100% on the training set by
# epoch 13, and its validation accuracy stays near 80%, a gap of about twenty points that
# training on to epoch 200 does not close; the normal run, on the right, keeps the two curves
# within a few points. The training accuracy alone would have called both models nearly
# perfect: only the validation set shows the difference.
gap_small = small["train_acc"][-1] - small["val_acc"][-1]
gap_normal = normal["train_acc"][-1] - normal["val_acc"][-1]
print(
    f"gap between training and validation accuracy: 50 digits {gap_small:.2%}, "
    f"1,197 digits {gap_normal:.2%}"
)
assert gap_small > 0.1 > gap_normal

# %%
# What to do about it
# -------------------
# The two runs differ in two ways, the amount of data and dropout. Two more runs, each
# changing one of them, separate the two: the 50 digits with dropout 0.2, and all 1,197
# digits without dropout.
torch.manual_seed(0)
small_dropout = fit(DigitClassifier(dropout=0.2), small_set, epochs=200)
torch.manual_seed(0)
normal_no_dropout = fit(DigitClassifier(dropout=0.0), train_set, epochs=20)
print(
    f"50 digits, no dropout, 200 epochs:    training {small['train_acc'][-1]:.2%}, "
    f"validation {small['val_acc'][-1]:.2%}"
)
print(
    f"50 digits, dropout 0.2, 200 epochs:   training {small_dropout['train_acc'][-1]:.2%}, "
    f"validation {small_dropout['val_acc'][-1]:.2%}"
)
print(
    f"1,197 digits, no dropout, 20 epochs:  training {normal_no_dropout['train_acc'][-1]:.2%}, "
    f"validation {normal_no_dropout['val_acc'][-1]:.2%}"
)
print(
    f"1,197 digits, dropout 0.2, 20 epochs: training {normal['train_acc'][-1]:.2%}, "
    f"validation {normal['val_acc'][-1]:.2%}"
)
assert small_dropout["train_acc"][-1] - small_dropout["val_acc"][-1] > 0.1
assert normal_no_dropout["val_acc"][-1] - small_dropout["val_acc"][-1] > 0.1

# %%
# In these runs more data is what narrowed the gap: with 1,197 digits, validation accuracy
# is in the high nineties with or without dropout. Dropout is often used against
# overfitting, but with only 50 digits it did not stop it here: in this run the training set
# is still learned to 100%, and the validation accuracy moved by one point. How much dropout
# helps depends on the model and the data, and the validation set is where to measure it.
#
# The third remedy is to stop early. In the 50-digit run without dropout, the validation
# loss reaches its lowest point early and then rises, while the training loss keeps
# falling towards 0.
best = small["val_loss"].index(min(small["val_loss"])) + 1
print(
    f"lowest validation loss {small['val_loss'][best - 1]:.4f} in epoch {best}, "
    f"validation accuracy {small['val_acc'][best - 1]:.2%}"
)
print(
    f"after 200 epochs: validation loss {small['val_loss'][-1]:.4f}, "
    f"validation accuracy {small['val_acc'][-1]:.2%}, "
    f"training loss {small['train_loss'][-1]:.4f}"
)
after_best = small["val_acc"][best:]
gain = max(after_best) - small["val_acc"][best - 1]
print(
    f"validation accuracy in the later epochs: {min(after_best):.2%} to {max(after_best):.2%}, "
    f"compared with epoch {best}, at best {gain * 100:+.2f} points"
)
assert best < 100 and small["val_loss"][-1] > small["val_loss"][best - 1]
assert small["train_loss"][-1] < small["train_loss"][best - 1]

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(range(1, 201), small["train_loss"], label="training set")
ax.plot(range(1, 201), small["val_loss"], label="validation set")
ax.axvline(best, color="black", linestyle="--", linewidth=1, label="lowest validation loss")
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy loss")
ax.set_title("50 digits, no dropout: the loss of both sets")
ax.legend()
describe_figure(
    fig,
    "Line chart of the cross-entropy loss on the training set and on the validation set "
    "over 200 epochs, for the model trained on 50 digits without dropout. The training "
    f"loss keeps falling towards 0, down to {small['train_loss'][-1]:.4f}. The "
    f"validation loss is lowest at epoch {best} (the dashed vertical line), at "
    f"{small['val_loss'][best - 1]:.2f}, and then slowly climbs back, to "
    f"{small['val_loss'][-1]:.2f} by epoch 200.",
)
plt.show()

# %%
# The figure shows the training loss falling to almost 0 while the validation loss
# bottoms out at the dashed line and climbs after it. In this run, stopping there would have
# given the same validation accuracy as the full run in a tenth of the epochs, with a lower
# validation loss; the epochs after it pushed the training loss close to 0, but raised the
# validation accuracy by one point at most (printed above). The next page chooses its number
# of epochs on the validation set in the same spirit.
#
# Summary
# -------
# - The classifier outputs 10 logits per image; softmax turns them into probabilities,
#   and the prediction is the ``argmax``.
# - ``nn.CrossEntropyLoss`` takes the logits and the integer labels and computes the mean
#   of :math:`-\log p_y`, minus the log of the probability of the right digit; accuracy is
#   the share of correct predictions.
# - A training epoch is the loop clear, forward, loss, backward, step over the
#   mini-batches in training mode; validation measures in evaluation mode under
#   ``torch.inference_mode()``. ``train_one_epoch`` and ``evaluate`` are these loops and
#   give the same numbers.
# - In training mode dropout makes the outputs random; ``model.eval()`` makes them
#   repeatable, and ``torch.inference_mode()`` records no graph.
# - In this page's run, the model trained on 50 digits learned its training set to 100% and
#   stayed near 80% on the validation set. More data narrowed that gap to a few points;
#   dropout 0.2 barely moved it; stopping at the lowest validation loss gave the same accuracy
#   in a tenth of the epochs.
#
# Next: :ref:`sphx_glr_auto_examples_classifier_plot_03_results.py` chooses the
# number of epochs, measures the test set once and looks at the mistakes.
#
# PyTorch documentation:
# `nn.CrossEntropyLoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html>`_,
# `torch.softmax <https://docs.pytorch.org/docs/stable/generated/torch.softmax.html>`_,
# `nn.Dropout <https://docs.pytorch.org/docs/stable/generated/torch.nn.Dropout.html>`_,
# `nn.Module.train <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.train>`_,
# `nn.Module.eval <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.eval>`_,
# `torch.inference_mode <https://docs.pytorch.org/docs/stable/generated/torch.autograd.grad_mode.inference_mode.html>`_,
# `torch.utils.data.Subset <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.Subset>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** A model "should output probabilities", so a beginner applies
#    ``torch.softmax`` to the logits before ``nn.CrossEntropyLoss``. Predict the smallest
#    loss an example can then have, even when the model is perfectly sure of the right
#    digit. (Each probability is between 0 and 1, and the loss applies softmax once more.)
# 2. **Change one thing and explain.** A hand-written training loop trains an epoch, then
#    switches to ``model.eval()`` to validate, as the validation loop above does; but it
#    calls ``model.train()`` only once, before the loop over the epochs, not in every epoch.
#    Is dropout on while the second epoch trains? Is there an error? Where does
#    ``model.train()`` belong?
# 3. **Predict, then run.** Train a new model for one epoch, as above. The loss that
#    ``train_one_epoch`` returns for that first epoch is far higher than the validation
#    loss measured right after it. Is the model better on digits it has never seen? Find
#    out by measuring the training set before the epoch, and after it, first in training
#    mode, then in evaluation mode.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``nn.CrossEntropyLoss`` applies softmax itself, so the probabilities are treated as
# logits. The most a row of probabilities can favour the right digit is a 1 at the label
# and 0 elsewhere, and softmax turns that into :math:`e / (e + 9) \approx 0.23`, so the
# loss can never fall below :math:`-\log(e / (e + 9)) = \log(1 + 9/e) \approx 1.46`. On the
# trained model's validation logits, the correct loss is small and every example's loss
# on probabilities is above that floor.
model.eval()
with torch.inference_mode():
    val_logits = model(images)
    per_example = nn.CrossEntropyLoss(reduction="none")(torch.softmax(val_logits, dim=1), labels)
floor = torch.log(1 + 9 / torch.exp(torch.tensor(1.0)))
print(f"loss on logits:        {loss_fn(val_logits, labels):.4f}")
print(f"loss on probabilities: {per_example.mean():.4f}, smallest example {per_example.min():.4f}")
print(f"floor log(1 + 9/e):    {floor:.4f}")
assert per_example.min() >= floor - 1e-6 and loss_fn(val_logits, labels) < floor

# %%
# Answer 2
# ^^^^^^^^
# Dropout is off, and nothing fails or warns. The mode ``model.eval()`` sets stays until
# something changes it, so every epoch after the first validation trains in evaluation mode,
# without dropout. ``model.train()`` belongs at the start of every epoch's training, as in
# the training loop written out above; ``train_one_epoch`` switches to training mode itself,
# so it cannot make this mistake.
def training_modes(train_every_epoch):
    torch.manual_seed(0)
    classifier = DigitClassifier()
    classifier_optimizer = torch.optim.Adam(classifier.parameters(), lr=1e-2)
    classifier.train()  # once, before the loop over the epochs
    modes = []
    for _ in range(2):
        if train_every_epoch:
            classifier.train()  # in every epoch
        modes.append(classifier.training)
        for batch_images, batch_labels in make_train_loader(train_set):
            classifier_optimizer.zero_grad()
            loss_fn(classifier(batch_images), batch_labels).backward()
            classifier_optimizer.step()
        classifier.eval()
        with torch.inference_mode():
            classifier(images)  # validation (its result is not used here)
    return modes


once, every_epoch = training_modes(False), training_modes(True)
print(f"train() once:            training at the start of each epoch {once}")
print(f"train() in every epoch:  training at the start of each epoch {every_epoch}")
assert once == [True, False] and every_epoch == [True, True]

# %%
# Answer 3
# ^^^^^^^^
# No. The returned loss is the mean over the epoch's batches: the model started the
# epoch untrained, with a loss above 2, and improved batch by batch, so the early
# batches pull the mean up. It is also computed with dropout on. Measured at the end of
# the epoch on the same training digits, the loss is lower in training mode (the
# averaging is gone), lower again in evaluation mode (dropout is gone too), and then
# below the validation loss.
torch.manual_seed(0)
fresh = DigitClassifier()
fresh_optimizer = torch.optim.Adam(fresh.parameters(), lr=1e-2)
train_eval_loader = DataLoader(train_set, batch_size=300)
before = evaluate(fresh, train_eval_loader, loss_fn).loss
returned = train_one_epoch(fresh, make_train_loader(train_set), loss_fn, fresh_optimizer)
all_train_images, all_train_labels = next(iter(DataLoader(train_set, batch_size=1197)))
with torch.inference_mode():
    end_train_mode = loss_fn(fresh(all_train_images), all_train_labels).item()
end_eval_mode = evaluate(fresh, train_eval_loader, loss_fn).loss
end_val = evaluate(fresh, val_loader, loss_fn).loss
print(f"training set before the epoch:        {before:.4f}")
print(f"returned by train_one_epoch:          {returned:.4f}")
print(f"training set at the end, train mode:  {end_train_mode:.4f}")
print(f"training set at the end, eval mode:   {end_eval_mode:.4f}")
print(f"validation set at the end, eval mode: {end_val:.4f}")
assert before > 2 and returned > end_train_mode > end_eval_mode and end_eval_mode < end_val
