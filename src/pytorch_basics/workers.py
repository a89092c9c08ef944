"""Work for worker processes: functions a process pool can send to its workers.

A pool sends a function to its workers by name (it is pickled as "module.function"),
so the function must live in a module the workers can import. A function defined
in a page cannot: sphinx-gallery runs a page with ``exec()``, and a downloaded page
is a script, not an importable module. The pages therefore map this module's
functions.
"""

from __future__ import annotations

import torch

from ._checks import check_has_values, check_int

__all__ = ["load_example"]

_MAX_FEATURES = 2**24  # 2**24 float32 values are 64 MiB
_MAX_SEED = 2**64 - 1  # torch.Generator.manual_seed takes seeds up to this


def load_example(index: int, *, features: int = 2) -> torch.Tensor:
    """Stand-in for reading example number ``index`` of a dataset from disk.

    The values are random but fixed by ``index`` alone (a generator seeded with
    ``index``), so the result does not depend on which process loads the example
    or in which order: a pool of workers returns exactly what a loop would.

    Args:
        index: the number of the example, from 0 to ``2**64 - 1`` (the seeds a
            generator takes): an ``int``, a NumPy integer or a 0-d integer tensor.
        features: the number of values in the example, from 1 to ``2**24`` (64 MiB of
            float32: a stand-in for a small example, so a typo cannot ask for gigabytes);
            any of the integers ``index`` may be.

    Returns:
        A float32 tensor of shape ``(features,)``.

    Example:
        >>> load_example(3).shape
        torch.Size([2])
        >>> torch.equal(load_example(3), load_example(3))
        True
        >>> torch.equal(load_example(3), load_example(4))
        False
    """
    index = check_int("index", check_has_values("index", index), minimum=0, maximum=_MAX_SEED)
    features = check_int(
        "features", check_has_values("features", features), minimum=1, maximum=_MAX_FEATURES
    )
    generator = torch.Generator().manual_seed(index)
    return torch.randn(features, generator=generator)
