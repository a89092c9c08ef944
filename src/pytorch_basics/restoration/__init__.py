"""Restoring an image that a "weird function" broke: the practice of :ref:`post-basics-autograd`.

The post breaks a 100x100 picture, flattened to 10,000 numbers, with a function from
the Korean book *펭귄브로의 3분 딥러닝 파이토치맛* (chapter 3, MIT-licensed code), and
restores it by gradient descent from random noise. The function runs five rounds of::

    h <- -h/3 - h_left/3 + h_right/3,   h_left[i] = h[i-1], h_right[i] = h[i+1]

(zeros past either end), and after rounds 0, 2 and 4 the two halves of ``h`` swap
places. Every round is linear and invertible, so the whole function is a matrix ``A``
and restoring the image means solving ``A x = broken``.

The package holds one idea per module: ``linear_operator`` has the function as the
book writes it, a vectorised version, its adjoint (transpose) ``A^T`` without
autograd, its exact inverse and its singular values; ``solvers`` the solvers the site
compares and the :class:`~pytorch_basics.restoration.solvers.Restoration` they return;
``images`` PSNR and the test picture. Every public name is also importable from here
(``from pytorch_basics.restoration import psnr``).
"""

from __future__ import annotations

from .images import psnr, sample_image
from .linear_operator import (
    ROUNDS,
    singular_value_range,
    weird_function,
    weird_function_adjoint,
    weird_function_inverse,
    weird_function_vectorised,
)
from .solvers import (
    Restoration,
    restore_adam,
    restore_conjugate_gradient,
    restore_gradient_descent,
    restore_lbfgs,
    restore_sgd,
)

__all__ = [
    "ROUNDS",
    "Restoration",
    "psnr",
    "restore_adam",
    "restore_conjugate_gradient",
    "restore_gradient_descent",
    "restore_lbfgs",
    "restore_sgd",
    "sample_image",
    "singular_value_range",
    "weird_function",
    "weird_function_adjoint",
    "weird_function_inverse",
    "weird_function_vectorised",
]
