r"""
Data: a Dataset, a split and a DataLoader
=========================================

The classifier of this chapter learns from 1,797 small images of handwritten digits. This page
looks at them, writes a ``Dataset`` that serves them one at a time, splits them into a training,
a validation and a test set, and hands the training set out in shuffled mini-batches with a
``DataLoader``. Splitting and shuffling are random; the page shows what a seeded random number
generator changes about that, and why each of the three sets exists.
"""

# %%
# Every page starts the same way: import PyTorch, set the figures' fonts and fix the random
# seed. The post :ref:`post-deep-learning-1` calls ``torch.utils`` the toolbox for "splitting
# data sets, batching"; this page uses three tools of its part ``torch.utils.data``:
# ``Dataset``, ``random_split`` and ``DataLoader``.
import subprocess
import sys

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, random_split

from pytorch_basics.digits import DigitsDataset, load_digits_tensors
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# The digits
# ----------
# scikit-learn, a machine-learning library for Python, ships a small set of handwritten digits
# inside its package, so nothing is downloaded. The site's package reads it with
# ``load_digits_tensors()``, which returns the images and their labels as two tensors.
images, labels = load_digits_tensors()
print(f"images: shape {tuple(images.shape)}, dtype {images.dtype}")
print(f"labels: shape {tuple(labels.shape)}, dtype {labels.dtype}")

# %%
# There are 1,797 images. Each has the shape (channels, height, width) of
# :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`: one channel, since the images are
# grey, of 8 by 8 pixels. The images are ``float32``, the dtype networks compute in; the labels
# are ``int64``, the dtype class labels take
# (:ref:`sphx_glr_auto_examples_tensors_plot_04_dtypes.py`). The pixels lie between 0 and 1. In
# scikit-learn each pixel is a whole number from 0 (no ink) to 16, and
# ``load_digits_tensors()`` divides it by 16: times 16, the pixels are exactly the 17 whole
# numbers 0 to 16. Here is the first image, times 16.
print(f"pixels from {images.min():.1f} to {images.max():.1f}")
pixel_values = torch.unique(images * 16)
print(f"distinct values of images * 16: {pixel_values.int().tolist()}")
assert torch.equal(pixel_values, torch.arange(17.0))
print((images[0, 0] * 16).int())

# %%
# The labels are the ten classes 0 to 9. ``torch.bincount`` counts how often each of 0, 1, 2,
# ... occurs: each digit has about 180 images.
print(f"classes: {labels.unique().tolist()}")
print(f"images per class: {torch.bincount(labels).tolist()}")

# %%
# The figure draws the first 20 images, each with its label above it.
fig, axes = plt.subplots(2, 10, figsize=(8, 2.3))
for ax, image, label in zip(axes.flat, images[:20], labels[:20], strict=True):
    ax.imshow(image[0], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"{label}", fontsize=10)
    ax.axis("off")
fig.suptitle("The first 20 digits and their labels")
describe_figure(
    fig,
    "The first 20 images of the data in two rows of ten, each with its label above it. "
    "They are 8×8-pixel grey-scale handwritten digits; each row runs through 0 to 9 in "
    "order, in different handwriting. The digits are coarse blobs of ink, yet most are "
    "easy to read.",
)
plt.show()

# %%
# The figure shows the digits 0 to 9 twice, in different handwriting. At 8 by 8 pixels a digit
# is a coarse blot of ink; most are still easy to read. The first 30 labels run 0 to 9 three
# times over; after that the order is irregular.
print(f"first 40 labels: {labels[:40].tolist()}")


# %%
# A Dataset of your own
# ---------------------
# A *dataset* is a collection of examples, here each an image paired with its label. In
# PyTorch a dataset is an object with two methods: ``__len__`` returns the number of examples,
# and ``__getitem__(index)`` returns example number ``index``. Python calls them for
# ``len(dataset)`` and ``dataset[index]``. A subclass of ``Dataset`` over the two tensors is
# a few lines long.
class MyDigits(Dataset):
    def __init__(self, images, labels):
        self.images = images
        self.labels = labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.images[index], self.labels[index]


