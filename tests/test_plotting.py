"""pytorch_basics.plotting: Hangul renders with the bundled font; tensors draw as grids."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from pytorch_basics.plotting import draw_tensor, hangul_font_path, use_site_style  # noqa: E402


def test_hangul_font_is_bundled() -> None:
    path = hangul_font_path()
    assert path.is_file()
    assert font_manager.FontProperties(fname=str(path)).get_name() == "NanumGothic"


def test_use_site_style_renders_hangul_and_minus_without_missing_glyphs() -> None:
    use_site_style()
    fig, ax = plt.subplots()
    ax.set_title("텐서의 형태 −1")
    ax.plot([-1, 1], [-2, 2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    plt.close(fig)


def test_without_site_style_hangul_is_missing() -> None:
    """The check above can fail: DejaVu Sans alone has no Hangul."""
    with plt.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("텐서")
        with pytest.warns(UserWarning, match="missing from font"):
            fig.canvas.draw()
        plt.close(fig)


@pytest.mark.parametrize("shape,cells", [((), 1), ((4,), 4), ((2, 3), 6), ((2, 2, 3), 12)])
def test_draw_tensor_draws_one_cell_per_element(shape: tuple[int, ...], cells: int) -> None:
    fig, ax = plt.subplots()
    draw_tensor(ax, torch.arange(cells).reshape(shape), title="t")
    assert len(ax.patches) == cells
    assert ax.get_title() == "t"
    plt.close(fig)


def test_draw_tensor_writes_bools_as_t_and_f() -> None:
    fig, ax = plt.subplots()
    draw_tensor(ax, torch.tensor([True, False]))
    assert [t.get_text() for t in ax.texts] == ["T", "F"]
    plt.close(fig)


def test_draw_tensor_rejects_bad_input() -> None:
    fig, ax = plt.subplots()
    with pytest.raises(TypeError, match="tensor must be a torch.Tensor, got list"):
        draw_tensor(ax, [1, 2])  # type: ignore[arg-type]
    with pytest.raises(
        ValueError,
        match=r"tensor must have 0, 1, 2 or 3 dimension\(s\), got 4 \(shape \(1, 1, 1, 1\)\)",
    ):
        draw_tensor(ax, torch.zeros(1, 1, 1, 1))
    with pytest.raises(ValueError, match="at most 400 elements to draw, got 401"):
        draw_tensor(ax, torch.zeros(401))
    plt.close(fig)
