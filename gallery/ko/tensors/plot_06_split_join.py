r"""
나누기와 합치기
===============

텐서는 여러 조각으로 자를 수 있고, 자른 조각은 다시 하나로 합칠 수 있습니다.
:ref:`post-basics-autograd` 글에서는 이때 쓰는 함수로 네 가지를 꼽습니다. 자를 때 쓰는
``chunk``\ 와 ``split``, 합칠 때 쓰는 ``cat``\ 과 ``stack``\ 입니다. 이 페이지에서는 네 함수를
모두 실행해 보고, ``cat``\ 과 ``stack``\ 의 결과 형태(shape)가 어떻게 다른지 그림으로
비교합니다. 또 이 가운데 어떤 함수가 입력과 메모리를 공유하고 어떤 함수가 복사하는지도
확인합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다. 패키지의 ``shares_memory``\ 는 두 텐서가 같은 메모리를 쓰는지
# 알려 줍니다(:ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`\ 에서 이미
# 보았습니다).
import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Rectangle

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# chunk: 조각의 개수로 나누기
# ---------------------------
# ``torch.chunk(x, 3)``\ 은 ``x``\ 를 0번 차원을 따라 3조각으로 자릅니다. 마지막 조각을 뺀
# 나머지 조각은 모두 크기가 :math:`\lceil n / 3 \rceil`\ (그 차원의 크기 :math:`n`\ 을 3으로
# 나누고 올림한 값)이고, 마지막 조각에는 남은 요소가 들어갑니다.
x = torch.arange(10)
pieces = torch.chunk(x, 3)
for piece in pieces:
    print(f"{piece}  크기 {piece.numel()}")

# %%
# 이 올림 때문에 ``chunk``\ 는 요청한 개수보다 *적은* 조각을 돌려줄 수 있습니다. 요소 6개를
# 4조각으로 나누면 조각 크기가 2가 되는데, 요소 6개로는 크기 2인 조각이 세 개밖에 나오지
# 않습니다. 요소 8개를 4조각으로 나눌 때처럼 크기가 나누어떨어지면 올림을 해도 달라지는 것이
# 없으므로 4조각이 모두 나옵니다.
six_in_four = [p.numel() for p in torch.chunk(torch.arange(6), 4)]
eight_in_four = [p.numel() for p in torch.chunk(torch.arange(8), 4)]
print(f"torch.chunk(torch.arange(6), 4): 크기 {six_in_four}, 조각 {len(six_in_four)}개")
print(f"torch.chunk(torch.arange(8), 4): 크기 {eight_in_four}, 조각 {len(eight_in_four)}개")
assert len(six_in_four) == 3 and len(eight_in_four) == 4

# %%
# split: 조각의 크기로 나누기
# ---------------------------
# ``torch.split``\ 은 조각의 개수 대신 각 조각의 *크기*\ 를 받습니다. ``split(x, 4)``\ 는
# 요소 4개짜리 조각들과, 그보다 짧은 마지막 조각을 만듭니다. 크기를 리스트로 주면 정확히 그
# 크기대로 조각이 나옵니다. 이때 리스트의 합은 그 차원의 크기와 같아야 합니다.
print(f"torch.split(x, 4):         {[p.numel() for p in torch.split(x, 4)]}")
print(f"torch.split(x, [2, 3, 5]): {[p.numel() for p in torch.split(x, [2, 3, 5])]}")
try:
    torch.split(x, [2, 3])
except RuntimeError as error:
    print(f"torch.split(x, [2, 3]): {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# 두 함수 모두 ``dim``\ 을 받아 자를 차원을 고를 수 있습니다. ``dim=1``\ 을 따라 자르면 2x6
# 텐서가 열 단위 블록으로 나뉩니다.
m = torch.arange(12).reshape(2, 6)
left, middle, right = torch.split(m, [1, 2, 3], dim=1)
print(f"형태: {tuple(left.shape)}, {tuple(middle.shape)}, {tuple(right.shape)}")

# %%
fig, axes = plt.subplots(1, 4, figsize=(7, 1.9), width_ratios=[6, 1, 2, 3])
draw_tensor(axes[0], m, title="m")
draw_tensor(axes[1], left, title="left")
draw_tensor(axes[2], middle, title="middle")
draw_tensor(axes[3], right, title="right")
fig.suptitle("torch.split(m, [1, 2, 3], dim=1): 열 블록 세 개")
describe_figure(
    fig,
    "0부터 11까지 행 순서대로 담은 2x6 텐서 m 옆에, torch.split이 m을 자른 열 블록 세 개를 "
    "그린 그림입니다. left는 열 하나(0과 6), middle은 열 둘(위 1 2, 아래 7 8), right는 열 "
    "셋(위 3 4 5, 아래 9 10 11)이고, 블록마다 두 행이 모두 남아 있습니다.",
)
plt.show()

# %%
# 그림은 ``m``\ 과, 이를 자른 너비 1, 2, 3의 열 블록 세 개를 보여 줍니다.
#
# 조각은 뷰입니다
# ---------------
# ``chunk``\ 와 ``split``\ 은 아무것도 복사하지 않습니다. 각 조각은 원래 텐서의 메모리를
# 그대로 읽는 *뷰(view)*\ 입니다(:ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`\ 에서
# 본 것과 같습니다). ``data_ptr()`` 메서드는 텐서의 첫 요소가 있는 메모리 주소를 돌려줍니다.
# 첫 조각은 ``x``\ 와 정확히 같은 주소에서 시작합니다.
print(f"pieces[0].data_ptr() == x.data_ptr(): {pieces[0].data_ptr() == x.data_ptr()}")
print(f"모든 조각이 x와 메모리를 공유함: {all(shares_memory(p, x) for p in pieces)}")

# %%
# 그래서 조각에 값을 쓰면 원래 텐서도 바뀝니다. 여기서는 ``x``\ 를 복사한 ``x_copy``\ 로
# 실험하므로 ``x``\ 는 그대로 남습니다.
x_copy = x.clone()
first = torch.chunk(x_copy, 3)[0]
first[0] = -1
print(f"first[0] = -1 뒤의 x_copy: {x_copy}")

# %%
# cat과 stack
# -----------
# ``torch.cat``\ 은 *이미 있는* 차원을 따라 텐서들을 이어 붙입니다. 이때 나머지 차원의 크기는
# 모두 같아야 합니다. ``torch.stack``\ 은 형태가 같은 텐서들을 *새* 차원을 따라 쌓습니다.
# 2x3 텐서 두 개로 확인해 봅니다.
a = torch.arange(6).reshape(2, 3)
b = torch.arange(6, 12).reshape(2, 3)
cat_rows = torch.cat((a, b), dim=0)
cat_cols = torch.cat((a, b), dim=1)
stacked = torch.stack((a, b))
print(f"torch.cat((a, b), dim=0): {tuple(cat_rows.shape)}")
print(f"torch.cat((a, b), dim=1): {tuple(cat_cols.shape)}")
print(f"torch.stack((a, b)):      {tuple(stacked.shape)}")

# %%
fig, axes = plt.subplot_mosaic(
    [["a", "b", "rows"], ["cols", "cols", "stack"]], figsize=(7, 4.2), height_ratios=[4, 3]
)
draw_tensor(axes["a"], a, title="a (2, 3)")
draw_tensor(axes["b"], b, title="b (2, 3)")
draw_tensor(axes["rows"], cat_rows, title="torch.cat((a, b), dim=0)\n(4, 3)")
draw_tensor(axes["cols"], cat_cols, title="torch.cat((a, b), dim=1)\n(2, 6)")
draw_tensor(axes["stack"], stacked, title="torch.stack((a, b))\n(2, 2, 3)")
for name, corner in [("b", (0, 0)), ("rows", (0, 0)), ("cols", (3, 0)), ("stack", (4, 0))]:
    axes[name].add_patch(Rectangle(corner, 3, 2, fill=False, edgecolor="tab:orange", linewidth=3))
fig.suptitle("cat은 있는 차원을 따라 잇고, stack은 차원을 하나 더합니다")
describe_figure(
    fig,
    "0부터 5까지 담은 a와 6부터 11까지 담은 b, 두 2x3 텐서를 세 가지 방법으로 이어 붙인 "
    "그림으로, b에는 어디에 놓이든 주황색 테두리를 둘렀습니다. dim=0을 따라 torch.cat을 하면 b가 "
    "a 아래에 붙어 4x3 텐서가 되고, dim=1을 따라 하면 a 오른쪽에 붙어 2x6 텐서가 됩니다. "
    "torch.stack은 a와 b를 2x2x3 텐서 하나에 따로따로 담아, a는 2x3 조각 [0], b는 조각 [1]이 "
    "됩니다.",
)
plt.show()

# %%
# 그림은 ``a``\ (0~5)와 ``b``\ (6~11)를 먼저 보여 주고, 이어서 세 결과를 보여 줍니다.
# ``b``\ 는 어디에 놓이든 주황색 테두리로 표시했습니다. ``dim=0``\ 을 따라 ``cat``\ 하면
# ``b``\ 가 ``a`` 아래에 붙고(4x3), ``dim=1``\ 을 따라 이으면 옆에 붙습니다(2x6).
# ``stack``\ 은 둘을 2x2x3 텐서 하나에 따로따로 담습니다. ``a``\ 는 ``stacked[0]``,
# ``b``\ 는 ``stacked[1]``\ 이라는 2x3 조각이 됩니다.
#
# ``stack``\ 은 ``unsqueeze``\ 한 뒤 ``cat``\ 하는 것과 같습니다. 모든 텐서에 크기 1인 차원을
# 하나씩 더한 다음, 그 차원을 따라 이어 붙이는 것입니다. 새 차원이 들어갈 자리는 ``dim``\ 으로
# 정합니다. 아래 코드는 가능한 모든 ``dim``\ 에 대해 두 방법을 비교합니다.
for dim in range(3):
    by_stack = torch.stack((a, b), dim=dim)
    by_hand = torch.cat((a.unsqueeze(dim), b.unsqueeze(dim)), dim=dim)
    print(f"dim={dim}: 형태 {tuple(by_stack.shape)}, unsqueeze + cat과 같은가: "
          f"{torch.equal(by_stack, by_hand)}")

# %%
# ``cat``\ 은 ``dim``\ 을 뺀 나머지 차원의 크기만 같으면 되지만, ``stack``\ 은 형태가 완전히
# 같아야 합니다. 그래서 2x3 텐서와 1x3 텐서는 행을 늘리는 방향으로 이어 붙일 수는 있어도
# 쌓을 수는 없습니다.
row = torch.zeros(1, 3, dtype=torch.int64)
print(f"torch.cat((a, row)): {tuple(torch.cat((a, row)).shape)}")
try:
    torch.stack((a, row))
except RuntimeError as error:
    print(f"torch.stack((a, row)): {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# cat과 stack은 복사합니다
# ------------------------
# ``cat``\ 이나 ``stack``\ 의 결과는 새 메모리에 담긴 새 텐서입니다. 그래서 나중에 입력을
# 바꿔도 결과는 바뀌지 않습니다.
print(f"cat_rows가 a와 메모리를 공유함: {shares_memory(cat_rows, a)}")
print(f"stacked가 b와 메모리를 공유함:  {shares_memory(stacked, b)}")
a_copy = a.clone()
joined = torch.cat((a_copy, b))
a_copy[0, 0] = 100
print(f"a_copy[0, 0] = 100 뒤의 joined[0, 0]: {joined[0, 0]}")

# %%
# 텐서 하나는 메모리 한 덩어리만 읽습니다(:ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`
# 참고). 입력들은 보통 서로 떨어진 메모리 덩어리에 있으므로 복사를 피할 수 없습니다.
# 그런데 ``cat``\ 은 복사할 필요가 없을 때에도 *언제나* 복사합니다. ``x``\ 의 두 절반은 한
# 덩어리 안에 나란히 붙어 있지만, 둘을 이어도 새 메모리가 나옵니다. 그래서 입력이 우연히
# 어디에 놓여 있었는지에 따라 결과가 달라지는 일이 없습니다.
halves = torch.chunk(x, 2)
rejoined = torch.cat(halves)
print(f"x의 두 절반이 x와 메모리를 공유함: {all(shares_memory(h, x) for h in halves)}")
print(f"cat(halves)가 x와 메모리를 공유함: {shares_memory(rejoined, x)}")

# %%
# 잘랐다가 다시 합치기
# --------------------
# 자르기와 합치기는 서로를 되돌립니다. ``split``\ (또는 ``chunk``)으로 자른 조각들을
# ``cat``\ 하면 원래 텐서가 돌아오고, ``torch.unbind``\ 는 ``stack``\ 으로 쌓은 조각들을 다시
# 떼어 냅니다.
x_back = torch.cat(torch.split(x, [2, 3, 5]))
print(f"cat(split(x, [2, 3, 5]))로 x가 돌아옴: {torch.equal(x_back, x)}")
a_slice, b_slice = torch.unbind(stacked)
print(f"unbind(stack((a, b)))로 a와 b가 돌아옴: {torch.equal(a_slice, a) and torch.equal(b_slice, b)}")

# %%
# ``cat``\ 을 되돌리려면 입력들의 원래 크기대로 잘라야 합니다. ``chunk(..., 2)``\ 로도 ``a``\ 와
# ``b``\ 를 되찾을 수 있지만, 이는 둘 다 2행이기 때문일 뿐입니다. ``row``\ (1행)를
# ``a``\ (2행) 앞에 붙이면 ``chunk``\ 는 2행과 1행으로 잘못 자르고, 크기 ``[1, 2]``\ 를 준
# ``split``\ 은 제대로 자릅니다.
a_back, b_back = torch.chunk(cat_rows, 2)
print(f"chunk(cat((a, b)), 2)로 a와 b가 돌아옴: {torch.equal(a_back, a) and torch.equal(b_back, b)}")
row_then_a = torch.cat((row, a))
print(f"chunk(cat((row, a)), 2)의 크기: {[tuple(p.shape) for p in torch.chunk(row_then_a, 2)]}")
row_back, a_back = torch.split(row_then_a, [row.shape[0], a.shape[0]])
print(f"split(cat((row, a)), [1, 2])로 row와 a가 돌아옴: "
      f"{torch.equal(row_back, row) and torch.equal(a_back, a)}")

# %%
# 정리
# ----
# - ``chunk``\ 는 텐서를 정해진 개수의 조각으로 자르고(조각이 요청보다 적게 나올 수도
#   있습니다), ``split``\ 은 정해진 크기(크기 하나 또는 크기 리스트)대로 자릅니다. 둘 다 원래
#   텐서와 메모리를 공유하는 뷰를 돌려줍니다.
# - ``cat``\ 은 이미 있는 차원을 따라 이어 붙이고(2x3 텐서 두 개로 4x3 또는 2x6),
#   ``stack``\ 은 새 차원을 더해 쌓습니다(2x2x3). 둘 다 언제나 새 메모리에 복사합니다.
# - ``split``\ 이나 ``chunk``\ 로 자른 조각을 ``cat``\ 하면 원래 텐서가 돌아옵니다. ``cat``\ 은
#   입력들의 크기를 넘긴 ``split``\ 으로, ``stack``\ 은 ``unbind``\ 로 되돌립니다.
#
# API 문서:
# `torch.chunk <https://docs.pytorch.org/docs/stable/generated/torch.chunk.html>`_,
# `torch.split <https://docs.pytorch.org/docs/stable/generated/torch.split.html>`_,
# `torch.cat <https://docs.pytorch.org/docs/stable/generated/torch.cat.html>`_,
# `torch.stack <https://docs.pytorch.org/docs/stable/generated/torch.stack.html>`_,
# `torch.unbind <https://docs.pytorch.org/docs/stable/generated/torch.unbind.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_tensors_plot_07_products.py`

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 형태가 (3, 8, 8)인 컬러 이미지 네 장이 리스트에 들어 있습니다.
#    ``torch.cat(image_list)``\ 와 ``torch.stack(image_list)``\ 의 형태는 각각 무엇일까요?
#    둘 중 어느 쪽이 (배치, 채널, 높이, 너비) 형태의 배치일까요?
#
#    .. code-block:: python
#
#       image_list = [torch.rand(3, 8, 8) for _ in range(4)]
#
# 2. **하나만 바꾸고 설명하기.** ``torch.split(m, [1, 2, 3], dim=1)``\ 에서 ``dim=1``\ 을
#    빼면 어떻게 될까요? 크기 하나만 주는 ``torch.split(m, 3)``\ 은 어떨까요?
# 3. **직접 작성하기.** 이미지 배치 ``images = torch.rand(4, 3, 8, 8)``\ 을 색 채널별로
#    나누어 형태가 (4, 8, 8)인 텐서 세 개를 만들고, 이것들을 다시 합쳐 ``images``\ 를
#    되찾으세요(``torch.unbind``\ 도 ``stack``\ 처럼 ``dim``\ 을 받습니다).
#    ``torch.split(images, 1, dim=1)``\ 로 나눈 조각은 형태가 어떻게 다를까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``cat``\ 은 이미 있는 0번 차원, 곧 채널 차원을 따라 이어 붙이므로 네 이미지의 채널이
# 차례로 이어져 3 x 4 = 12개가 되고, 형태는 (12, 8, 8)입니다. 이미지를 구분하는 차원은
# 어디에도 없습니다. ``stack``\ 은 새 0번 차원을 더하므로 (4, 3, 8, 8) 배치가 되고,
# ``[1]``\ 은 두 번째 이미지 그대로입니다.
image_list = [torch.rand(3, 8, 8) for _ in range(4)]
cat_images = torch.cat(image_list)
stacked_images = torch.stack(image_list)
print(f"torch.cat(image_list):   {tuple(cat_images.shape)}")
print(f"torch.stack(image_list): {tuple(stacked_images.shape)}")
print(f"stacked_images[1]이 두 번째 이미지와 같음: {torch.equal(stacked_images[1], image_list[1])}")
assert cat_images.shape == (12, 8, 8) and stacked_images.shape == (4, 3, 8, 8)
assert torch.equal(stacked_images[1], image_list[1])

# %%
# 풀이 2
# ^^^^^^
# ``dim``\ 을 빼면 두 함수 모두 0번 차원을 자르는데, ``m``\ 의 0번 차원은 크기가 2입니다.
# 크기 리스트는 합이 2여야 하므로 ``[1, 2, 3]``\ 은 ``RuntimeError``\ 를 냅니다. 크기 3
# 하나를 주면 오류 없이 최대 3행짜리 조각을 만드는데, 행이 2개뿐이므로 ``m`` 전체가 담긴
# 조각 하나만 나옵니다.
try:
    torch.split(m, [1, 2, 3])
except RuntimeError as error:
    print(f"torch.split(m, [1, 2, 3]): {type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("split along dimension 0 should reject the sizes [1, 2, 3]")
row_pieces = torch.split(m, 3)
print(f"torch.split(m, 3): 조각 {len(row_pieces)}개, 형태 {[tuple(p.shape) for p in row_pieces]}")
assert len(row_pieces) == 1 and torch.equal(row_pieces[0], m)

# %%
# 풀이 3
# ^^^^^^
# ``torch.unbind(images, dim=1)``\ 은 1번 차원(채널)을 따라 떼어 내고 그 차원을 없애므로
# (4, 8, 8) 텐서 세 개가 나옵니다. 같은 ``dim=1``\ 로 ``stack``\ 하면 채널 차원이 제자리에
# 돌아옵니다. ``split``\ 의 조각은 크기가 1인 채널 차원을 남긴 (4, 1, 8, 8)이므로, 이 조각들은
# ``cat``\ 으로 합칩니다.
images = torch.rand(4, 3, 8, 8)
channels = torch.unbind(images, dim=1)
print(f"unbind(dim=1): {[tuple(c.shape) for c in channels]}")
print(f"stack(dim=1)로 images가 돌아옴: {torch.equal(torch.stack(channels, dim=1), images)}")
channel_pieces = torch.split(images, 1, dim=1)
print(f"split(images, 1, dim=1): {[tuple(p.shape) for p in channel_pieces]}")
print(f"cat(dim=1)로 images가 돌아옴: {torch.equal(torch.cat(channel_pieces, dim=1), images)}")
assert all(c.shape == (4, 8, 8) for c in channels)
assert all(p.shape == (4, 1, 8, 8) for p in channel_pieces)
assert torch.equal(torch.stack(channels, dim=1), images)
assert torch.equal(torch.cat(channel_pieces, dim=1), images)
