r"""
형태 바꾸기
===========

같은 숫자라도 한 행, 한 열, 격자, 이미지 배치처럼 여러 형태(shape)로 늘어놓을 수 있습니다.
이 페이지에서는 글 :ref:`post-concepts`\ 의 형태 예제(2x2 텐서의 ``reshape``,
``transpose``, ``flatten``)를 실행하고, 글 :ref:`post-basics-autograd`\ 가 소개한
``unsqueeze``\ 와 ``squeeze``\ 로 크기가 1인 차원을 더하고 빼 봅니다. 그리고 가장 중요한 차이를
확인합니다. ``reshape``\ 는 요소의 순서를 지키고, ``transpose``\ 는 순서를 바꿉니다. 마지막으로
텐서가 메모리에 놓이는 방식(*스트라이드*, stride)을 살펴봅니다. 이것을 알면 ``view``\ 가 언제
동작하고 ``reshape``\ 가 언제 복사하는지 설명할 수 있습니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다.
import matplotlib.pyplot as plt
import torch
from matplotlib.patches import Rectangle

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 텐서의 형태
# -----------
# ``x.shape``\ 는 각 차원(dimension)의 크기를 나열하고, ``x.ndim``\ 은 차원의 수를,
# ``x.numel()``\ 은 요소의 수(각 차원 크기의 곱)를 셉니다.
x = torch.tensor([[1, 2], [3, 4]])
print(f"x.shape: {x.shape}, x.ndim: {x.ndim}, x.numel(): {x.numel()}")

# %%
# reshape
# -------
# ``reshape``\ 는 같은 요소를 새 형태로 늘어놓습니다. 새 형태에 들어가는 요소의 수는 원래와
# 정확히 같아야 합니다. 아래에서는 2x2인 ``x``\ 가 4x1 열이 됩니다.
reshaped = x.reshape(4, 1)
print(f"x.reshape(4, 1):\n{reshaped}")
print(f"형태: {tuple(reshaped.shape)}")

# %%
# 크기 하나는 ``-1``\ 로 둘 수 있습니다. 그러면 PyTorch가 요소의 수를 보고 그 크기를 알아서
# 계산합니다. 요소가 12개일 때 ``reshape(3, -1)``\ 은 4개씩 3행을, ``reshape(-1, 2, 3)``\ 은
# 2x3 블록 두 개를 만듭니다. 크기를 곱해서 12가 되지 않는 형태를 주면 오류가 납니다.
twelve = torch.arange(12)
print(f"torch.arange(12).reshape(3, -1):    {tuple(twelve.reshape(3, -1).shape)}")
print(f"torch.arange(12).reshape(-1, 2, 3): {tuple(twelve.reshape(-1, 2, 3).shape)}")
try:
    twelve.reshape(5, -1)
except RuntimeError as error:
    print(f"reshape(5, -1): {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# transpose
# ---------
# ``torch.transpose(x, 0, 1)``\ 은 0번 차원과 1번 차원을 맞바꿉니다. 행이 열이 됩니다.
# 2차원 텐서에서는 ``x.T``\ 가 같은 일을 합니다.
transposed = torch.transpose(x, 0, 1)
print(f"torch.transpose(x, 0, 1):\n{transposed}")
print(f"x.T와 같음: {torch.equal(transposed, x.T)}")

# %%
# flatten
# -------
# ``torch.flatten``\ 은 모든 요소를 한 줄로 늘어놓습니다. ``x``\ 를 행 단위로 읽어 나가는데, 이
# 순서를 *행 우선*\ (row-major) 순서라고 합니다. ``torch.tensor``, ``zeros``, ``arange``
# 같은 생성 함수가 요소를 저장하는 순서이기도 합니다(이 페이지 끝에서 확인합니다).
flattened = torch.flatten(x)
print(f"torch.flatten(x): {flattened}")

# %%
# reshape는 순서를 지키고, transpose는 순서를 바꿉니다
# ----------------------------------------------------
# ``x.reshape(2, 2)``\ 와 ``x.T``\ 는 둘 다 ``x``\ 와 형태가 같지만, 그중 하나만 ``x`` 그대로입니다.
# ``reshape``\ 는 요소를 행 우선 순서로 읽고 같은 순서로 새 형태를 채우므로, 요소의 순서가
# 절대 바뀌지 않습니다. ``transpose``\ 는 요소를 새 자리로 옮깁니다. 둘을 각각 펼쳐 보면
# 알 수 있습니다.
print(f"x.reshape(2, 2).flatten(): {x.reshape(2, 2).flatten()}")
print(f"x.T.flatten():             {x.T.flatten()}")

# %%
# 2x3 텐서로 보면 차이가 더 잘 보입니다. ``reshape(3, 2)``\ 와 ``.T``\ 는 둘 다 3x2 텐서를
# 만들지만, 두 텐서는 서로 다릅니다.
a = torch.arange(6).reshape(2, 3)
print(f"a.reshape(3, 2)와 a.T가 같음: {torch.equal(a.reshape(3, 2), a.T)}")

# %%
fig, axes = plt.subplots(2, 3, figsize=(7, 3.6), height_ratios=[3, 1])
draw_tensor(axes[0, 0], a, title="a (2, 3)")
draw_tensor(axes[0, 1], a.reshape(3, 2), title="a.reshape(3, 2)")
draw_tensor(axes[0, 2], a.T, title="a.T (3, 2)")
draw_tensor(axes[1, 0], a.flatten(), title="a.flatten()")
draw_tensor(axes[1, 1], a.reshape(3, 2).flatten(), title="a.reshape(3, 2).flatten()")
draw_tensor(axes[1, 2], a.T.flatten(), title="a.T.flatten()")
fig.suptitle("reshape는 행 우선 순서를 지키고, transpose는 바꿉니다")
describe_figure(
    fig,
    "위쪽에는 0부터 5까지 행 순서대로 담은 2x3 텐서 a와, a로 만든 3x2 텐서 두 개가 있습니다. "
    "a.reshape(3, 2)의 행은 0 1, 2 3, 4 5이고, a.T의 행은 0 3, 1 4, 2 5입니다. 아래쪽은 "
    "세 텐서를 각각 한 줄로 펼친 것으로, a와 reshape 결과는 둘 다 0, 1, 2, 3, 4, 5이지만 "
    "a.T는 0, 3, 1, 4, 2, 5입니다.",
)
plt.show()

# %%
# 그림 위쪽은 ``a``\ 와 거기서 만든 두 3x2 텐서를, 아래쪽은 각각을 행 단위로 읽은 결과를
# 보여 줍니다. ``reshape`` 뒤에도 요소는 0부터 5까지 차례로 이어지지만, ``transpose`` 뒤에는
# 0, 3, 1, 4, 2, 5 순서가 됩니다.
#
# 특정 차원부터 펼치기
# --------------------
# 모델은 예제 여러 개를 한꺼번에 처리합니다. 이 묶음을 *배치*\ (batch)라고 합니다. 컬러 이미지
# 배치의 형태는 (배치, 채널, 높이, 너비)이고, 채널은 빨강, 초록, 파랑 세 개입니다. 선형
# 레이어(``nn.Linear``, :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`\ 에서
# 배웁니다)는 예제마다 숫자 한 행을 받으므로, ``flatten(start_dim=1)``\ 로 0번 차원은 두고
# 나머지를 펼칩니다. 이미지 하나당 3 x 8 x 8 = 192개의 값이 됩니다.
images = torch.rand(4, 3, 8, 8)
rows = images.flatten(start_dim=1)
print(f"images: {tuple(images.shape)} -> flatten(start_dim=1): {tuple(rows.shape)}")

# %%
# unsqueeze는 크기가 1인 차원을 더합니다
# --------------------------------------
# 모델은 배치를 입력으로 받습니다. 64x64 픽셀짜리 채널 3개로 된 이미지 한 장은 형태가
# (3, 64, 64)입니다. ``unsqueeze(0)``\ 으로 0번 위치에 크기가 1인 차원을 더하면, 형태가
# (1, 3, 64, 64)인 한 장짜리 배치가 됩니다. ``None``\ 으로 인덱싱해도 결과는 같습니다.
image = torch.rand(3, 64, 64)
batch = image.unsqueeze(0)
print(f"image.unsqueeze(0): {tuple(image.shape)} -> {tuple(batch.shape)}")
print(f"image[None]과 같음: {torch.equal(batch, image[None])}")

# %%
# 새 차원을 어디에 넣느냐에 따라 형태가 달라집니다. ``v``\ 의 세 숫자는 ``unsqueeze(0)``\ 으로
# 한 행이, ``unsqueeze(1)``\ 로 한 열이 됩니다.
v = torch.tensor([1, 2, 3])
print(f"v.unsqueeze(0): {tuple(v.unsqueeze(0).shape)}")
print(f"v.unsqueeze(1): {tuple(v.unsqueeze(1).shape)}")

# %%
fig, axes = plt.subplots(1, 3, figsize=(6.5, 2.6), width_ratios=[3, 3, 2])
draw_tensor(axes[0], v, title="v\n(3,)")
draw_tensor(axes[1], v.unsqueeze(0), title="v.unsqueeze(0)\n(1, 3)")
draw_tensor(axes[2], v.unsqueeze(1), title="v.unsqueeze(1)\n(3, 1)")
fig.suptitle("unsqueeze: 같은 벡터로 만든 행과 열")
describe_figure(
    fig,
    "1, 2, 3을 담은 형태 (3,)의 벡터 v 옆에, 형태 (1, 3)인 행 v.unsqueeze(0)과 형태 (3, 1)인 "
    "열 v.unsqueeze(1)을 그린 그림입니다. 셋 다 같은 숫자를 같은 순서로 담고 있고, 형태만 "
    "다릅니다.",
)
plt.show()

# %%
# 그림은 ``v``\ 와, ``unsqueeze``\ 로 ``v``\ 에서 만든 행 ``(1, 3)``, 열 ``(3, 1)``\ 을 나란히
# 보여 줍니다. 요소는 같고 형태만 다릅니다.
#
# squeeze는 크기가 1인 차원을 없앱니다
# ------------------------------------
# ``squeeze(0)``\ 은 ``unsqueeze(0)``\ 을 되돌립니다. 인자 없이 쓰면 ``squeeze``\ 는 크기가
# 1인 차원을 *모두* 없앱니다. 아래의 1번 차원(크기 3)처럼 크기가 1이 아닌 차원을 지정하면
# 오류 없이 텐서를 그대로 둡니다.
print(f"batch.squeeze(0): {tuple(batch.squeeze(0).shape)}")
padded = torch.zeros(1, 3, 1, 5)
print(f"{tuple(padded.shape)} -> squeeze(): {tuple(padded.squeeze().shape)}")
print(f"{tuple(padded.shape)} -> squeeze(1): {tuple(padded.squeeze(1).shape)}")

# %%
# 스트라이드: 형태를 메모리에서 읽는 규칙
# ----------------------------------------
# 텐서의 숫자는 메모리 한 덩어리에 차례로 늘어서 있습니다. 이것을 *저장소*\ (storage)라고
# 합니다. 형태는 이 한 줄짜리 숫자들을 격자로 읽는 방법을 정하고, *스트라이드*\ (stride)는
# 각 차원을 따라 한 칸 갈 때 저장소에서 몇 자리를 움직이는지 정합니다. 값(10부터 60)과
# 저장 위치(0부터 5)가 서로 다른 2x3 텐서 ``m``\ 을 봅시다. 아래로 한 칸 가면 3자리, 오른쪽으로
# 한 칸 가면 1자리를 움직이므로, 요소 ``(row, col)``\ 은 저장 위치 ``row * 3 + col * 1``\ 에
# 있습니다. ``data_ptr()`` 메서드는 텐서의 첫 요소가 있는 메모리 주소를 돌려줍니다.
# ``m.flatten()``\ 은 ``m``\ 과 같은 주소에서 시작하므로, 복사본이 아니라 저장소를 차례로
# 읽은 것입니다(``tolist()``\ 는 출력하기 좋게 텐서를 파이썬 리스트로 바꿉니다).
# ``torch.tensor``, ``zeros``, ``ones`` 같은 생성 함수도 새 텐서를 이처럼 행 단위로
# 늘어놓습니다. 출력의 두 번째 줄에서 확인할 수 있습니다.
m = torch.arange(10, 70, 10).reshape(2, 3)
storage = m.flatten()
m_matches = all(
    m[row, col] == storage[row * m.stride(0) + col * m.stride(1)]
    for row in range(2)
    for col in range(3)
)
assert m_matches and storage.data_ptr() == m.data_ptr()
print(f"m.shape: {tuple(m.shape)}, m.stride(): {m.stride()}")
print(f"새로 만든 2x3 텐서의 스트라이드: torch.tensor {torch.tensor([[1, 2, 3], [4, 5, 6]]).stride()},"
      f" torch.zeros {torch.zeros(2, 3).stride()}, torch.ones {torch.ones(2, 3).stride()}")
print(f"저장소: {storage.tolist()}, m과 같은 주소: {storage.data_ptr() == m.data_ptr()}")
print(f"모든 m[row, col]이 storage[row * 3 + col * 1]과 같음: {m_matches}")

# %%
# ``m.T``\ 는 아무것도 복사하지 않습니다. 같은 주소에서 시작하고 스트라이드만 (1, 3)으로
# 맞바꾸므로, 요소 ``(row, col)``\ 은 ``row * 1 + col * 3``\ 에 있습니다. 그래서 ``m.T``\ 를
# 행 단위로 읽으면 저장소 안에서 이리저리 건너뜁니다. 행 단위로 읽을 때 저장소를 한
# 자리씩 차례로 지나가는 텐서를 *연속적*\ (contiguous)이라고 합니다. ``m``\ 은 연속적이고
# ``m.T``\ 는 그렇지 않습니다.
t = m.T
t_matches = all(
    t[row, col] == storage[row * t.stride(0) + col * t.stride(1)]
    for row in range(3)
    for col in range(2)
)
t_order = [row * t.stride(0) + col * t.stride(1) for row in range(3) for col in range(2)]
assert t_matches and t.data_ptr() == m.data_ptr() and not t.is_contiguous()
print(f"m.T.shape: {tuple(t.shape)}, m.T.stride(): {t.stride()}")
print(f"m.T가 m과 같은 주소에서 시작함: {t.data_ptr() == m.data_ptr()}")
print(f"모든 m.T[row, col]이 storage[row * 1 + col * 3]과 같음: {t_matches}")
print(f"행 단위로 읽는 저장 위치: m {list(range(6))}, m.T {t_order}")
print(f"m.is_contiguous(): {m.is_contiguous()}, m.T.is_contiguous(): {t.is_contiguous()}")

# %%
place_colours = plt.get_cmap("Pastel1")


def draw_grid(ax, tensor, *, title):
    rows, cols = tensor.shape
    for row in range(rows):
        for col in range(cols):
            place = row * tensor.stride(0) + col * tensor.stride(1)
            ax.add_patch(
                Rectangle((col, rows - 1 - row), 1, 1, facecolor=place_colours(place), ec="black")
            )
            ax.text(col + 0.5, rows - 0.4 - row, f"{tensor[row, col]}", ha="center", fontsize=11)
            ax.text(col + 0.5, rows - 0.85 - row, f"[{place}]", ha="center", fontsize=8)
    ax.set_xlim(-0.1, cols + 0.1)
    ax.set_ylim(-0.1, rows + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)


def draw_storage(ax, tensor, storage, *, title):
    rows, cols = tensor.shape
    order = [row * tensor.stride(0) + col * tensor.stride(1) for row in range(rows) for col in range(cols)]
    for place, value in enumerate(storage.tolist()):
        ax.add_patch(Rectangle((place, 0), 1, 1, facecolor=place_colours(place), ec="black"))
        ax.text(place + 0.5, 0.4, f"{value}", ha="center", fontsize=11)
        ax.text(place + 0.5, 1.1, f"[{place}]", ha="center", fontsize=8)
    for start, end in zip(order, order[1:], strict=False):
        y = 1.45 if end > start else -0.05
        ax.annotate(
            "",
            xy=(end + 0.5, y),
            xytext=(start + 0.5, y),
            arrowprops={
                "arrowstyle": "->",
                "color": "tab:red",
                "shrinkA": 2,
                "shrinkB": 2,
                "connectionstyle": "arc3,rad=-0.4",
            },
        )
    ax.text(3, -1.5, " → ".join(str(place) for place in order), ha="center", fontsize=9)
    ax.set_xlim(-0.1, 6.1)
    ax.set_ylim(-1.8, 2.9)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)


fig, axes = plt.subplot_mosaic(
    [["m", "t"], ["m_storage", "t_storage"]], figsize=(7.5, 5.2), height_ratios=[3, 2.6]
)
draw_grid(axes["m"], m, title=f"m: 형태 {tuple(m.shape)}, 스트라이드 {m.stride()}")
draw_grid(axes["t"], t, title=f"m.T: 형태 {tuple(t.shape)}, 스트라이드 {t.stride()}")
draw_storage(axes["m_storage"], m, storage, title="저장소, m을 행 단위로 읽기:\n차례대로 (연속적)")
draw_storage(axes["t_storage"], t, storage, title="같은 저장소, m.T를 행 단위로 읽기:\n건너뜀 (연속적이지 않음)")
fig.suptitle("저장소 하나, 스트라이드 두 가지: m과 m.T")
describe_figure(
    fig,
    f"위쪽은 10부터 60까지 행 순서대로 담은 형태 {tuple(m.shape)}, 스트라이드 {m.stride()}인 "
    f"m과, 형태 {tuple(t.shape)}, 스트라이드 {t.stride()}인 m.T를 격자로 그린 것입니다. 칸마다 "
    "값과 함께, 그 값이 저장소의 몇 번째 자리에 있는지를 괄호 속 숫자와 칸의 색으로 "
    "나타냈습니다. 아래쪽에는 둘이 함께 쓰는 같은 저장소를 m 아래와 m.T 아래에 한 번씩 "
    "그렸습니다. 0부터 5번 자리에 10부터 60이 들어 있고, 화살표는 위에 있는 텐서를 행 "
    "단위로 읽는 순서입니다. m은 0, 1, 2, 3, 4, 5 순서로 "
    "한 자리씩 나아가므로 연속적이고, "
    f"m.T는 {', '.join(str(place) for place in t_order)} 순서로 건너뛰므로 연속적이지 "
    "않습니다.",
)
plt.show()

# %%
# 그림 위쪽은 ``m``\ 과 ``m.T``\ 를 격자로 그린 것으로, 칸마다 대괄호 안에 저장 위치를 적고
# 그 위치의 색을 칠했습니다. 아래쪽은 둘이 함께 쓰는 저장소 하나이고, 화살표는 각 텐서를
# 행 단위로 읽는 순서입니다. ``m``\ 은 한 자리씩 나아가고, ``m.T``\ 는 세 자리 앞으로(위쪽
# 화살표), 두 자리 뒤로(아래쪽 화살표) 번갈아 건너뜁니다.
#
# view는 복사하지 않고, reshape는 필요할 때 복사합니다
# ----------------------------------------------------
# ``view``\ 는 새 스트라이드를 골라 같은 저장소에 새 형태를 붙일 뿐, 절대 복사하지 않습니다.
# ``m.T``\ 를 한 줄로 펼치려면 저장 위치를 0, 3, 1, 4, 2, 5 순서로 읽어야 합니다. 이런
# 순서는 스트라이드 하나로 나타낼 수 없으므로 ``view``\ 는 오류를 냅니다. ``reshape``\ 는
# 같은 일을 하되, 뷰(view)를 만들 수 없으면 복사합니다. 이때 결과는 새 주소에서 시작합니다.
try:
    t.view(6)
except RuntimeError as error:
    print(f"m.T.view(6) -> {type(error).__name__}: {error}")
flat_copy = t.reshape(6)
print(f"m.T.reshape(6): {flat_copy.tolist()}, m과 같은 주소: {flat_copy.data_ptr() == m.data_ptr()}")
print(f"m.reshape(6) (m은 연속적): m과 같은 주소: {m.reshape(6).data_ptr() == m.data_ptr()}")

# %%
# 텐서가 연속적이지 않다는 것만으로 ``view``\ 가 실패하지는 않습니다. 새 형태에 따라 달라집니다. 맨
# 앞에 크기 1인 차원을 더하는 데에는 새 순서가 필요 없으므로, ``m.T.view(1, 3, 2)``\ 는
# 동작하고 저장소를 공유합니다. 이때는 ``reshape``\ 도 아무것도 복사하지 않습니다. 규칙은
# 이렇습니다. 새 형태를 같은 저장소에서 스트라이드로 읽을 수 있으면 ``view``\ 가 동작하고,
# 읽을 수 없으면 실패합니다. ``reshape``\ 는 앞의 경우에 뷰를, 뒤의 경우에 복사본을
# 돌려줍니다.
batch_of_one = t.view(1, 3, 2)
print(f"m.T.view(1, 3, 2).stride(): {batch_of_one.stride()}")
print(f"  m과 같은 주소: {batch_of_one.data_ptr() == m.data_ptr()}")
print(f"m.T.reshape(1, 3, 2), m과 같은 주소: {t.reshape(1, 3, 2).data_ptr() == m.data_ptr()}")

# %%
# ``m.T.contiguous()``\ 는 요소를 새 저장소에 행 단위로 늘어놓아 복사합니다(3x2 텐서라면
# 스트라이드는 (2, 1)입니다). 그러면 ``view``\ 가 동작합니다. 이미 연속적인 텐서라면
# ``.contiguous()``\ 는 아무것도 복사하지 않고 그 텐서 자신을 돌려줍니다.
t_copy = t.contiguous()
print(f"m.T.contiguous().stride(): {t_copy.stride()}, m과 같은 주소: {t_copy.data_ptr() == m.data_ptr()}")
print(f"m.T.contiguous().view(6): {t_copy.view(6).tolist()}")
print(f"m.contiguous()는 m 자신: {m.contiguous() is m}")

# %%
# 뷰는 저장소를 공유하므로, 뷰를 통해 값을 쓰면 원래 텐서가 바뀝니다. 여기서는 ``m``\ 의
# 복사본을 쓰므로 ``m``\ 은 그대로입니다. ``reshape``\ 가 뷰를 돌려줄지는 스트라이드에
# 달려 있으므로, PyTorch 문서는 여기에 기대지 말라고 합니다. 결과를 통해 원래 텐서에 값을
# 써야 한다면 ``view``\ 를, 복사본이 필요하다면 ``clone()``\ 을 씁니다.
y = m.clone()
y_flat = y.view(6)
y_flat[0] = 100
print(f"y.view(6)[0] = 100 뒤의 y:\n{y}")

# %%
# 정리
# ----
# - ``reshape``\ 는 같은 요소를 새 형태로 늘어놓고(크기 하나는 ``-1``\ 로 둘 수 있습니다) 행
#   우선 순서를 지킵니다. ``flatten``\ 은 ``start_dim``\ 번 차원부터 뒤를 모두 한 줄로
#   펴는 ``reshape``\ 입니다.
# - ``transpose``\ (2차원에서는 ``.T``)는 두 차원을 맞바꾸고, 요소를 읽는 순서를 바꿉니다.
# - ``unsqueeze``\ 는 크기가 1인 차원을 더하고, ``squeeze``\ 는 없앱니다.
# - 텐서는 저장소와 형태, 스트라이드로 이루어집니다. 요소 ``(row, col)``\ 은 저장 위치
#   ``row * stride(0) + col * stride(1)``\ 에 있습니다. ``transpose``\ 는 스트라이드를
#   맞바꿀 뿐 아무것도 복사하지 않으므로, ``m.T``\ 는 연속적이지 않습니다.
# - ``view``\ 는 절대 복사하지 않습니다. 새 형태를 같은 저장소에서 스트라이드로 읽을 수 있으면
#   동작하고, 그렇지 않으면 오류를 냅니다. 그럴 때 ``reshape``\ 는 복사합니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_tensors_plot_06_split_join.py`\ 에서는 텐서를
# 조각으로 나누고 다시 합칩니다.
#
# PyTorch 문서:
# `torch.reshape <https://docs.pytorch.org/docs/stable/generated/torch.reshape.html>`_,
# `torch.transpose <https://docs.pytorch.org/docs/stable/generated/torch.transpose.html>`_,
# `torch.flatten <https://docs.pytorch.org/docs/stable/generated/torch.flatten.html>`_,
# `torch.unsqueeze <https://docs.pytorch.org/docs/stable/generated/torch.unsqueeze.html>`_,
# `torch.squeeze <https://docs.pytorch.org/docs/stable/generated/torch.squeeze.html>`_,
# `torch.Tensor.view <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.view.html>`_,
# `torch.Tensor.stride <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.stride.html>`_,
# `torch.Tensor.is_contiguous <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.is_contiguous.html>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 28x28 흑백 이미지(채널 1개) 한 장만 담은 배치는 형태가
#    (1, 1, 28, 28)입니다. 아래의 ``squeeze()``\ 와 ``squeeze(0)``\ 은 각각 어떤 형태를
#    돌려줄까요?
#
#    .. code-block:: python
#
#       gray_batch = torch.zeros(1, 1, 28, 28)
#       gray_batch.squeeze()
#       gray_batch.squeeze(0)
#
# 2. **하나만 바꾸고 설명하기.** 마지막 예제에서 ``y.view(6)``\ 을 ``y.T.reshape(6)``\ 으로
#    바꾸면, ``y_flat[0] = 100`` 뒤에도 ``y``\ 가 바뀔까요? 두 경우 모두 ``y_flat[0]``\ 의
#    자리에는 ``y[0, 0]``\ 의 값이 옵니다.
# 3. **직접 작성하기.** 이미지를 (높이, 너비, 채널) 순서로 저장하는 라이브러리도 있습니다.
#    ``hwc = torch.arange(12).reshape(2, 2, 3)``\ 을 이 페이지에서 쓰는 (채널, 높이, 너비)
#    순서로 바꾸세요. 결과의 ``[c, h, w]`` 요소가 ``hwc[h, w, c]``\ 와 같아야 합니다.
#    ``hwc.reshape(3, 2, 2)``\ 도 형태는 (3, 2, 2)인데, 왜 답이 될 수 없을까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 인자 없는 ``squeeze()``\ 는 크기가 1인 차원을 *모두* 없애므로, 배치 차원과 채널 차원이 함께
# 사라져 (28, 28)이 됩니다. ``squeeze(0)``\ 은 0번 차원만 없애고 (1, 28, 28)을 돌려줍니다.
# 없앨 차원이 정해져 있다면 그 번호를 적어야 다른 차원을 잃지 않습니다.
gray_batch = torch.zeros(1, 1, 28, 28)
print(f"squeeze():  {tuple(gray_batch.squeeze().shape)}")
print(f"squeeze(0): {tuple(gray_batch.squeeze(0).shape)}")
assert gray_batch.squeeze().shape == (28, 28)
assert gray_batch.squeeze(0).shape == (1, 28, 28)

# %%
# 풀이 2
# ^^^^^^
# 바뀌지 않습니다. ``y.T``\ 를 한 줄로 펼치려면 ``m.T``\ 처럼 저장 위치를 0, 3, 1, 4, 2, 5
# 순서로 읽어야 하는데, 이 순서는 스트라이드 하나로 나타낼 수 없으므로 ``reshape``\ 가
# 복사본을 돌려줍니다. 연속적인 ``y``\ 에서 ``reshape(6)``\ 을 부르면 뷰가 나오므로, 그때는
# 같은 대입이 ``y``\ 를 바꿉니다.
y = m.clone()
y_flat = y.T.reshape(6)
y_flat[0] = 100
print(f"y.T.reshape(6), y와 같은 주소: {y_flat.data_ptr() == y.data_ptr()}")
print(f"y.T.reshape(6)[0] = 100 뒤의 y:\n{y}")
assert y_flat.data_ptr() != y.data_ptr() and torch.equal(y, m)
y_flat = y.reshape(6)
y_flat[0] = 100
print(f"y.reshape(6), y와 같은 주소: {y_flat.data_ptr() == y.data_ptr()}")
print(f"y.reshape(6)[0] = 100 뒤의 y[0, 0]: {y[0, 0]}")
assert y_flat.data_ptr() == y.data_ptr() and y[0, 0] == 100

# %%
# 풀이 3
# ^^^^^^
# ``transpose``\ 로 차원을 두 번 맞바꿉니다. (높이, 너비, 채널)에서 0번과 2번 차원을 바꾸면
# (채널, 너비, 높이)가 되고, 다시 1번과 2번 차원을 바꾸면 (채널, 높이, 너비)가 됩니다. 이
# 이미지는 높이와 너비가 둘 다 2라서 첫 번째 ``transpose``\ 만 해도 형태는 (3, 2, 2)이지만,
# 높이와 너비가 뒤바뀐 채입니다. ``reshape``\ 는 요소를 행 우선 순서 그대로 새 형태에
# 채우므로, 0번 채널에 첫 픽셀의 세 채널 값과 둘째 픽셀의 0번 채널 값이 들어갑니다.
hwc = torch.arange(12).reshape(2, 2, 3)
chw = hwc.transpose(0, 2).transpose(1, 2)
one_swap = hwc.transpose(0, 2)
wrong = hwc.reshape(3, 2, 2)
chw_matches = all(
    chw[c, h, w] == hwc[h, w, c] for c in range(3) for h in range(2) for w in range(2)
)
print(f"transpose 두 번: 형태 {tuple(chw.shape)}, 0번 채널 {chw[0].flatten().tolist()}")
print(f"transpose 한 번: 형태 {tuple(one_swap.shape)}, 0번 채널 {one_swap[0].flatten().tolist()}")
print(f"reshape(3, 2, 2): 형태 {tuple(wrong.shape)}, 0번 채널 {wrong[0].flatten().tolist()}")
print(f"모든 chw[c, h, w]가 hwc[h, w, c]와 같음: {chw_matches}")
assert chw_matches and not torch.equal(chw, wrong)
assert one_swap.shape == chw.shape and torch.equal(one_swap, chw.transpose(1, 2))
