"""pytorch_basics.digits and pytorch_basics.training: the data and the loop of the digits chapter.

The digits: the documented shapes, dtypes, range and classes, and the very values
scikit-learn ships. The loop: it is the hand-written loop, its loss is a mean per
example, it learns a problem with a known answer, ``evaluate`` leaves the model as it
found it, and a checkpoint (model, optimizer and the DataLoader's generator) saved to
disk resumes training bit for bit. Every model here is small and every run a few
epochs of at most 1,797 examples: each test takes well under a second on one core.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

from pytorch_basics.digits import DigitsDataset, load_digits_tensors
from pytorch_basics.training import Evaluation, accuracy, evaluate, train_one_epoch

# ---- helpers --------------------------------------------------------------------------


def _blobs(n: int = 64, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Two Gaussian blobs of ``n // 2`` points each around (-2, -2) and (2, 2), std 0.5.

    The points closest to the other blob's centre are still 2.8 std from the
    separating line x + y = 0 in expectation; the test checks they are separable.
    """
    generator = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % 2
    centres = torch.tensor([[-2.0, -2.0], [2.0, 2.0]])[labels]
    points = centres + 0.5 * torch.randn(n, 2, generator=generator)
    return points, labels


def _mlp(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 2))


def _same_parameters(a: nn.Module, b: nn.Module) -> bool:
    pairs = zip(a.state_dict().values(), b.state_dict().values(), strict=True)
    return all(torch.equal(x, y) for x, y in pairs)


def _snapshot(model: nn.Module) -> dict[str, torch.Tensor]:
    return {name: value.detach().clone() for name, value in model.state_dict().items()}


# ---- the digits -----------------------------------------------------------------------


def test_digits_tensors_have_the_documented_shapes_dtypes_range_and_classes() -> None:
    images, labels = load_digits_tensors()
    assert images.shape == (1797, 1, 8, 8) and images.dtype == torch.float32
    assert labels.shape == (1797,) and labels.dtype == torch.int64
    assert images.device.type == "cpu" and labels.device.type == "cpu"
    assert float(images.min()) == 0.0 and float(images.max()) == 1.0
    # divided by 16 (the pixels' largest value), not by 255 or by each image's maximum
    assert torch.equal(images * 16, (images * 16).round())
    assert torch.equal(torch.unique(labels), torch.arange(10))
    counts = torch.bincount(labels, minlength=10)
    assert int(counts.min()) >= 170 and int(counts.sum()) == 1797  # about 180 per digit


def test_digits_tensors_are_the_pixels_and_targets_scikit_learn_ships() -> None:
    from sklearn.datasets import load_digits

    bunch = load_digits()
    images, labels = load_digits_tensors()
    expected = torch.as_tensor(bunch.images, dtype=torch.float32)  # (1797, 8, 8) rows
    assert torch.equal(images[:, 0] * 16, expected)
    assert torch.equal(labels, torch.as_tensor(bunch.target, dtype=torch.int64))


def test_digits_tensors_are_new_on_each_call() -> None:
    images, labels = load_digits_tensors()
    images.zero_()
    labels.fill_(3)
    again, again_labels = load_digits_tensors()
    assert float(again.max()) == 1.0 and int(again_labels[0]) == 0


def test_digits_tensors_loaded_under_inference_mode_can_be_trained_on() -> None:
    with torch.inference_mode():
        images, labels = load_digits_tensors()
    assert not images.is_inference() and not labels.is_inference()
    model = nn.Linear(64, 10)
    nn.CrossEntropyLoss()(model(images[:4].flatten(1)), labels[:4]).backward()
    assert model.weight.grad is not None