mine = MyDigits(images, labels)
image, label = mine[3]
print(f"len(mine): {len(mine)}")
print(f"mine[3]: an image of shape {tuple(image.shape)} and the label {label}")

# %%
# The package's ``DigitsDataset`` is this same class with checks added. ``DigitsDataset()``
# without arguments loads all the digits itself, and serves the same pairs as ``MyDigits``.
full = DigitsDataset()
same_pairs = all(
    torch.equal(full[i][0], mine[i][0]) and torch.equal(full[i][1], mine[i][1])
    for i in range(len(full))
)
print(f"len(full): {len(full)}, the same pairs as MyDigits: {same_pairs}")
assert same_pairs

# %%
# The checks run once, when the dataset is made. ``MyDigits`` takes 1,797 images with only
# 100 labels without a word, and becomes a dataset of 100 examples: the other 1,697 images
# would simply never be used. ``DigitsDataset`` refuses them, and it refuses labels that are
# not ``int64``, the dtype class labels take.
short = MyDigits(images, labels[:100])
print(f"MyDigits(images, labels[:100]): len {len(short)}")
for bad_labels in (labels[:100], labels.float()):
    try:
        DigitsDataset(images, bad_labels)
    except (TypeError, ValueError) as error:
        print(f"DigitsDataset: {type(error).__name__}: {error}")

# %%
# The later pages of this chapter use ``DigitsDataset``.
#
# Training, validation and test sets
# ----------------------------------
# The digits are split into three sets with no digit in common, and each has one job:
#
# - the *training set* is what the model learns from: the optimizer fits the parameters to it;
# - the *validation set* is for choosing: which number of epochs, which learning rate, which
#   model. Each choice is judged on data the model did not learn from;
# - the *test set* is used once, at the very end, to measure the model that was chosen.
#
# ``random_split`` draws the split at random, here 1,197 training digits (two thirds) and 300
# each for validation and testing. Its ``generator`` argument is explained below.
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)
parts = (train_set, val_set, test_set)
counts = [torch.bincount(labels[part.indices]).tolist() for part in parts]
print(f"training: {len(train_set)} digits, per class {counts[0]}")
print(f"validation: {len(val_set)} digits, per class {counts[1]}")
print(f"test: {len(test_set)} digits, per class {counts[2]}")
every_digit = set(train_set.indices) | set(val_set.indices) | set(test_set.indices)
print(f"digits in at least one set: {len(every_digit)}")

# %%
# 1,197 + 300 + 300 = 1,797 digits, and 1,797 different ones appear, so every digit is in
# exactly one set. Each set holds every class, in roughly the proportions of the whole but not
# exactly, since the digits were drawn at random: see how uneven the validation set's counts
# are. The split is drawn at random rather than cut in order (the first 1,197 digits, the next
# 300, the last 300) because data often come in some order; exercise 2 shows what cutting in
# order does to data sorted by class.
#
# ``random_split`` returns three ``Subset`` objects. A ``Subset`` keeps the dataset and a list
# of positions, ``indices``; its example number ``i`` is the dataset's example number
# ``indices[i]``. Nothing is copied: the subset holds the dataset itself.
image, label = train_set[0]
print(f"train_set.dataset is full: {train_set.dataset is full}")
print(f"train_set.indices[:5]: {train_set.indices[:5]}")
position = train_set.indices[0]
print(f"train_set[0] is full[{position}]: {torch.equal(image, full[position][0])}")

# %%
# Why choosing needs its own set
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# Why not choose on the test set, and have two sets only? Because the set you choose on stops
# telling the truth. An experiment without any training shows it. A *guesser* answers each of
# the 300 validation and 300 test digits with a random class, without looking at the digit, so
# it is right 10% of the time on average. We make 50 guessers, choose the one with the best validation accuracy, and look at
# its accuracy on both sets; and we repeat all that 200 times.
guess_generator = torch.Generator().manual_seed(1)
val_labels, test_labels = labels[val_set.indices], labels[test_set.indices]
chosen_val, chosen_test, first_val, first_test = [], [], [], []
for _ in range(200):
    guesses = torch.randint(0, 10, (50, 600), generator=guess_generator)  # one row per guesser
    val_accuracy = (guesses[:, :300] == val_labels).float().mean(dim=1)
    test_accuracy = (guesses[:, 300:] == test_labels).float().mean(dim=1)
    best = val_accuracy.argmax()
    chosen_val.append(val_accuracy[best].item())
    chosen_test.append(test_accuracy[best].item())
    first_val.append(val_accuracy[0].item())  # guesser 0, not chosen by anything
    first_test.append(test_accuracy[0].item())
