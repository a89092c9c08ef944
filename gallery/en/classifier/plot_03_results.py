"""
Results: test accuracy, confusion matrix, misclassified digits
==============================================================

This page trains the classifier of the previous page again, chooses the number of
epochs by validation accuracy alone, and then measures the chosen model on the test set
once. An experiment shows why the test set must stay out of that choice. Then it counts
which digit the model took for which in a confusion matrix built with one
``torch.bincount``, draws the test digits it got wrong, and reads each digit's accuracy
off the matrix.
"""

# %%
# Every page starts the same way: import the libraries, set up the figures' fonts and
# fix the random seed. ``DigitsDataset``, ``train_one_epoch`` and ``evaluate`` come from
# the site's package and are explained where they are first used. This page also asks
# PyTorch to compute on one CPU thread: with more threads, the same sums may be added in
# a different order from one run to the next, and over 20 epochs the last-digit
# differences can grow into different results. With one thread, running the page again
# on the same machine gives the same counts. Another CPU or another version of PyTorch may
# round differently, so the exact counts the text quotes are those of this page's run;
# yours may differ a little, while the relations the page checks with ``assert`` hold all
# the same.
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
# Same data, same model, same training
# ------------------------------------
# ``DigitsDataset()`` holds scikit-learn's 1,797 handwritten digits, each an 8×8 image
# with pixels from 0 to 1, and serves them one ``(image, label)`` pair at a time. We
# split them exactly as on :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`:
# 1,197 digits to train on, 300 for the validation set and 300 for the test set. The
# training loader shuffles with its own seeded generator; the other two loaders hand
# out their 300 digits as one batch.
full = DigitsDataset()
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)
train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=300)
test_loader = DataLoader(test_set, batch_size=300)
print(f"train {len(train_set)}, validation {len(val_set)}, test {len(test_set)}")

# %%
# The model is the one of :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`:
# the 64 pixels go through a hidden layer of 64 units with ReLU and dropout, and come out
# as 10 logits, one per digit.
class DigitClassifier(nn.Module):
    def __init__(self, hidden: int = 64, dropout: float = 0.2) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10)
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.layers(images)


# %%
# We train exactly as :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py` did,
# with the same loss, optimizer and 20 epochs, so the numbers are those of that page.
# ``train_one_epoch`` runs one pass over the training loader (zero the gradients,
# forward, loss, backward, step); ``evaluate`` measures a set in evaluation mode,
# without recording anything, and returns its mean loss and accuracy. After every epoch
# we measure the training set (through ``train_eval_loader``, in batches of 300 without
# shuffling) and the validation set, as that page did, and keep a copy of the model as
# it is at that point (``copy.deepcopy``), so that we can later take the model of any
# epoch without training again. The test set is not used here.
model = DigitClassifier()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
train_eval_loader = DataLoader(train_set, batch_size=300)
snapshots = []
val_accuracies = []
for epoch in range(1, 21):
    train_one_epoch(model, train_loader, loss_fn, optimizer)
    on_train = evaluate(model, train_eval_loader, loss_fn)
    on_val = evaluate(model, val_loader, loss_fn)
    snapshots.append(copy.deepcopy(model))
    val_accuracies.append(on_val.accuracy)
    print(
        f"epoch {epoch:2d}: training accuracy {on_train.accuracy:.2%} | "
        f"validation loss {on_val.loss:.4f}, accuracy {on_val.accuracy:.2%}"
    )

# %%
# Choosing the number of epochs on the validation set
# ---------------------------------------------------
# Validation accuracy rises fast in the first epochs and then goes up and down by a few
# digits of the 300. We choose the number of epochs by validation accuracy alone: the
# first epoch that reached the highest value (``argmax`` returns the first of equal
# maxima), so the fewest epochs among the best. The model we keep is the copy from that
# epoch.
best_epoch = int(torch.tensor(val_accuracies).argmax()) + 1
best_model = snapshots[best_epoch - 1]
print(f"chosen: {best_epoch} epochs, validation accuracy {val_accuracies[best_epoch - 1]:.2%}")

# %%
# Test accuracy, once
# -------------------
# Everything is now decided: the model, its settings and the number of epochs. Only now
# do we measure the test set, once, and this is the number we report.
test = evaluate(best_model, test_loader, loss_fn)
test_correct = round(test.accuracy * len(test_set))
print(f"test accuracy: {test.accuracy:.2%} ({test_correct} of {len(test_set)} digits)")