def test_digits_dataset_serves_every_digit_as_an_image_and_a_label() -> None:
    images, labels = load_digits_tensors()
    dataset = DigitsDataset()
    assert len(dataset) == 1797
    for index in (0, 1, 1796, -1, -1797):
        image, label = dataset[index]
        assert image.shape == (1, 8, 8) and label.shape == () and label.dtype == torch.int64
        assert torch.equal(image, images[index]) and torch.equal(label, labels[index])
    batch_images, batch_labels = next(iter(DataLoader(dataset, batch_size=32)))
    assert batch_images.shape == (32, 1, 8, 8) and torch.equal(batch_labels, labels[:32])
    with pytest.raises(IndexError, match="index must be from -1797 to 1796, got 1797"):
        dataset[1797]


def test_digits_dataset_over_given_tensors_keeps_them_and_stops_a_for_loop() -> None:
    images, labels = load_digits_tensors()
    part = DigitsDataset(images[:5], labels[:5])
    assert part.images.data_ptr() == images.data_ptr()  # kept, not copied
    served = list(part)  # the sequence protocol stops at the IndexError
    assert len(served) == 5 and [int(label) for _, label in served] == labels[:5].tolist()


def test_digits_dataset_applies_the_transform_to_the_image_only() -> None:
    images = torch.rand(3, 1, 8, 8, generator=torch.Generator().manual_seed(0))
    labels = torch.tensor([4, 0, 9])
    dataset = DigitsDataset(images, labels, transform=lambda image: image.flatten() * 2)
    image, label = dataset[1]
    assert torch.equal(image, images[1].flatten() * 2) and int(label) == 0
    assert torch.equal(DigitsDataset(images, labels)[1][0], images[1])


# ---- accuracy -------------------------------------------------------------------------


def test_accuracy_is_the_share_of_rows_whose_highest_logit_is_the_label() -> None:
    logits = torch.tensor([[2.0, 0.5, 0.0], [0.1, 0.3, 0.2], [1.0, -1.0, 1.0], [0.0, 4.0, 9.0]])
    assert accuracy(logits, torch.tensor([0, 1, 0, 2])) == 1.0  # a tie goes to the first
    assert accuracy(logits, torch.tensor([0, 1, 2, 1])) == 0.5
    assert accuracy(logits, torch.tensor([1, 0, 1, 0])) == 0.0
    assert accuracy(logits[:1], torch.tensor([0], dtype=torch.int32)) == 1.0


def test_accuracy_counts_a_row_with_nan_as_wrong() -> None:
    nan = float("nan")
    logits = torch.tensor([[nan, 0.0], [nan, nan], [1.0, 0.0]])
    # argmax picks NaN as the largest value: without the rule, row 0 would be right
    assert accuracy(logits, torch.tensor([0, 0, 0])) == pytest.approx(1 / 3)


# ---- train_one_epoch ------------------------------------------------------------------


def test_train_one_epoch_is_the_hand_written_loop() -> None:
    points, labels = _blobs(40)
    batches = [(points[i : i + 16], labels[i : i + 16]) for i in range(0, 40, 16)]  # 16, 16, 8
    ours, theirs = _mlp(), _mlp()
    ours_opt = torch.optim.SGD(ours.parameters(), lr=0.1, momentum=0.9)
    theirs_opt = torch.optim.SGD(theirs.parameters(), lr=0.1, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    for _ in range(3):
        mean = train_one_epoch(ours, batches, criterion, ours_opt)
        total = 0.0
        for x, y in batches:
            theirs_opt.zero_grad()
            loss = criterion(theirs(x), y)
            loss.backward()
            theirs_opt.step()
            total += loss.item() * len(x)
        assert _same_parameters(ours, theirs)
        assert mean == pytest.approx(total / 40, rel=1e-6)


def test_train_one_epoch_returns_the_mean_loss_per_example() -> None:
    points, labels = _blobs(10)
    model = _mlp()
    batches = [(points[:8], labels[:8]), (points[8:], labels[8:])]  # sizes 8 and 2
    criterion = nn.CrossEntropyLoss()
    with torch.no_grad():
        whole = criterion(model(points), labels).item()
        batch_means = [criterion(model(x), y).item() for x, y in batches]
    assert abs(whole - sum(batch_means) / 2) > 1e-3  # the two means differ here
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0)  # the model does not change
    assert train_one_epoch(model, batches, criterion, optimizer) == pytest.approx(whole, rel=1e-6)