chosen_val, chosen_test = torch.tensor(chosen_val), torch.tensor(chosen_test)
first_val, first_test = torch.tensor(first_val), torch.tensor(first_test)
print(f"chosen guesser: validation {chosen_val.mean():.1%}, test {chosen_test.mean():.1%}")
print(f"guesser 0:      validation {first_val.mean():.1%}, test {first_test.mean():.1%}")
wins = (chosen_val > chosen_test).sum()
print(f"the chosen one did better on validation than on test in {wins} of 200 trials")
assert chosen_val.mean() > 0.13 and abs(chosen_test.mean() - 0.1) < 0.01
assert abs(first_val.mean() - first_test.mean()) < 0.01

# %%
# Every guesser is exactly as bad as the others, yet the chosen one scores about 14% on the
# validation set it was chosen on, and on average only chance, 10%, on the test set. Switch
# the choosing off, take guesser 0 whatever it scores, and the two sets agree. Choosing picks
# whatever happened to fit the validation set, luck included, so the winner's validation score
# is too high; a set that played no part in the choice gives the honest number. That is why
# the test set is touched once, at the end: a test set used to choose again becomes one more
# validation set, and its score inflates in the same way. Training chooses too: the optimizer
# picks the parameters that fit the training set, from far more candidates than 50, so a score
# on the training set says still less about digits the model has not seen. With a trained
# classifier, :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py` shows the training
# set's score running ahead of the validation set's, and
# :ref:`sphx_glr_auto_examples_classifier_plot_03_results.py` measures what choosing on the test
# set would add.
#
# The same split on every run
# ---------------------------
# Without ``generator``, ``random_split`` draws from PyTorch's global random number generator,
# which a new Python process seeds differently each time. Two fresh Pythons (the interpreter
# running this page, ``sys.executable``) each split the digits twice, once without a generator
# and once with one seeded at 0, and print the test set's positions. ``random_split`` looks at
# the dataset only for its length, so a ``range(1797)`` gets the same positions as ``full``.
split_twice = """
import torch
from torch.utils.data import random_split
print(random_split(range(1797), [1197, 300, 300])[2].indices)
generator = torch.Generator().manual_seed(0)
print(random_split(range(1797), [1197, 300, 300], generator=generator)[2].indices)
"""
command = [sys.executable, "-c", split_twice]
runs = [subprocess.run(command, capture_output=True, text=True, check=True) for _ in range(2)]
(unseeded_1, seeded_1), (unseeded_2, seeded_2) = (run.stdout.splitlines() for run in runs)
print(f"without a generator, the same test set in both runs: {unseeded_1 == unseeded_2}")
print(f"with a generator seeded at 0, the same test set in both runs: {seeded_1 == seeded_2}")
print(f"... and it is this page's test set: {seeded_1 == str(test_set.indices)}")
assert unseeded_1 != unseeded_2 and seeded_1 == seeded_2 == str(test_set.indices)

# %%
# This page seeds the global generator in its first cell, so a split without a generator
# would come out the same on every run of the page, as long as nothing else changes. Every
# random draw moves the global generator on (as in
# :ref:`sphx_glr_auto_examples_tensors_plot_01_creating.py`), and there are many: a model's
# initial weights are random, for one. Make a model before the split, and a split without a
# generator changes; the split with its own generator draws from nothing else, and stays.
sizes = [1197, 300, 300]
torch.manual_seed(0)
global_before = random_split(full, sizes)[2].indices
own_before = random_split(full, sizes, generator=torch.Generator().manual_seed(0))[2].indices
torch.manual_seed(0)
model = nn.Linear(64, 10)  # its initial weights are drawn from the global generator
global_after = random_split(full, sizes)[2].indices
own_after = random_split(full, sizes, generator=torch.Generator().manual_seed(0))[2].indices
in_common = len(set(global_before) & set(global_after))
print(f"without a generator: {in_common} of 300 test digits in common, before and after a model")
print(f"with its own generator: the same test set: {own_before == own_after}")
assert global_before != global_after and own_before == own_after