# %%
# Why the test set stays out of the choice
# ----------------------------------------
# Suppose we had chosen the epoch by test accuracy instead. The chosen epoch would then
# be the one at which the test digits happened to come out best, and the number we
# report would carry that luck. :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`
# showed this with 50 random guessers; here the candidates are the 20 epochs of one real
# training run. The following experiment is for demonstration only: the number above is
# already reported.
#
# First, the test predictions of every saved copy. ``next(iter(test_loader))`` takes
# the loader's only batch: all 300 test digits. ``eval()`` switches each copy to
# evaluation mode, dropout off, as ``evaluate`` does (the previous page showed why), and
# ``torch.no_grad()`` records nothing. ``correct[e, i]`` is 1 when the copy after epoch
# ``e + 1`` classifies test digit ``i`` correctly.
test_images, test_labels = next(iter(test_loader))
correct = torch.zeros(len(snapshots), len(test_set))
with torch.no_grad():
    for index, snapshot in enumerate(snapshots):
        snapshot.eval()
        correct[index] = (snapshot(test_images).argmax(dim=1) == test_labels).float()
print(f"test digits: {tuple(test_images.shape)}, labels: {tuple(test_labels.shape)}")
print(f"highest test accuracy of any epoch: {correct.mean(dim=1).max():.2%}")

# %%
# Had we chosen the epoch on the test set, we would have reported the highest test
# accuracy of any epoch, printed above. Is that number too high? To find out we need
# digits that the choice did not see, so we split the 300 test digits at random into
# two halves of 150 (``torch.randperm(300)`` is the numbers 0 to 299 in a random order,
# here drawn from a generator of its own). Half A plays the part of a test set that we looked at while
# choosing: we take the epoch where A's accuracy is highest and report A's accuracy.
# Half B plays the part of new digits that the choice never saw: it shows how well the
# same model really does. We repeat this for 1,000 random splits and average. Then we
# switch the cause off: with the epoch fixed by the validation set, which neither half
# had a say in, we compare A and B again.
halves = torch.Generator().manual_seed(0)
peeked_a, peeked_b, fixed_a, fixed_b = [], [], [], []
for _ in range(1000):
    order = torch.randperm(len(test_set), generator=halves)
    accuracy_a = correct[:, order[:150]].mean(dim=1)  # one accuracy per epoch
    accuracy_b = correct[:, order[150:]].mean(dim=1)
    chosen = int(accuracy_a.argmax())
    peeked_a.append(accuracy_a[chosen])
    peeked_b.append(accuracy_b[chosen])
    fixed_a.append(accuracy_a[best_epoch - 1])
    fixed_b.append(accuracy_b[best_epoch - 1])
peeked_gap = torch.stack(peeked_a) - torch.stack(peeked_b)
fixed_gap = torch.stack(fixed_a) - torch.stack(fixed_b)
print(
    f"epoch chosen on half A: A {torch.stack(peeked_a).mean():.2%}, "
    f"B {torch.stack(peeked_b).mean():.2%}, A - B on average {peeked_gap.mean():+.2%}, "
    f"A higher in {(peeked_gap > 0).float().mean():.0%} of the splits"
)
print(
    f"epoch chosen on validation: A {torch.stack(fixed_a).mean():.2%}, "
    f"B {torch.stack(fixed_b).mean():.2%}, A - B on average {fixed_gap.mean():+.2%}, "
    f"A higher in {(fixed_gap > 0).float().mean():.0%} of the splits"
)
assert peeked_gap.mean() > 2 * abs(fixed_gap.mean())

# %%
# When the half we looked at chose the epoch, its accuracy was on average higher than
# that of the half the choice never saw, and in this run higher in most splits. When the
# validation set chose the epoch, the two halves agree on average. The gap comes from the
# looking, not from the model: in this run, a test accuracy used for choosing overstated
# the accuracy on new digits. Our reported number, like half B, had no say in the choice.
# The validation accuracy of the chosen epoch did have a say, which is why it is not the
# number we report; in this run it is the higher of the two.
#
# The confusion matrix
# --------------------
# One accuracy does not say which digits the model gets wrong. A *confusion matrix*
# does: the cell in row ``t`` and column ``p`` counts the test digits whose true label
# is ``t`` and that the model predicted as ``p``. The diagonal holds the correct
# predictions. To build it with plain tensor code, we give each (label, prediction) pair
# its own number ``10 * label + prediction``: a true 3 predicted as 8 becomes 38, and
# the 100 pairs become the numbers 0 to 99. ``torch.bincount`` counts how often each
# number occurs, and ``reshape(10, 10)`` puts the count of ``10 * t + p`` in row ``t``,
# column ``p``. ``minlength=100`` makes it count up to 99 even if the last numbers never
# occur. ``best_model`` is in evaluation mode already, from the loop above; we switch it
# again so that this cell is right on its own.
best_model.eval()  # dropout off, as in evaluate
with torch.no_grad():
    predictions = best_model(test_images).argmax(dim=1)
