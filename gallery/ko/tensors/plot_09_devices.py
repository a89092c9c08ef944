r"""
장치(device): CPU와 GPU
=======================

모든 텐서는 어떤 *장치(device)* 위에 있습니다. CPU의 메모리일 수도 있고 GPU의 메모리일
수도 있습니다. 원래 글은 GPU가 있을 때 텐서를 GPU로 옮깁니다. 이 페이지에서는 그
아이디어를 GPU가 있는 컴퓨터와 없는 컴퓨터에서 고치지 않고 그대로 돌아가는 코드로 쓰고,
모델의 파라미터(parameter)도 같은 방식으로 옮겨진다는 것을 봅니다. 아래에 출력된 내용은
모두 이 페이지를 빌드한 컴퓨터에서 나온 것입니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 사이트 스타일을 설정하고,
# 난수 시드를 고정합니다. 이 페이지에는 그림이 없으므로 matplotlib은 불러오지 않습니다.
# ``pick_device``\ 는 아래에서 직접 고르는 장치 선택을 재사용할 수 있게 만든 이 패키지의
# 함수입니다.
import torch
from torch import nn

from pytorch_basics.plotting import use_site_style
from pytorch_basics.tensors import describe, pick_device

use_site_style()
torch.manual_seed(0)

# %%
# 텐서가 있는 곳
# --------------
# 따로 지정하지 않으면 새 텐서는 CPU에 만들어집니다. ``.device`` 속성이 텐서가 어디에
# 있는지 알려 줍니다.
x = torch.tensor([[1, 2], [3, 4]], dtype=torch.float32)
print(f"x.device: {x.device}")
print(f"describe(x): {describe(x)}")

# %%
# 원래 글의 GPU 이동
# ------------------
# 원래 글은 ``torch.cuda.is_available()``\ 에 물어보고, 그렇다고 할 때만
# ``x.to('cuda')``\ 로 ``x``\ 를 GPU에 복사합니다. 그러면 출력된 텐서에
# ``device='cuda:0'``\ (첫 번째 GPU)이 붙습니다. 아래의 ``else`` 부분은 이 사이트에서
# 덧붙인 것으로, 이 사이트를 빌드한 컴퓨터처럼 GPU가 없는 곳에서 무슨 일이 있었는지
# 알려 줍니다.
if torch.cuda.is_available():
    x_gpu = x.to("cuda")
    print(f"GPU 위의 텐서: {x_gpu}")
else:
    print(f"CUDA GPU를 찾지 못했습니다. x는 그대로 이 장치에 있습니다: {x.device}")

# %%
# 장치에 상관없이 돌아가는 코드
# ------------------------------------
# 줄마다 ``if``\ 를 두르는 대신, 장치를 한 번 골라 두고 어디서나 그것을 넘깁니다.
# ``torch.device``\ 는 장치의 이름입니다. 이 페이지의 나머지 코드는 ``device``\ 만 쓰므로
# 어떤 컴퓨터에서든 똑같이 돌아갑니다.
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"torch.cuda.is_available(): {torch.cuda.is_available()}")
print(f"device: {device}")

# %%
# 장치 위에 텐서 만들기
# ---------------------
# 텐서를 만드는 함수들은 ``device=``\ 를 받습니다. CPU에 만든 다음 복사하는 대신, 쓸
# 곳에 처음부터 텐서를 만듭니다.
zeros = torch.zeros(2, 3, device=device)
print(f"describe(zeros): {describe(zeros)}")

# %%
# 텐서를 옮겼다가 되돌리기
# ------------------------
# ``.to(device)``\ 는 ``device``\ 위의 텐서를 돌려주며, 옮겨야 하면 데이터를
# 복사합니다. ``.cpu()``\ 는 텐서를 CPU로 되돌립니다. NumPy는 CPU 메모리만 읽으므로
# ``.numpy()`` 전에는 이것이 필요합니다. 둘 다 호출한 텐서 자체를 바꾸지는 않습니다.
x_on_device = x.to(device)
x_back = x_on_device.cpu()
print(f"x_on_device.device: {x_on_device.device}")
print(f"x_back.device: {x_back.device}")
print(f"왕복한 뒤에도 값이 같은가: {torch.equal(x_back, x)}")

# %%
# 텐서가 이미 ``device``\ 에 있으면 ``.to``\ 는 아무것도 복사하지 않고 텐서 자신을
# 돌려줍니다. 아래 줄은 ``x``\ 가 이미 그곳에 있었으면 ``True``, 실제로 GPU로
# 옮겨졌으면 ``False``\ 를 출력합니다.
print(f"x_on_device is x: {x_on_device is x}")

# %%
# 장치를 섞으면 오류가 납니다
# ------------------------------------
# 연산에 쓰이는 텐서는 모두 한 장치에 있어야 하며(0차원 CPU 텐서는 보통의 숫자처럼
# 취급되므로 예외입니다), PyTorch가 대신 복사해 주지 않습니다. GPU가 있으면 GPU 텐서와
# CPU 텐서를 더할 때 발견한 두 장치의 이름을 담은 ``RuntimeError``\ 가 납니다. 아래
# 셀은 GPU가 있으면 실제로 시도하고, 없으면 보여 줄 것이 없는 이유를 출력합니다.
if device.type == "cuda":
    try:
        x.to(device) + x
    except RuntimeError as error:
        print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    print(f"device가 {device}입니다: 여기서는 모든 텐서가 CPU에 있으므로 섞을 것이 없습니다.")

# %%
# 고치는 방법은 언제나 같습니다. 예를 들어 ``x.to(device)``\ 처럼 한쪽을 옮겨 두 텐서를
# 같은 장치에 둡니다.
total = x.to(device) + x_on_device
print(f"describe(total): {describe(total)}")

# %%
# 재사용할 수 있는 선택: ``pick_device``
# --------------------------------------
# ``pytorch_basics.tensors``\ 의 ``pick_device``\ 는 이 선택을 함수로 감쌉니다. CUDA를
# 쓸 수 있으면 CUDA, 다음으로 Apple의 MPS(Apple 실리콘 Mac의 GPU), 그것도 없으면 CPU를
# 고릅니다. 이 컴퓨터에서 각 확인 결과와 ``pick_device``\ 가 고른 장치는 다음과 같습니다.
mps_available = torch.backends.mps.is_available()
print(f"CUDA 사용 가능: {torch.cuda.is_available()}")
print(f"MPS 사용 가능: {mps_available}")
print(f"pick_device(): {pick_device()}")

# %%
# 모델은 model.to(device)로 옮깁니다
# ----------------------------------
# 모델의 가중치(weight)와 편향(bias)도 텐서입니다. ``model.to(device)``\ 는 이것들을 한
# 번에 모두 옮깁니다. 텐서의 ``.to``\ 와 달리 모듈의 ``.to``\ 는 모듈 자체를 바꾸고 같은
# 객체를 돌려줍니다.
model = nn.Linear(2, 1)
moved = model.to(device)
print(f"model.to(device) is model: {moved is model}")
for name, parameter in model.named_parameters():
    print(f"{name}: {describe(parameter)}")

# %%
# 입력도 모델과 같은 장치에 있어야 하며, 그러면 출력도 그 장치에 놓입니다.
inputs = torch.tensor([[1.0, 2.0]], device=device)
output = model(inputs)
print(f"describe(output): {describe(output)}")
print(f"CPU로 가져온 출력: {output.detach().cpu()}")

# %%
# 정리
# ----
# - ``tensor.device``\ 는 텐서가 있는 곳을 알려 줍니다. 새 텐서는 ``device=``\ 로
#   만들지 않으면 CPU에 놓입니다.
# - 장치는
#   ``torch.device("cuda" if torch.cuda.is_available() else "cpu")``\ 나
#   ``pick_device()``\ 로 한 번 고르고 어디서나 그것을 씁니다. 그러면 같은 코드가 GPU가
#   있든 없든 돌아갑니다.
# - ``.to(device)``\ 는 텐서를 그 장치로 옮기고, ``.cpu()``\ 는 되돌립니다.
#   ``model.to(device)``\ 는 모든 파라미터를 옮깁니다. 서로 다른 장치에 있는 텐서끼리는
#   연산할 수 없습니다.
#
# 텐서 장은 여기까지입니다. 다음 페이지
# :ref:`sphx_glr_auto_examples_autograd_plot_01_basics.py`\ 에서는 PyTorch가
# 기울기(gradient)를 계산하게 합니다. API 문서:
# `torch.Tensor.to <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html>`_,
# `torch.Tensor.cpu <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.cpu.html>`_,
# `torch.cuda.is_available <https://docs.pytorch.org/docs/stable/generated/torch.cuda.is_available.html>`_,
# `torch.nn.Module.to <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to>`_,
# `Tensor attributes: torch.device <https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-device>`_.
