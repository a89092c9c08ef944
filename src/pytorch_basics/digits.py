"""scikit-learn's handwritten digits as tensors, and a ``Dataset`` over them.

scikit-learn ships a small image data set inside its package: 1,797 handwritten digits
of 8x8 pixels, each pixel a count from 0 to 16, with their labels 0 to 9
(``sklearn.datasets.load_digits``). Nothing is downloaded, so a page can train a
classifier on real images offline and in seconds.

:func:`load_digits_tensors` returns them in the layout PyTorch's image layers expect,
``(N, 1, 8, 8)`` float32 scaled to ``[0, 1]``, with int64 labels (what
``nn.CrossEntropyLoss`` takes). :class:`DigitsDataset` serves them one example at a time
to a ``torch.utils.data.DataLoader``. scikit-learn is imported only when the digits
are loaded (importing it takes about a second).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch.utils.data import Dataset

from ._checks import (
    _describe,
    check_finite,
    check_floating,
    check_has_values,
    check_int,
    check_tensor,
)

__all__ = ["IMAGE_SHAPE", "NUM_CLASSES", "DigitsDataset", "load_digits_tensors"]

IMAGE_SHAPE = (1, 8, 8)  # (channels, height, width) of one digit
NUM_CLASSES = 10
_MAX_PIXEL = 16.0  # load_digits counts the ink of 4x4 blocks of a 32x32 bitmap: 0 to 16


def load_digits_tensors() -> tuple[torch.Tensor, torch.Tensor]:
    """All 1,797 digits of ``sklearn.datasets.load_digits`` as ``(images, labels)``.

    The pixels are divided by 16, their largest possible value, so they lie in
    ``[0, 1]`` (and are multiples of 1/16, exact in float32). The order is
    scikit-learn's, the same on every call. Each call reads the small file bundled with
    scikit-learn again and returns new tensors, which the caller may change. Called
    under ``torch.inference_mode()`` it still returns ordinary tensors, so they can be
    trained on later.

    Returns:
        ``images``, float32 of shape ``(1797, 1, 8, 8)``, and ``labels``, int64 of shape
        ``(1797,)`` with the digits 0 to 9, on the CPU.

    Example:
        >>> images, labels = load_digits_tensors()
        >>> images.shape, images.dtype, labels.shape, labels.dtype
        (torch.Size([1797, 1, 8, 8]), torch.float32, torch.Size([1797]), torch.int64)
        >>> float(images.min()), float(images.max()), labels[:5].tolist()
        (0.0, 1.0, [0, 1, 2, 3, 4])
    """
    from sklearn.datasets import load_digits  # about a second to import: only when needed

    pixels, targets = load_digits(return_X_y=True)
    with torch.inference_mode(False):  # ordinary tensors even under inference_mode
        images = torch.as_tensor(pixels, dtype=torch.float32).div_(_MAX_PIXEL)
        labels = torch.as_tensor(targets, dtype=torch.int64)
        return images.reshape(-1, *IMAGE_SHAPE).contiguous(), labels.clone()


def _check_images(images: Any) -> torch.Tensor:
    check_tensor("images", images)
    if images.ndim != 4 or tuple(images.shape[1:]) != IMAGE_SHAPE:
        raise ValueError(f"images must have shape (N, 1, 8, 8), got {tuple(images.shape)}")
    check_floating("images", images)
    if images.device.type != "meta":  # meta tensors have no values
        check_finite("images", images)
    return images


def _check_labels(labels: Any, images: torch.Tensor) -> torch.Tensor:
    check_tensor("labels", labels)
    if labels.ndim != 1:
        raise ValueError(
            f"labels must have 1 dimension, shape (N,), got {labels.ndim} "
            f"(shape {tuple(labels.shape)})"
        )
    if labels.dtype != torch.int64:
        raise TypeError(
            f"labels must have dtype torch.int64 (what nn.CrossEntropyLoss takes; convert "
            f"with labels.long()), got {labels.dtype}"
        )
    if labels.shape[0] != images.shape[0]:
        raise ValueError(
            f"labels must have one label per image, got {labels.shape[0]} labels for "
            f"{images.shape[0]} images"
        )
    if labels.device != images.device:
        raise ValueError(
            f"labels must be on the device of images ({images.device}), got {labels.device}"
        )
    if labels.device.type != "meta" and labels.numel():
        low, high = int(labels.min()), int(labels.max())
        if low < 0 or high >= NUM_CLASSES:
            bad = low if low < 0 else high
            raise ValueError(f"labels must be digits from 0 to 9, got {bad}")
    return labels


class DigitsDataset(Dataset[tuple[torch.Tensor, torch.Tensor]]):
    """Digits served one ``(image, label)`` pair at a time, for a ``DataLoader``.

    Without arguments it holds all of :func:`load_digits_tensors`. Give ``images`` and
    ``labels`` to hold a part of them instead, such as a training or a test split;
    the tensors are kept, not copied, and are checked once, here.

    Args:
        images: float tensor ``(N, 1, 8, 8)`` with finite values, or ``None`` (with
            ``labels`` ``None`` too) for all the digits.
        labels: int64 tensor ``(N,)`` of digits 0 to 9, on the device of ``images``.
        transform: ``None``, or a function applied to each image ``(1, 8, 8)`` when it
            is served (its result is served as it is; the label is not changed).

    Raises:
        TypeError: ``images`` or ``labels`` is not a tensor, ``images`` not floating
            point, ``labels`` not int64, or ``transform`` not callable.
        ValueError: only one of ``images`` and ``labels`` is given, a shape is wrong,
            their lengths or devices differ, ``images`` holds NaN or infinity, or a label
            is not a digit from 0 to 9.

    Example:
        >>> images = torch.zeros(3, 1, 8, 8)
        >>> dataset = DigitsDataset(images, torch.tensor([7, 0, 9]))
        >>> len(dataset)
        3
        >>> image, label = dataset[-1]
        >>> image.shape, label
        (torch.Size([1, 8, 8]), tensor(9))
        >>> DigitsDataset(images, torch.tensor([7, 0, 10]))
        Traceback (most recent call last):
          ...
        ValueError: labels must be digits from 0 to 9, got 10
    """

    def __init__(
        self,
        images: torch.Tensor | None = None,
        labels: torch.Tensor | None = None,
        *,
        transform: Callable[[torch.Tensor], torch.Tensor] | None = None,
    ) -> None:
        if (images is None) != (labels is None):
            missing, given = ("images", "labels") if images is None else ("labels", "images")
            raise ValueError(
                f"{missing} must be given with {given} (or neither, for all the digits), got None"
            )
        if transform is not None and not callable(transform):
            raise TypeError(f"transform must be callable or None, got {_describe(transform)}")
        if images is None or labels is None:
            images, labels = load_digits_tensors()
        else:
            images = _check_images(images)
            labels = _check_labels(labels, images)
        self.images = images
        self.labels = labels
        self.transform = transform

    def __len__(self) -> int:
        """The number of digits ``N``."""
        return int(self.labels.shape[0])

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Digit number ``index``: its image ``(1, 8, 8)`` (transformed) and its 0-d label.

        Args:
            index: an integer from ``-N`` to ``N - 1`` (negative counts from the end, as
                for a list); a NumPy integer or a 0-d integer tensor is taken too.

        Raises:
            TypeError: ``index`` is not an integer (a ``bool``, a float or a slice is
                refused).
            IndexError: ``index`` is out of range (the error that ends a ``for`` loop
                over the dataset).
        """
        number = check_int("index", check_has_values("index", index))
        size = len(self)
        if not -size <= number < size:
            raise IndexError(f"index must be from {-size} to {size - 1}, got {number}")
        image = self.images[number]
        if self.transform is not None:
            image = self.transform(image)
        return image, self.labels[number]