codes = 10 * test_labels + predictions
print(f"labels:      {test_labels[:6].tolist()}")
print(f"predictions: {predictions[:6].tolist()}")
print(f"numbers:     {codes[:6].tolist()}")


def confusion_matrix(labels, predictions):
    return torch.bincount(10 * labels + predictions, minlength=100).reshape(10, 10)


confusion = confusion_matrix(test_labels, predictions)
print(confusion)
assert confusion.sum() == len(test_set)
assert confusion.diag().sum() == test_correct

# %%
# The matrix holds all 300 test digits, and its diagonal adds up to the
# ``test_correct`` digits that ``evaluate`` counted (both checked above). The figure
# draws it with the count in each cell; zeros are grey so that the few mistakes stand out.
fig, ax = plt.subplots(figsize=(5.6, 5))
ax.imshow(confusion, cmap="Blues")
for true_digit in range(10):
    for predicted_digit in range(10):
        count = int(confusion[true_digit, predicted_digit])
        colour = "white" if count > confusion.max() / 2 else "black" if count else "#999999"
        ax.text(predicted_digit, true_digit, str(count), ha="center", va="center", color=colour)
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted digit")
ax.set_ylabel("true digit")
ax.set_title(f"Confusion matrix of the {len(test_set)} test digits")
describe_figure(
    fig,
    f"The confusion matrix of the {len(test_set)} test digits as a 10 by 10 grid: rows "
    "are the true digit, columns the predicted digit, and each cell shows its count, in "
    f"darker blue the larger it is. The dark diagonal holds the {test_correct} correct "
    f"predictions; the {len(test_set) - test_correct} mistakes are a few small counts "
    "scattered off the diagonal, and every other cell is a grey 0.",
)
plt.show()

# %%
# The figure shows a dark diagonal of correct predictions and a few small counts off it.
# To read it, we set the diagonal to zero and list the cells that are left: each is a
# pair of digits the model confused. The sum of a column, without its diagonal, counts
# how often the model wrongly predicted that digit; the sum of a row counts how often
# that digit was missed. ``mistakes.argmax()`` finds the largest cell. It counts the cells
# row by row, so the position it returns is the number ``10 * t + p`` from above, and
# ``divmod(position, 10)`` splits it back into ``t`` and ``p``.
mistakes = confusion.clone()
mistakes.fill_diagonal_(0)
for true_digit, predicted_digit in mistakes.nonzero().tolist():
    count = int(mistakes[true_digit, predicted_digit])
    print(f"true {true_digit}, predicted {predicted_digit}: {count}")
print(f"wrongly predicted as each digit: {mistakes.sum(dim=0).tolist()}")
print(f"missed, per true digit:          {mistakes.sum(dim=1).tolist()}")
print(f"mistakes in all: {int(mistakes.sum())}")
true_top, predicted_top = divmod(int(mistakes.argmax()), 10)
print(f"the largest cell: true {true_top}, predicted {predicted_top}")
assert int(mistakes.sum()) == len(test_set) - test_correct

# %%
# In this run one cell stands out, the largest: three 5s predicted as 9, a quarter of the
# 12 mistakes; every other pair occurs once. 5 is also the digit missed most often, 4 times.
# But three is a small count, and it comes from one set of 300 digits. The validation set
# is 300 more digits the model never learned from (it chose the epoch, but we choose
# nothing now), so we build its matrix with the same function and see whether the same
# pair, ``true_top`` predicted as ``predicted_top``, shows up. Its mistakes must number
# exactly what the chosen epoch's validation accuracy leaves out of 300, which the last
# line checks.
val_images, val_labels = next(iter(val_loader))
with torch.no_grad():
    val_mistakes = confusion_matrix(val_labels, best_model(val_images).argmax(dim=1))
val_mistakes.fill_diagonal_(0)
for true_digit, predicted_digit in val_mistakes.nonzero().tolist():
    count = int(val_mistakes[true_digit, predicted_digit])
    print(f"validation: true {true_digit}, predicted {predicted_digit}: {count}")