def test_train_one_epoch_puts_every_submodule_in_training_mode() -> None:
    model = _mlp().eval()
    train_one_epoch(model, [_blobs(4)], nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters()))
    assert all(module.training for module in model.modules())


def test_training_separates_two_blobs_completely() -> None:
    points, labels = _blobs(64)
    signs = torch.where(points.sum(dim=1) > 0, 1, 0)
    assert torch.equal(signs, labels)  # the line x + y = 0 separates the two blobs
    model = _mlp()
    generator = torch.Generator().manual_seed(0)
    loader = DataLoader(
        TensorDataset(points, labels), batch_size=16, shuffle=True, generator=generator
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
    criterion = nn.CrossEntropyLoss()
    before = evaluate(model, loader, criterion)
    losses = [train_one_epoch(model, loader, criterion, optimizer) for _ in range(15)]
    after = evaluate(model, loader, criterion)
    assert losses[-1] < losses[0] / 4
    assert after.accuracy == 1.0 and after.loss < before.loss / 4
    held_out_points, held_out_labels = _blobs(200, seed=1)
    with torch.no_grad():
        assert accuracy(model(held_out_points), held_out_labels) == 1.0


def test_a_small_network_learns_the_digits() -> None:
    dataset = DigitsDataset(transform=torch.flatten)
    train, test = random_split(dataset, [1500, 297], generator=torch.Generator().manual_seed(0))
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    criterion = nn.CrossEntropyLoss()
    loader = DataLoader(
        train, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(1)
    )
    for _ in range(5):
        train_one_epoch(model, loader, criterion, optimizer)
    result = evaluate(model, DataLoader(test, batch_size=128), criterion)
    assert result.accuracy > 0.9 and result.loss < 0.5


# ---- evaluate -------------------------------------------------------------------------


def test_evaluate_is_the_full_batch_loss_and_accuracy() -> None:
    points, labels = _blobs(10)
    model = _mlp(seed=5)  # untrained: 7 of the 10 right
    batches = [(points[:7], labels[:7]), (points[7:7], labels[7:7]), (points[7:], labels[7:])]
    with torch.no_grad():
        logits = model(points)
        whole = nn.CrossEntropyLoss()(logits, labels).item()
    result = evaluate(model, batches, nn.CrossEntropyLoss())
    assert result.loss == pytest.approx(whole, rel=1e-6)
    assert result.accuracy == accuracy(logits, labels)
    assert result.accuracy == 0.7
    assert result == Evaluation(loss=result.loss, accuracy=result.accuracy)


def _model_with_state() -> nn.Module:
    """Batch norm and dropout: in training mode a forward pass changes or draws something."""
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(2, 8), nn.BatchNorm1d(8), nn.Dropout(0.5), nn.Linear(8, 2))


def test_evaluate_changes_no_parameter_or_buffer_and_records_no_graph() -> None:
    model = _model_with_state()
    points, labels = _blobs(32)
    before = _snapshot(model)
    outputs: list[torch.Tensor] = []
    model.register_forward_hook(lambda module, args, output: outputs.append(output))
    first = evaluate(model, [(points, labels)], nn.CrossEntropyLoss())
    second = evaluate(
        model, [(points[:16], labels[:16]), (points[16:], labels[16:])], nn.CrossEntropyLoss()
    )
    after = model.state_dict()
    assert before.keys() == after.keys()
    assert all(torch.equal(before[name], after[name]) for name in before)  # running stats too
    assert first.loss == pytest.approx(second.loss, rel=1e-6) and first.accuracy == second.accuracy
    assert len(outputs) == 3
    assert all(
        out.grad_fn is None and not out.requires_grad and out.is_inference() for out in outputs
    )
    assert all(parameter.grad is None for parameter in model.parameters())