# %%
# A split that changes is not just untidy. A split made once to train and again to evaluate
# puts digits the model learned from into the test set (exercise 3 counts them). Every page of
# this chapter splits with a generator seeded at 0, and so gets the same three sets.
#
# Batches with a DataLoader
# -------------------------
# A *data loader*, ``DataLoader``, takes a dataset and hands it out in batches: it asks the
# dataset for ``batch_size`` examples by position, stacks the images into one tensor and the
# labels into another, and goes on until the dataset is used up. One pass over the loader is
# one epoch (:ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`). ``next(iter(...))``
# takes the first batch. Without shuffling, it holds the first 32 examples of the set.
in_order = DataLoader(train_set, batch_size=32)
batch_images, batch_labels = next(iter(in_order))
print(f"one batch: images {tuple(batch_images.shape)}, labels {tuple(batch_labels.shape)}")
first_32 = torch.stack([train_set[i][0] for i in range(32)])
print(f"the same as stacking train_set[0] to train_set[31]: {torch.equal(batch_images, first_32)}")

# %%
# 1,197 is not a multiple of 32, so the last batch is smaller: 37 full batches hold 1,184
# digits, and the 38th holds the other 13. The loop over a loader must not count on every
# batch having 32 examples (exercise 1).
batch_sizes = [len(batch_labels) for _, batch_labels in in_order]
print(f"len(in_order): {len(in_order)} batches, of sizes {sorted(set(batch_sizes), reverse=True)}")
print(f"the last batch: {batch_sizes[-1]} digits; in all {sum(batch_sizes)}")
assert batch_sizes[-1] == 1197 - 37 * 32

# %%
# Shuffling
# ---------
# A mini-batch is a randomly drawn part of the training examples
# (:ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`); ``shuffle=True`` makes it
# random, by drawing a new order of the examples for every epoch. The order is easiest to see on
# a dataset whose example number ``i`` is the number ``i`` itself. A ``range`` has a length and
# can be indexed, so the loader takes it as a dataset.
toy = DataLoader(range(10), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0))
toy_epochs = [[batch.tolist() for batch in toy] for _ in range(3)]
for epoch, batches in enumerate(toy_epochs, start=1):
    print(f"epoch {epoch}: {batches}")
for batches in toy_epochs:
    assert sorted(i for batch in batches for i in batch) == list(range(10))

# %%
# Each epoch holds every example once, in batches of 4, 4 and 2, and each epoch has its own
# order. The order comes from the loader's ``generator``: a new loader with a generator seeded
# at 0 repeats the same three epochs, while two loaders without one (they draw from the global
# generator) do not.
again = DataLoader(
    range(10), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0)
)
again_epochs = [[batch.tolist() for batch in again] for _ in range(3)]
print(f"seeded at 0 again, the same epochs: {again_epochs == toy_epochs}")
unseeded_a = [b.tolist() for b in DataLoader(range(10), batch_size=4, shuffle=True)]
unseeded_b = [b.tolist() for b in DataLoader(range(10), batch_size=4, shuffle=True)]
print(f"without a generator: {unseeded_a} and {unseeded_b}")
assert unseeded_a != unseeded_b

# %%
# The loaders of this chapter
# ---------------------------
# The later pages make the same three loaders. The training loader shuffles, with its own
# seeded generator; the validation and test loaders hand out their 300 digits as one batch, in
# order, because a model's accuracy on a set does not depend on the order of its examples.
train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=300)
test_loader = DataLoader(test_set, batch_size=300)
loaders = (train_loader, val_loader, test_loader)
print(f"batches per epoch (training, validation, test): {[len(loader) for loader in loaders]}")