print(f"validation mistakes: {int(val_mistakes.sum())}")
both = mistakes + val_mistakes
print(
    f"both sets: true {true_top}, predicted {predicted_top}: "
    f"{int(both[true_top, predicted_top])} of {int(both.sum())} mistakes"
)
assert int(val_mistakes.sum()) == round((1 - val_accuracies[best_epoch - 1]) * len(val_set))

# %%
# In this run, on the validation set too, a 5 predicted as 9 is one of the two largest
# cells, with 2 of its 8 mistakes. Over both sets that makes 5 of 20 mistakes on 600
# digits: the one confusion this model makes most often on digits it never learned from,
# and the first place to look when improving it, though still too few cases to call it a
# rule.
#
# The misclassified digits
# ------------------------
# ``(predictions != test_labels).nonzero()`` gives the positions of the mistakes. We
# draw each of those test digits with its true label and the model's prediction.
wrong = (predictions != test_labels).nonzero().flatten()
print(f"{len(wrong)} mistakes at positions {wrong.tolist()}")
columns = 4
rows = (len(wrong) + columns - 1) // columns
fig, axes = plt.subplots(rows, columns, figsize=(1.8 * columns, 2.1 * rows), squeeze=False)
for ax in axes.flat:
    ax.axis("off")
for ax, index in zip(axes.flat, wrong.tolist()):
    ax.imshow(test_images[index, 0], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"true {int(test_labels[index])}, predicted {int(predictions[index])}", fontsize=9)
fig.suptitle("Test digits the model got wrong")
describe_figure(
    fig,
    f"The {len(wrong)} test digits the model got wrong, {columns} to a row, each 8×8 "
    "image titled with its true label and the model's prediction; dark pixels are ink. "
    "Several are 5s predicted as 9, whose gap under the top stroke is filled with ink "
    "so that the top looks like the closed loop of a 9. Others are hard to read even for "
    "a person, such as a 1 predicted as 4 that is one broad blob of ink.",
)
plt.show()

# %%
# The figure shows the test digits the model got wrong, 12 in this run, dark pixels for
# ink, each with its true label and the model's prediction above it. Here the three 5s
# predicted as 9, in the second row, share a feature: ink fills the space under the top
# bar, so the top half looks closed, like the loop of a 9. Others are hard to read at 8×8
# pixels even for a person, such as the 1 predicted as 4, a wide, solid block of ink.
#
# Accuracy per digit
# ------------------
# Row ``t`` of the matrix holds every test digit whose true label is ``t``, so the
# diagonal cell divided by the row's sum is the accuracy on that digit: the share of the
# test digits ``t`` that the model recognised.
per_digit = confusion.diag() / confusion.sum(dim=1)
for digit in range(10):
    print(
        f"digit {digit}: {int(confusion[digit, digit])} of {int(confusion[digit].sum())} "
        f"correct, {per_digit[digit]:.1%}"
    )
print(f"lowest: digit {int(per_digit.argmin())}")
assert torch.allclose(per_digit, 1 - mistakes.sum(dim=1) / confusion.sum(dim=1))

