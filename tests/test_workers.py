"""pytorch_basics.workers: a pool of worker processes returns what a loop returns."""

from __future__ import annotations

import pytest
import torch
import torch.multiprocessing as mp

from pytorch_basics.workers import load_example


def test_load_example_depends_only_on_index() -> None:
    torch.manual_seed(0)
    first = load_example(5, features=4)
    torch.manual_seed(1)  # the global generator does not matter
    assert torch.equal(first, load_example(5, features=4))
    assert first.shape == (4,) and first.dtype == torch.float32


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_load_example_in_a_pool_matches_a_loop(method: str) -> None:
    if method not in mp.get_all_start_methods():
        pytest.skip(f"start method {method} not available")
    with mp.get_context(method).Pool(processes=2) as pool:
        pooled = pool.map(load_example, range(6))
    assert torch.equal(torch.stack(pooled), torch.stack([load_example(i) for i in range(6)]))


def test_load_example_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match=r"index must be >= 0, got -1"):
        load_example(-1)
    with pytest.raises(TypeError, match=r"features must be an int, got float 2.0"):
        load_example(0, features=2.0)  # type: ignore[arg-type]