# %%
# Two epochs of ``train_loader`` begin with different batches, and each holds all 1,197
# training digits. A second loader made the same way begins with the same batch as the first.
epoch_1 = list(train_loader)
epoch_2 = list(train_loader)
first_images, first_labels = epoch_1[0]
print(f"first batch of epoch 1, labels: {first_labels[:12].tolist()} ...")
print(f"first batch of epoch 2, labels: {epoch_2[0][1][:12].tolist()} ...")
print(f"digits per epoch: {sum(len(y) for _, y in epoch_1)} and {sum(len(y) for _, y in epoch_2)}")
remade = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
same_start = torch.equal(next(iter(remade))[0], first_images)
print(f"a second loader, seeded at 0, starts the same: {same_start}")
assert same_start and not torch.equal(first_labels, epoch_2[0][1])

# %%
# The figure draws the first batch of epoch 1: 32 digits, with their labels.
fig, axes = plt.subplots(4, 8, figsize=(6.4, 3.9))
for ax, image, label in zip(axes.flat, first_images, first_labels, strict=True):
    ax.imshow(image[0], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"{label}", fontsize=10)
    ax.axis("off")
fig.suptitle("One batch of train_loader: 32 digits and their labels")
describe_figure(
    fig,
    f"The {len(first_labels)} digits of the first batch that train_loader serves in "
    "epoch 1, in four rows of eight, each with its label above it. They come from all "
    "over the training set in no order of class; this batch holds "
    f"{len(first_labels.unique())} of the 10 classes, and each digit is still paired "
    "with its own label.",
)
plt.show()

# %%
# The figure shows a batch as the model will receive it: digits from all over the training
# set, in no particular order of class, each still paired with its own label.
per_class = torch.bincount(first_labels, minlength=10)
print(f"classes in this batch: {len(first_labels.unique())}, per class {per_class.tolist()}")

# %%
# Summary
# -------
# - The digits are ``(1797, 1, 8, 8)`` ``float32`` images in :math:`[0, 1]` and ``int64``
#   labels 0 to 9, about 180 per class.
# - A ``Dataset`` needs ``__len__`` and ``__getitem__``; the package's ``DigitsDataset`` is
#   such a class, with checks.
# - The training set fits the parameters, the validation set chooses, the test set measures
#   the chosen model once: a score on a set used for choosing is too high.
# - ``random_split`` and a shuffling ``DataLoader`` draw random numbers; give each its own
#   ``torch.Generator().manual_seed(0)`` and they are the same on every run, whatever else the
#   program draws.
# - A ``DataLoader`` stacks ``batch_size`` examples per batch; the last batch may be smaller;
#   ``shuffle=True`` draws a new order for every epoch.
#
# Next: :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`
#
# PyTorch reference: `torch.utils.data <https://docs.pytorch.org/docs/stable/data.html>`_,
# `Dataset <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.Dataset>`_,
# `random_split <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.random_split>`_,
# `DataLoader <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader>`_,
# `torch.Generator <https://docs.pytorch.org/docs/stable/generated/torch.Generator.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** A training loop flattens each batch with
#    ``batch_images.view(32, 64)``. Over one epoch of ``train_loader``, how many batches does it
#    get through, and what happens then? How do you flatten a batch of any size?
# 2. **Change one thing and explain.** Data often come sorted by class. Sort the digits by
#    label, wrap them in ``MyDigits`` and load them with ``batch_size=32`` and no shuffling.
#    Which labels are in the first batch, and how many classes does a batch hold? Then switch
#    ``shuffle=True`` on. If the sorted digits were cut in order, which classes would the test
#    set, the last 300, hold?
# 3. **Predict, then run.** A training script splits the digits into 1,197, 300 and 300 with
#    ``random_split``, without a generator, and trains; an evaluation script splits again the
#    same way and measures on its test set. Neither script calls ``torch.manual_seed``. About
#    how many of those 300 test digits did the model learn from?
# 4. **Change one thing and explain.** A ``Dataset`` like ``MyDigits`` has a ``__len__`` that
#    returns 1000, a number left over from an earlier version of the data. Does a loader over
#    it fail? How many digits does an epoch hand out, and which ones?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# It gets through 37 batches. The 38th holds 13 digits, 13 × 64 = 832 numbers, and ``view``
# cannot make 32 rows of 64 out of them. ``flatten(start_dim=1)`` keeps dimension 0 as it is,
# whatever the batch size, and flattens the rest.
failed_at = None
for number, (batch_images, _) in enumerate(train_loader, start=1):
    try:
        batch_images.view(32, 64)
    except RuntimeError as error:
        failed_at = number
        print(f"batch {number} of shape {tuple(batch_images.shape)}: RuntimeError: {error}")
        break