# %%
# A digit's accuracy is 1 minus the misses in its row divided by the row's sum (checked
# above). In this run four digits, 0, 2, 6 and 7, have every test example right, and the
# lowest is 5 at 87.5%, 28 of 32, the four misses we found in its row. Each digit has
# only about 30 test examples, so one mistake moves its accuracy by about 3 percentage
# points.
#
# Summary
# -------
# - Choose the number of epochs, and every other setting, on the validation set alone;
#   then measure the test set once and report that number.
# - In the experiment, an accuracy on the data that chose the epoch was higher, on
#   average, than the accuracy of the same model on data the choice never saw; with the
#   epoch fixed by the validation set, the two agreed on average.
# - ``torch.bincount(10 * labels + predictions, minlength=100).reshape(10, 10)`` is a
#   confusion matrix: rows are true digits, columns predicted ones, the diagonal the
#   correct predictions. In this page's run it showed one repeated confusion, 5 taken for
#   9, which the validation set showed too.
# - The diagonal divided by the row sums gives each digit's accuracy. Predicting by hand
#   needs ``model.eval()`` first, as ``evaluate`` does.
#
# Next: :ref:`sphx_glr_auto_examples_classifier_plot_04_saving.py`
#
# PyTorch reference: `torch.bincount <https://docs.pytorch.org/docs/stable/generated/torch.bincount.html>`_,
# `torch.argmax <https://docs.pytorch.org/docs/stable/generated/torch.argmax.html>`_,
# `torch.nonzero <https://docs.pytorch.org/docs/stable/generated/torch.nonzero.html>`_,
# `nn.Module.eval <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.eval>`_,
# `torch.utils.data.random_split <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.random_split>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** In the training loop, a beginner writes
#    ``snapshots.append(model)`` instead of ``snapshots.append(copy.deepcopy(model))``.
#    Which model is ``snapshots[best_epoch - 1]`` then, and what is its validation
#    accuracy?
# 2. **Change one thing and explain.** Build the confusion matrix of the mistakes alone
#    without ``minlength``: ``torch.bincount(codes[wrong]).reshape(10, 10)``. What
#    happens? And why did the full matrix not need ``minlength`` in this run?
# 3. **Change one thing and explain.** In the accuracy per digit, divide the diagonal by
#    the column sums, ``confusion.sum(dim=0)``, instead of the row sums. Which digits
#    change, and what does the new number measure?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``append`` stores the model object itself, not its values, and training keeps
# changing that one object. So the list holds the same model 20 times, and every entry,
# ``snapshots[best_epoch - 1]`` included, is the model after the last epoch: its
# validation accuracy is that of epoch 20, not the highest, that of the chosen epoch (in
# this run the two differ). Two epochs of a new model show the difference; ``model``
# itself is the model after epoch 20.
torch.manual_seed(0)
demo = DigitClassifier()
demo_optimizer = torch.optim.Adam(demo.parameters(), lr=1e-2)
appended, copied = [], []
for _ in range(2):
    train_one_epoch(demo, train_loader, loss_fn, demo_optimizer)
    appended.append(demo)
    copied.append(copy.deepcopy(demo))
weights = [entry.layers[1].weight for entry in appended + copied]
print(f"append(model): the same object {appended[0] is appended[1]}, equal weights {torch.equal(weights[0], weights[1])}")
print(f"append(copy.deepcopy(model)): equal weights {torch.equal(weights[2], weights[3])}")
last = evaluate(model, val_loader, loss_fn).accuracy
print(f"validation accuracy of the model after epoch 20: {last:.2%}")
print(f"validation accuracy of the chosen epoch {best_epoch}: {val_accuracies[best_epoch - 1]:.2%}")
assert appended[0] is appended[1] and not torch.equal(weights[2], weights[3])
assert last == val_accuracies[-1] <= val_accuracies[best_epoch - 1]

# %%
# Answer 2
# ^^^^^^^^
# ``torch.bincount`` returns one count for each number from 0 up to the largest number
# it is given. A mistake is never 99, a 9 predicted as 9, so among the mistakes the
# largest number is at most 98 (in this run it is 98, a 9 predicted as 8), and it returns
# at most 99 counts, which do not fit a 10×10 shape: ``reshape`` raises an error. The full
# test set happens to contain 99, a correctly predicted 9, so there it returned 100
# counts anyway. ``minlength=100`` makes the shape right whatever the data.
print(f"largest number among the mistakes: {int(codes[wrong].max())}")
print(f"counts without minlength: {len(torch.bincount(codes[wrong]))}")
try:
    torch.bincount(codes[wrong]).reshape(10, 10)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
else:
    raise AssertionError("reshape should fail for 99 counts")
only_mistakes = torch.bincount(codes[wrong], minlength=100).reshape(10, 10)
print(f"with minlength=100: {tuple(only_mistakes.shape)}, {int(only_mistakes.sum())} mistakes")
assert int(codes.max()) == 99 and torch.equal(only_mistakes, mistakes)

# %%
# Answer 3
# ^^^^^^^^
# A column holds the digits the model *predicted* as that digit, so the diagonal divided
# by the column sum is the share of those predictions that were right. That answers a
# different question: "when the model says 5, how often is it a 5?". The two numbers
# are equal only for a digit that was missed as often as it was wrongly predicted, and
# the column's number is the higher one exactly for a digit wrongly predicted less often
# than it was missed. In this run 5 rises from 87.5% to 96.6%, because the model missed
# four 5s but wrongly said 5 only once, and 8 and 9 drop, because the model wrongly said
# each of them three times.
per_prediction = confusion.diag() / confusion.sum(dim=0)
for digit in range(10):
    if per_prediction[digit] != per_digit[digit]:
        print(f"digit {digit}: rows {per_digit[digit]:.1%}, columns {per_prediction[digit]:.1%}")
assert torch.equal(per_prediction > per_digit, mistakes.sum(dim=0) < mistakes.sum(dim=1))
assert torch.equal(per_prediction == per_digit, mistakes.sum(dim=0) == mistakes.sum(dim=1))