def test_evaluate_restores_each_submodules_mode() -> None:
    model = _model_with_state()
    model[1].eval()  # a frozen batch norm inside a model in training mode
    evaluate(model, [_blobs(8)], nn.CrossEntropyLoss())
    assert [m.training for m in model.modules()] == [True, True, False, True, True]
    model.eval()
    evaluate(model, [_blobs(8)], nn.CrossEntropyLoss())
    assert not any(m.training for m in model.modules())


def test_evaluate_restores_the_mode_when_a_batch_is_bad() -> None:
    model = _model_with_state()
    with pytest.raises(TypeError, match="loader must yield"):
        evaluate(model, [_blobs(8), "not a batch"], nn.CrossEntropyLoss())
    assert all(module.training for module in model.modules())


# ---- checkpoints ----------------------------------------------------------------------


def test_saved_and_loaded_model_and_optimizer_give_identical_outputs(tmp_path: Path) -> None:
    points, labels = _blobs(32)
    batches = [(points[:16], labels[:16]), (points[16:], labels[16:])]
    criterion = nn.CrossEntropyLoss()
    model = _mlp(seed=0)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    train_one_epoch(model, batches, criterion, optimizer)
    path = tmp_path / "checkpoint.pt"
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)

    checkpoint = torch.load(path, weights_only=True)
    copy = _mlp(seed=1)  # other initial weights, overwritten by the checkpoint
    copy_optimizer = torch.optim.Adam(copy.parameters(), lr=0.05)
    copy.load_state_dict(checkpoint["model"])
    copy_optimizer.load_state_dict(checkpoint["optimizer"])
    assert torch.equal(copy(points), model(points))
    # the optimizer's state (Adam's moments and step count) came back too: the next
    # epoch takes the same steps
    assert train_one_epoch(copy, batches, criterion, copy_optimizer) == train_one_epoch(
        model, batches, criterion, optimizer
    )
    assert torch.equal(copy(points), model(points))
    assert evaluate(copy, batches, criterion) == evaluate(model, batches, criterion)


def _training_run(
    seed: int = 0,
) -> tuple[nn.Module, torch.optim.Optimizer, DataLoader, torch.Generator, Callable[[], float]]:
    points, labels = _blobs(40)
    model = _mlp(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    generator = torch.Generator().manual_seed(seed)
    loader = DataLoader(
        TensorDataset(points, labels), batch_size=8, shuffle=True, generator=generator
    )

    def epoch() -> float:
        return train_one_epoch(model, loader, nn.CrossEntropyLoss(), optimizer)

    return model, optimizer, loader, generator, epoch


def test_resuming_from_a_checkpoint_gives_exactly_the_run_that_did_not_stop(
    tmp_path: Path,
) -> None:
    straight, _, _, _, straight_epoch = _training_run()
    straight_losses = [straight_epoch() for _ in range(4)]

    first, first_optimizer, _, first_generator, first_epoch = _training_run()
    first_losses = [first_epoch() for _ in range(2)]
    path = tmp_path / "epoch-2.pt"
    torch.save(
        {
            "model": first.state_dict(),
            "optimizer": first_optimizer.state_dict(),  # the momentum buffers
            "generator": first_generator.get_state(),  # where the shuffling is
        },
        path,
    )
    del first, first_optimizer, first_generator, first_epoch

    # a new process would build everything anew, with other seeds, then load
    resumed, resumed_optimizer, _, resumed_generator, resumed_epoch = _training_run(seed=7)
    checkpoint = torch.load(path, weights_only=True)
    resumed.load_state_dict(checkpoint["model"])
    resumed_optimizer.load_state_dict(checkpoint["optimizer"])
    resumed_generator.set_state(checkpoint["generator"])
    resumed_losses = [resumed_epoch() for _ in range(2)]

    assert first_losses + resumed_losses == straight_losses
    assert _same_parameters(resumed, straight)