print(f"flatten(start_dim=1) on that batch: {tuple(batch_images.flatten(start_dim=1).shape)}")
assert failed_at == 38 == len(train_loader)
assert all(x.flatten(start_dim=1).shape == (len(x), 64) for x, _ in train_loader)

# %%
# Answer 2
# ^^^^^^^^
# In order, the first batch is 32 zeros, and almost every batch holds one class only: the
# batches that hold two are where one class ends and the next begins. Each step of training
# would then see one digit only. With ``shuffle=True`` every batch mixes the classes, as a
# mini-batch, a random part of the examples, should. Splitting such data in order is no
# better: the last 300 digits, a test set cut in order, hold two classes only.
order = labels.argsort(stable=True)
by_class = MyDigits(images[order], labels[order])
print(f"classes in the last 300 sorted digits: {by_class.labels[-300:].unique().tolist()}")
for shuffle in (False, True):
    generator = torch.Generator().manual_seed(0)
    loader = DataLoader(by_class, batch_size=32, shuffle=shuffle, generator=generator)
    classes_per_batch = torch.tensor([len(y.unique()) for _, y in loader])
    first_batch_labels = next(iter(loader))[1]
    print(f"shuffle={shuffle}: first batch {first_batch_labels[:10].tolist()} ...")
    print(f"  classes per batch from {classes_per_batch.min()} to {classes_per_batch.max()}")
    print(f"  batches of one class: {(classes_per_batch == 1).sum()} of {len(loader)}")
    if shuffle:
        assert (classes_per_batch > 1).all()  # every batch mixes the classes
    else:
        assert (first_batch_labels == 0).all() and classes_per_batch.max() == 2
assert by_class.labels[-300:].unique().tolist() == [8, 9]

# %%
# Answer 3
# ^^^^^^^^
# About 200. Two splits without a generator are two independent draws, as two runs are: each of
# the second split's test digits lands in the first split's training set with probability
# 1197 / 1797, about two thirds. With a generator seeded at 0 in both scripts the sets are the
# same, and none of the test digits was trained on.
train_first, _, _ = random_split(full, sizes)
_, _, test_again = random_split(full, sizes)
learned = len(set(train_first.indices) & set(test_again.indices))
print(f"without a generator: {learned} of 300 test digits were in the training set")
print(f"  (expected about {300 * 1197 / 1797:.0f})")
seeded_train, _, _ = random_split(full, sizes, generator=torch.Generator().manual_seed(0))
_, _, seeded_test = random_split(full, sizes, generator=torch.Generator().manual_seed(0))
print(f"with a generator: {len(set(seeded_train.indices) & set(seeded_test.indices))}")
assert learned > 150 and not set(seeded_train.indices) & set(seeded_test.indices)

# %%
# Answer 4
# ^^^^^^^^
# It does not fail. The loader asks only for the positions below ``len(dataset)``, so every
# epoch hands out digits 0 to 999, and the last 797 are never used, though ``__getitem__``
# would serve them. Nothing warns: ``__len__`` must tell the truth. ``StaleLength`` is
# ``MyDigits`` with that ``__len__``; it also writes down each position it is asked for.
asked = []


class StaleLength(MyDigits):
    def __len__(self):
        return 1000

    def __getitem__(self, index):
        asked.append(index)
        return super().__getitem__(index)


stale = StaleLength(images, labels)
loader = DataLoader(stale, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0))
served = sum(len(y) for _, y in loader)
print(f"digits in one epoch: {served}, positions asked for: {min(asked)} to {max(asked)}")
print(f"stale[1500] still works: label {stale[1500][1]}")
assert served == 1000 and sorted(asked[:1000]) == list(range(1000))
