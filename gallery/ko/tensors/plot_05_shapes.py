r"""
형태 바꾸기
===========

같은 숫자들도 여러 형태(shape)로 배열할 수 있습니다. 한 줄로, 한 열로, 격자로, 이미지 배치로
말입니다. 이 페이지에서는 원래 글의 형태 예제(``reshape``, ``transpose``, ``flatten``)를
실행하고, ``unsqueeze``\ 와 ``squeeze``\ 로 크기가 1인 차원을 더하고 빼 봅니다. 그리고 가장
중요한 차이를 확인합니다. ``reshape``\ 는 요소의 순서를 지키고, ``transpose``\ 는 순서를 바꿉니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다. 패키지의 ``shares_memory``\ 는 두 텐서가 같은 메모리를 쓰는지
# 알려 줍니다.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.plotting import draw_tensor, use_site_style
from pytorch_basics.tensors import shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# 텐서의 형태
# -----------
# ``x.shape``\ 는 각 차원의 크기를 나열하고, ``x.ndim``\ 은 차원의 수를, ``x.numel()``\ 은 요소의
# 수(각 크기의 곱)를 셉니다.
x = torch.tensor([[1, 2], [3, 4]])
print(f"x.shape: {x.shape}, x.ndim: {x.ndim}, x.numel(): {x.numel()}")

# %%
# reshape
# -------
# ``reshape``\ 는 같은 요소들을 새 형태로 배열합니다. 새 형태에 들어가는 요소의 수는 원래와
# 정확히 같아야 합니다. 2x2인 ``x``\ 가 4x1 열이 됩니다.
reshaped = x.reshape(4, 1)
print(f"x.reshape(4, 1):\n{reshaped}")
print(f"형태: {tuple(reshaped.shape)}")

# %%
# 크기 하나는 ``-1``\ 로 둘 수 있습니다. 그러면 PyTorch가 요소의 수로부터 그 크기를 계산합니다.
# 요소가 12개일 때 ``reshape(3, -1)``\ 은 4개씩 3행을, ``reshape(-1, 2, 3)``\ 은 2x3 블록 두 개를
# 만듭니다. 크기의 곱이 12가 될 수 없는 형태는 오류입니다.
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
# 순서를 *행 우선*\ (row-major) 순서라고 하며 PyTorch가 새 텐서를 저장하는 순서이기도 합니다.
flattened = torch.flatten(x)
print(f"torch.flatten(x): {flattened}")

# %%
# reshape는 순서를 지키고, transpose는 순서를 바꿉니다
# ----------------------------------------------------
# ``x.reshape(2, 2)``\ 와 ``x.T``\ 는 둘 다 ``x``\ 와 형태가 같지만, 그중 하나만 ``x`` 그대로입니다.
# reshape는 요소를 행 우선 순서로 읽어 같은 순서로 새 형태를 채우므로 순서가 절대 바뀌지
# 않습니다. transpose는 요소를 새 자리로 옮깁니다. 각각을 펼쳐 보면 알 수 있습니다.
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
plt.show()

# %%
# 그림 위쪽은 ``a``\ 와 거기서 만든 두 3x2 텐서를, 아래쪽은 각각을 행 단위로 읽은 결과를
# 보여 줍니다. ``reshape`` 뒤에도 요소는 0부터 5까지 차례로 이어지지만, transpose 뒤에는
# 0, 3, 1, 4, 2, 5 순서가 됩니다.
#
# 특정 차원부터 펼치기
# --------------------
# 이미지 배치의 형태는 (배치, 채널, 높이, 너비)입니다. 선형 레이어는 이미지마다 한 행을
# 원하므로, ``flatten(start_dim=1)``\ 로 0번 차원은 두고 나머지를 펼칩니다. 이미지 하나당
# 3 x 8 x 8 = 192개의 값이 됩니다.
images = torch.rand(4, 3, 8, 8)
rows = images.flatten(start_dim=1)
print(f"images: {tuple(images.shape)} -> flatten(start_dim=1): {tuple(rows.shape)}")

# %%
# unsqueeze는 크기가 1인 차원을 더합니다
# --------------------------------------
# 모델은 배치를 입력으로 받습니다. (3, 64, 64) 형태의 이미지 한 장은 ``unsqueeze(0)``\ 으로
# 0번 위치에 크기 1인 차원을 더해 (1, 3, 64, 64), 즉 한 장짜리 배치가 됩니다. ``None``\ 으로
# 인덱싱해도 같습니다.
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
plt.show()

# %%
# 그림은 ``v``\ 와, ``unsqueeze``\ 로 만든 행 ``(1, 3)``, 열 ``(3, 1)``\ 을 나란히 보여 줍니다.
# 요소는 같고 형태만 다릅니다.
#
# squeeze는 크기가 1인 차원을 없앱니다
# ------------------------------------
# ``squeeze(0)``\ 은 ``unsqueeze(0)``\ 을 되돌립니다. 인수 없이 쓰면 ``squeeze``\ 는 크기가
# 1인 차원을 *모두* 없앱니다. 크기가 1이 아닌 차원을 지정하면 아무 일도 일어나지 않습니다.
print(f"batch.squeeze(0): {tuple(batch.squeeze(0).shape)}")
ones = torch.zeros(1, 3, 1, 5)
print(f"{tuple(ones.shape)} -> squeeze(): {tuple(ones.squeeze().shape)}")
print(f"{tuple(ones.shape)} -> squeeze(1): {tuple(ones.squeeze(1).shape)}")

# %%
# reshape는 복사할 수도 있지만, view는 절대 복사하지 않습니다
# ------------------------------------------------------------
# 텐서는 메모리 한 덩어리와 그것을 읽는 규칙으로 이루어집니다. 이 규칙이 *스트라이드*\ (stride),
# 곧 각 차원을 따라 한 칸 갈 때 건너뛰는 요소의 수입니다. transpose는 규칙만 바꾸므로
# ``x.T``\ 는 ``x``\ 와 메모리를 공유하지만 *연속적*\ (contiguous)이지 않습니다. 행 단위로
# 읽으면 메모리 안에서 이리저리 건너뛰게 됩니다.
print(f"x.stride(): {x.stride()}, x.T.stride(): {x.T.stride()}")
print(f"x.T가 x와 메모리를 공유함: {shares_memory(x.T, x)}")
print(f"x.is_contiguous(): {x.is_contiguous()}, x.T.is_contiguous(): {x.T.is_contiguous()}")

# %%
# 연속적인 텐서를 ``reshape``\ 하면 같은 메모리를 보는 뷰(view)가 나옵니다. ``x.T``\ 를
# ``reshape``\ 하면 새 순서를 스트라이드로 나타낼 수 없으므로, 조용히 복사합니다.
print(f"x.reshape(4)가 x와 메모리를 공유함:   {shares_memory(x.reshape(4), x)}")
print(f"x.T.reshape(4)가 x와 메모리를 공유함: {shares_memory(x.T.reshape(4), x)}")

# %%
# ``view``\ 는 ``reshape``\ 처럼 형태를 바꾸지만 절대 복사하지 않습니다. 뷰를 만들 수 없으면
# 오류를 냅니다. ``.contiguous()``\ 로 먼저 행 우선 순서의 복사본을 만들면 ``view``\ 가
# 동작합니다.
try:
    x.T.view(4)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
print(f"x.T.contiguous().view(4): {x.T.contiguous().view(4)}")

# %%
# 뷰는 메모리를 공유하므로, 뷰를 통해 값을 쓰면 원래 텐서가 바뀝니다. 여기서는 ``x``\ 의
# 복사본을 쓰므로 ``x``\ 는 그대로입니다.
y = x.clone()
y_flat = y.view(4)
y_flat[0] = 100
print(f"y.view(4)[0] = 100 뒤의 y:\n{y}")

# %%
# 정리
# ----
# - ``reshape``\ 는 같은 요소를 새 형태로 배열하고(크기 하나는 ``-1``\ 로 둘 수 있습니다) 행
#   우선 순서를 지킵니다. ``flatten``\ 은 ``start_dim``\ 부터 한 줄로 ``reshape``\ 하는
#   것입니다.
# - ``transpose``\ (2차원에서는 ``.T``)는 두 차원을 맞바꾸고, 요소를 읽는 순서를 바꿉니다.
# - ``unsqueeze``\ 는 크기가 1인 차원을 더하고, ``squeeze``\ 는 없앱니다.
# - ``view``\ 는 절대 복사하지 않으며 연속적이지 않은 텐서에서는 실패합니다. ``reshape``\ 는
#   필요할 때 복사합니다.
#
# 다음 페이지 :ref:`sphx_glr_auto_examples_tensors_plot_06_split_join.py`\ 에서는 텐서를
# 조각으로 나누고 다시 합칩니다. API:
# `torch.reshape <https://docs.pytorch.org/docs/stable/generated/torch.reshape.html>`_,
# `torch.transpose <https://docs.pytorch.org/docs/stable/generated/torch.transpose.html>`_,
# `torch.flatten <https://docs.pytorch.org/docs/stable/generated/torch.flatten.html>`_,
# `torch.unsqueeze <https://docs.pytorch.org/docs/stable/generated/torch.unsqueeze.html>`_,
# `torch.squeeze <https://docs.pytorch.org/docs/stable/generated/torch.squeeze.html>`_,
# `torch.Tensor.view <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.view.html>`_.
