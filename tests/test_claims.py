"""The corrected explanations rest on numbers the pages print; check those numbers.

Each page also asserts its own claims while it runs (a wrong claim fails the build).
These tests read the printed output of the built pages, in both languages, so that a
change which keeps the page running but breaks its argument (a cosine that is no longer
near -1, a switched-off part that no longer matters) is caught and named here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.site

LANGS = ("ko", "en")
NUMBER = r"(-?[\d,]*\.?\d+(?:e[-+]?\d+)?)"


@cache
def output(site: Path, lang: str, page: str) -> str:
    """Everything a gallery page printed, in order."""
    html = (site / lang / "auto_examples" / f"{page}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.select("div.sphx-glr-script-out pre")
    assert blocks, f"{page} ({lang}) printed nothing"
    return "\n".join(block.get_text() for block in blocks)


def numbers(text: str, pattern: str) -> list[float]:
    """Every number captured by ``pattern`` (where ``{n}`` stands for a number)."""
    found = re.findall(pattern.replace("{n}", NUMBER), text)
    assert found, f"no match for {pattern!r}"
    flat = [g for m in found for g in (m if isinstance(m, tuple) else (m,))]
    return [float(g.replace(",", "")) for g in flat]


@pytest.mark.parametrize("lang", LANGS)
def test_restoration_steps_overshoot_and_cancel_while_weak_parts_accumulate(site: Path, lang: str) -> None:
    """practice/plot_01: the loss stalls because consecutive steps nearly cancel along
    the most-stretched directions, while the parts along weak directions keep their sign."""
    text = output(site, lang, "practice/plot_01_restoring_an_image")
    cosines = numbers(text, r"cosine\(d\d, d\d\) = {n}")
    assert len(cosines) >= 3 and all(c < -0.99 for c in cosines), cosines
    along_weak = numbers(text, r"d\d[^:\n]*w[^:\n]*: {n}")
    assert len(along_weak) >= 4
    assert all(v < 0 for v in along_weak) or all(v > 0 for v in along_weak), along_weak


@pytest.mark.parametrize("lang", LANGS)
def test_non_diagonal_jacobian_gradient_is_a_weighted_sum(site: Path, lang: str) -> None:
    """autograd/plot_04: with W mixing inputs, backward(gradient=v) equals v @ J."""
    text = output(site, lang, "autograd/plot_04_vector_outputs")
    assert "tensor([[1., 2., 3.],\n        [4., 5., 6.]])" in text
    grads = re.findall(r"= tensor\(\[1\.9000, 2\.9000, 3\.9000\]\)", text)
    assert len(grads) == 3, "x.grad, v @ J and the written-out sum must all print [1.9, 2.9, 3.9]"


@pytest.mark.parametrize("lang", LANGS)
def test_each_fast_method_slows_down_when_its_part_is_switched_off(site: Path, lang: str) -> None:
    """practice/plot_02: momentum, Adam's average and conjugate directions each matter."""
    text = output(site, lang, "practice/plot_02_faster_restoration")
    with_momentum, without = numbers(text, r"0\.9 {n} dB[^\n]*0 {n} dB")
    assert with_momentum >= 40 and without < 10
    adam, shared, no_average = numbers(text, r"Adam {n} dB\n[^\n]*?{n} dB\n[^\n]*?{n} dB")
    assert adam >= 39 and shared >= 39 and no_average < 20
    ratio, kappa = numbers(text, r": {n}, kappa = {n}")
    assert ratio > 10 and kappa > 10


@pytest.mark.parametrize("lang", LANGS)
def test_momentum_swings_across_the_valley_more_than_plain_steps(site: Path, lang: str) -> None:
    """models/plot_02: the zig-zag figure's numbers, as the prose describes them."""
    text = output(site, lang, "models/plot_02_training_loop")
    sgd, momentum, adam = numbers(text, r"60[^\n\d]*{n},")[:3]
    assert momentum > 2 * sgd > 4 * adam


@pytest.mark.parametrize("lang", LANGS)
def test_in_place_change_is_caught_by_the_version_counter(site: Path, lang: str) -> None:
    """autograd/plot_07: the real error, and gradients that add up pass after pass."""
    text = output(site, lang, "autograd/plot_07_in_depth")
    assert "is at\nversion 1; expected version 0 instead." in text
    assert "Trying to backward through the graph a second time" in text
    assert "tensor([ 6., 12., 18.])" in text  # three passes without a reset: 3 * 2x


@pytest.mark.parametrize("lang", LANGS)
def test_view_of_a_transposed_tensor_raises_and_reshape_copies(site: Path, lang: str) -> None:
    """tensors/plot_05: strides decide whether view works."""
    text = output(site, lang, "tensors/plot_05_shapes")
    assert "view size is not compatible with input tensor's size and stride" in text
    assert re.search(r"m\.T\.stride\(\): \(1, 3\)", text)


@pytest.mark.parametrize("lang", LANGS)
def test_dividing_by_n_minus_one_makes_variance_right_on_average(site: Path, lang: str) -> None:
    """tensors/plot_08: the unbiased estimate, shown by averaging many samples."""
    text = output(site, lang, "tensors/plot_08_reductions")
    unbiased, biased, expected = numbers(text, r": +{n}\n[^\n]*: +{n}\n\(n - 1\) / n: +{n}")[:3]
    assert abs(unbiased - 1) < 0.02 and abs(biased - expected) < 0.02


@pytest.mark.parametrize("lang", LANGS)
def test_linear_layer_bound_is_one_over_sqrt_fan_in(site: Path, lang: str) -> None:
    """models/plot_01: nn.Linear's kaiming_uniform_(a=sqrt(5)) is not He's bound."""
    text = output(site, lang, "models/plot_01_nn_module")
    he, linear = numbers(text, r"\(a=0\)[^\d]*{n}[^\d]*{n}")[:2]
    assert he / linear == pytest.approx(6**0.5, rel=1e-3)
