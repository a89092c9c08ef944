r"""
장치(device): CPU와 가속기
==========================

모든 텐서는 어느 한 *장치(device)*\ 에 놓여 있습니다. CPU의 메모리일 수도 있고, GPU 같은
가속기(accelerator)의 메모리일 수도 있습니다. :ref:`post-concepts` 글에서는 GPU를 쓸 수 있으면
텐서를 GPU로 옮깁니다. 이 페이지에서는 요즘 PyTorch에서 같은 일을 ``torch.accelerator``\ 로
어떻게 쓰는지 봅니다. 가속기가 있는 컴퓨터에서도, 없는 컴퓨터에서도 고치지 않고 그대로 돌아가는
코드입니다. 이어서 서로 다른 장치에 있는 텐서끼리 만나면 무슨 일이 생기는지 확인합니다. 아래
출력은 모두 이 페이지를 빌드한 컴퓨터에서 나온 것입니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고 난수 시드를 고정합니다. 이
# 페이지는 그림을 그리지 않으므로 matplotlib도, 사이트의 그림 스타일도 필요 없습니다.
# 패키지의 ``describe``\ 는 텐서의 형태(shape), 데이터 타입(dtype), 장치를 한 줄로 정리해
# 돌려줍니다.
import torch
from torch import nn

from pytorch_basics.tensors import describe, pick_device

torch.manual_seed(0)

# %%
# 텐서가 있는 곳
# --------------
# 따로 지정하지 않으면 새 텐서는 CPU에 만들어집니다. 텐서가 어디에 있는지는 ``.device``
# 속성을 보면 알 수 있습니다.
x = torch.tensor([[1, 2], [3, 4]], dtype=torch.float32)
print(f"x.device: {x.device}")
print(f"describe(x): {describe(x)}")

# %%
# 글에 나온 GPU 이동
# ------------------
# :ref:`post-concepts` 글에서는 ``torch.cuda.is_available()``\ 로 확인해 참일 때만
# ``x.to('cuda')``\ 로 ``x``\ 를 GPU에 복사합니다. 그러면 출력된 텐서에
# ``device='cuda:0'``\ (첫 번째 CUDA GPU)이 붙습니다. 예전 코드는 물론이고, 앞으로 읽게 될
# 코드도 상당수가 이렇게 쓰여 있습니다. ``else`` 부분은 이 사이트에서 덧붙였습니다. CUDA가 없는
# 컴퓨터에서 무슨 일이 있었는지 페이지에 남기기 위해서입니다.
if torch.cuda.is_available():
    x_gpu = x.to("cuda")
    print(f"GPU 위의 텐서: {x_gpu}")
else:
    print(f"torch.cuda.is_available()이 False입니다. x는 그대로 {x.device}에 있습니다.")

# %%
# torch.accelerator: 어떤 가속기든
# --------------------------------
# ``torch.cuda.is_available()``\ 은 한 종류의 가속기, 즉 NVIDIA GPU의 플랫폼인 CUDA만
# 확인합니다(AMD GPU용 PyTorch 빌드도 같은 이름 ``cuda``\ 를 씁니다). 요즘 PyTorch에서는
# ``torch.accelerator``\ 로 가속기 전반에 대해 물을 수 있습니다. *가속기*\ 는 CPU 곁에서 계산
# 속도를 높여 주는 장치로, CUDA GPU, Apple의 MPS(Metal Performance Shaders, Mac의 GPU용),
# Intel의 XPU 등이 있습니다. ``torch.accelerator``\ 가 다루는 가속기는 한 번에 한 종류,
# 즉 설치된 PyTorch가 빌드될 때 대상으로 삼은 종류뿐입니다. ``current_accelerator()``\ 는 그
# 종류를 알려 주고(CPU 전용 빌드처럼 가속기가 없으면 ``None``), ``is_available()``\ 은 그런
# 장치를 지금 이 컴퓨터에서 쓸 수 있는지 알려 줍니다. 이 페이지를 빌드한 컴퓨터에서는 다음과
# 같이 나옵니다.
print(f"torch.accelerator.is_available():      {torch.accelerator.is_available()}")
print(f"torch.accelerator.current_accelerator(): {torch.accelerator.current_accelerator()}")

# %%
# 장치에 상관없이 돌아가는 코드
# -----------------------------
# 줄마다 ``if``\ 로 감싸는 대신 장치를 한 번만 골라 두고, 필요한 곳마다 그 장치를 넘깁니다.
# 이 페이지의 나머지 코드는 ``device``\ 를 쓰므로 어떤 컴퓨터에서든 똑같이 돌아갑니다.
# ``is_available()``\ 을 먼저 확인하는 까닭은, ``current_accelerator()``\ 만으로는 이 컴퓨터가
# 아니라 빌드에 대한 답밖에 얻지 못하기 때문입니다. 문서에 따르면 이 함수는 "컴파일할 때
# 사용할 수 있던 가속기의 장치"를 돌려줍니다. 그래서 GPU가 없는 컴퓨터에 설치한 CUDA 빌드도
# ``cuda``\ 라는 이름을 돌려줍니다. ``torch.device("cpu")``\ 는 CPU를 가리킵니다.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print(f"device: {device}")

# %%
# ``pytorch_basics.tensors``\ 의 ``pick_device``\ 는 이 선택을 그대로 함수 하나로 감싼
# 것입니다. 그래도 뒤의 페이지들은 선택 과정이 한눈에 보이도록 위의 장치 선택 코드를 그대로 적습니다.
print(f"pick_device() == device: {pick_device() == device}")
assert pick_device() == device

# %%
# 장치를 지정해 텐서 만들기
# -------------------------
# 텐서를 만드는 함수들은 ``device=`` 인자(argument)를 받습니다. 이 인자를 주면 CPU에 만든
# 뒤 복사하는 대신, 텐서를 쓸 장치에 처음부터 만듭니다.
zeros = torch.zeros(2, 3, device=device)
print(f"describe(zeros): {describe(zeros)}")

# %%
# 텐서를 옮겼다가 되돌리기
# ------------------------
# ``.to(device)``\ 는 ``device``\ 에 있는 텐서를, ``.cpu()``\ 는 CPU에 있는 텐서를
# 돌려줍니다. 갔다가 돌아와도 값은 그대로입니다.
x_on_device = x.to(device)
x_back = x_on_device.cpu()
print(f"x_on_device.device: {x_on_device.device}")
print(f"x_back.device: {x_back.device}")
print(f"왕복한 뒤에도 값이 같은가: {torch.equal(x_back, x)}")

# %%
# 어느 컴퓨터에나 있는 두 번째 장치
# ---------------------------------
# CPU만 있는 컴퓨터에서도 장치 *사이*\ 에서 일어나는 일을 보여 주려고, 이 페이지의 나머지
# 부분에서는 두 번째 장치 ``elsewhere``\ 도 씁니다. 가속기가 있으면 그 가속기를, 없으면
# ``meta``\ 를 씁니다. ``meta`` 장치는 어떤 PyTorch에나 들어 있습니다. 이 장치의 텐서에는 형태와
# 데이터 타입만 있고 숫자는 없지만, 아래 셀들에는 그것으로 충분합니다. 가속기가 있는
# 컴퓨터에서는 ``elsewhere``\ 가 그 가속기이므로, 아래 오류 메시지에도 ``meta`` 대신 그
# 가속기 이름이 나오고 문구도 달라집니다.
elsewhere = device if device.type != "cpu" else torch.device("meta")
x_elsewhere = x.to(elsewhere)
print(f"elsewhere: {elsewhere}")
print(f"describe(x_elsewhere): {describe(x_elsewhere)}")

# %%
# 다만 ``meta``\ 는 진짜 장치를 흉내 내는 대역일 뿐이어서, 모든 연산이 ``meta``\ 에서 장치가
# 맞는지 확인하지는 않습니다. ``meta`` 텐서와 CPU 텐서의 행렬 곱은 오류 없이 실행되지만, GPU
# 텐서와 CPU 텐서의 행렬 곱은 오류를 냅니다. 그래서 아래 셀들은 ``meta``\ 에서도 장치를
# 확인하는 연산만 씁니다.
print(f"(x.to('meta') @ x).device: {(x.to('meta') @ x).device}")

# %%
# ``.to``\ 는 옮겨야 할 때만 복사합니다. 텐서가 이미 목적지 장치에 있으면 텐서 자신을
# 돌려주고, 그렇지 않으면 새 텐서를 돌려주되 원래 텐서는 제자리에 그대로 둡니다.
print(f"x.to(x.device) is x:   {x.to(x.device) is x}")
print(f"x.to(elsewhere) is x: {x_elsewhere is x}")
print(f"그 뒤의 x.device:     {x.device}")

# %%
# NumPy는 CPU 메모리만 읽으므로 ``.numpy()``\ 는 다른 곳에 있는 텐서를 거절합니다. 오류
# 메시지에는 해결책도 나옵니다. 먼저 ``.cpu()``\ 를 부르라는 것입니다. ``meta`` 텐서에는
# CPU로 가져올 숫자가 없으므로, 이 해결책은 ``device``\ 에 있는 ``x_on_device``\ 에
# 적용해 봅니다.
try:
    x_elsewhere.numpy()
except TypeError as error:
    print(f"{type(error).__name__}: {error}")
print(f"x_on_device.cpu().numpy():\n{x_on_device.cpu().numpy()}")

# %%
# 장치를 섞으면 오류가 납니다
# ---------------------------
# 한 연산에 쓰이는 텐서는 모두 같은 장치에 있어야 하고, PyTorch가 알아서 옮겨 주지
# 않습니다. ``elsewhere``\ 에 있는 텐서와 CPU에 있는 텐서를 더하면, 두 장치 이름이 담긴
# ``RuntimeError``\ 가 납니다.
try:
    x_elsewhere + x
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# 예외가 하나 있습니다. ``+`` 같은 요소별 산술 연산에서는 0차원 CPU 텐서(숫자 하나)를 다른
# 장치의 텐서와 함께 쓸 수 있습니다. 이때 0차원 텐서는 파이썬 숫자처럼 다루어지고, 결과는
# 다른 쪽 텐서의 장치에 놓입니다.
scalar = torch.tensor(10.0)
print(f"describe(x_elsewhere + scalar): {describe(x_elsewhere + scalar)}")

# %%
# 고치는 방법은 언제나 같습니다. ``.to``\ 로 한쪽을 옮겨 두 텐서를 같은 장치에 두면 됩니다.
# ``x``\ 를 ``elsewhere``\ 로 옮기면 위에서 실패했던 덧셈이 이제 성공합니다.
total = x_elsewhere + x.to(elsewhere)
print(f"describe(x_elsewhere + x.to(elsewhere)): {describe(total)}")

# %%
# 모델은 model.to(device)로 옮깁니다
# ----------------------------------
# ``nn.Linear(2, 1)``\ 은 신경망의 레이어(층) 하나입니다. 이것으로 모델을 만드는 방법은
# :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`\ 에서 다룹니다. 지금은 이 레이어
# 안에 가중치(weight)와 편향(bias)이라는 텐서 두 개가 들어 있고, 이것들을
# *파라미터(parameter)*\ 라고 부른다는 것만 알면 됩니다. ``named_parameters()``\ 는 파라미터를
# 이름과 함께 나열합니다. ``model.to(device)``\ 는 파라미터를 한 번에 모두 옮깁니다.
model = nn.Linear(2, 1)
moved = model.to(device)
for name, parameter in model.named_parameters():
    print(f"{name}: {describe(parameter)}")

# %%
# 텐서의 ``.to``\ 와 달리, 레이어나 모델의 ``.to``\ 는 객체 자체를 그 자리에서 바꾸고 같은
# 객체를 돌려줍니다. 여분의 레이어 ``spare``\ 를 ``elsewhere``\ 로 옮겨 보면 확인할 수
# 있습니다. 호출 결과는 레이어 자신이고, 가중치는 이미 옮겨져 있습니다.
spare = nn.Linear(2, 1)
print(f"model.to(device) is model:     {moved is model}")
print(f"spare.to(elsewhere) is spare:  {spare.to(elsewhere) is spare}")
print(f"spare.weight.device:           {spare.weight.device}")

# %%
# 입력도 모델과 같은 장치에 있어야 하고, 그러면 출력도 그 장치에 나옵니다. 이제
# ``elsewhere``\ 에 있는 여분의 레이어는 CPU에 있는 입력은 거절하지만, 같은 입력을
# ``elsewhere``\ 로 옮기면 받아들입니다.
inputs = torch.tensor([[1.0, 2.0]], device=device)
output = model(inputs)
print(f"describe(output): {describe(output)}")
try:
    spare(x[:1])
except RuntimeError as error:
    print(f"spare(x[:1]) -> {type(error).__name__}: {str(error).splitlines()[0]}")
print(f"describe(spare(x[:1].to(elsewhere))): {describe(spare(x[:1].to(elsewhere)))}")

# %%
# 정리
# ----
# - ``tensor.device``\ 는 텐서가 있는 곳을 알려 줍니다. 새 텐서는 ``device=`` 인자를 주지
#   않으면 CPU에 만들어집니다.
# - 장치는 ``torch.accelerator``\ 로 한 번만 고르고(위의 장치 선택 코드 또는 패키지의
#   ``pick_device()``), 필요한 곳마다 그 장치를 씁니다. 그러면 같은 코드가 가속기가 있든 없든
#   그대로 돌아갑니다. 예전 코드는 CUDA만 확인하는 ``torch.cuda.is_available()``\ 을 씁니다.
# - ``.to(device)``\ 는 텐서를 그 장치로 옮기고(이미 그 장치에 있지 않으면 새 텐서를
#   돌려줍니다), ``.cpu()``\ 는 CPU로 되돌립니다. ``.numpy()``\ 는 텐서가 CPU에 있어야 쓸 수
#   있습니다. ``model.to(device)``\ 는 모든 파라미터를 그 자리에서 옮깁니다. 서로 다른 장치에
#   있는 텐서끼리는 연산할 수 없으며, 산술 연산에 쓰인 0차원 CPU 텐서만 예외입니다.
#
# 이것으로 텐서 장을 마칩니다. 다음 자동 미분(Autograd) 장에서는 PyTorch가 기울기(gradient)를
# 대신 계산해 줍니다. API 문서:
# `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_,
# `accelerators <https://docs.pytorch.org/docs/stable/torch.html#accelerators>`_,
# `torch.Tensor.to <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html>`_,
# `torch.Tensor.cpu <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.cpu.html>`_,
# `torch.nn.Module.to <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to>`_,
# `torch.device <https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-device>`_,
# `meta 장치 <https://docs.pytorch.org/docs/stable/meta.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_autograd_plot_01_basics.py`

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 아래 코드를 실행한 뒤 ``w.device``\ 와 ``layer.weight.device``\ 는
#    각각 무엇일까요?
#
#    .. code-block:: python
#
#       w = torch.ones(2)
#       layer = nn.Linear(2, 1)
#       w.to(elsewhere)
#       layer.to(elsewhere)
#
# 2. **하나만 바꾸고 설명하기.** 0차원 CPU 텐서의 예외를 보여 준 셀에서
#    ``scalar = torch.tensor(10.0)``\ 을 ``torch.tensor([10.0])``\ 으로 바꾸면
#    ``x_elsewhere + scalar``\ 는 어떻게 될까요? 숫자는 여전히 하나뿐입니다.
# 3. **직접 작성하기.** ``t``\ 와 형태가 같은 ``torch.randn`` 잡음을 ``t``\ 에 더해 돌려주는
#    함수 ``add_noise(t)``\ 를 작성하세요. ``t``\ 가 어느 장치에 있든 동작해야 하고, 함수
#    안에서는 ``device``\ 도 ``elsewhere``\ 도 쓰지 않습니다.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``w``\ 는 CPU에 그대로 있고, ``layer``\ 의 가중치는 ``elsewhere``\ 로 옮겨졌습니다. 텐서의
# ``.to``\ 는 원래 텐서를 두고 새 텐서를 돌려주는데, 그 결과를 변수에 담지 않았으므로 그냥
# 버려집니다. 레이어의 ``.to``\ 는 레이어를 그 자리에서 바꿉니다. 텐서는
# ``w = w.to(elsewhere)``\ 처럼 결과를 다시 담아야 옮겨집니다.
w = torch.ones(2)
layer = nn.Linear(2, 1)
w.to(elsewhere)
layer.to(elsewhere)
print(f"w.device: {w.device}, layer.weight.device: {layer.weight.device}")
assert w.device.type == "cpu" and layer.weight.device.type == elsewhere.type
w = w.to(elsewhere)
print(f"w = w.to(elsewhere) 뒤의 w.device: {w.device}")
assert w.device.type == elsewhere.type

# %%
# 풀이 2
# ^^^^^^
# 오류가 납니다. 예외는 요소가 하나인 텐서가 아니라 0차원 텐서에만 적용됩니다.
# ``torch.tensor([10.0])``\ 은 형태가 (1,)인 1차원 텐서이므로, 다른 CPU 텐서와 마찬가지로
# 장치가 맞지 않는다는 ``RuntimeError``\ 를 냅니다.
one_element = torch.tensor([10.0])
print(f"scalar.ndim: {scalar.ndim}, one_element.ndim: {one_element.ndim}")
try:
    x_elsewhere + one_element
except RuntimeError as error:
    print(f"x_elsewhere + one_element -> {type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("a 1-d CPU tensor should not join a tensor on another device")


# %%
# 풀이 3
# ^^^^^^
# 잡음을 처음부터 ``t``\ 와 같은 장치에 만들면 됩니다. ``t.device``\ 가 그 장치를 알려 주므로
# ``device=t.device``\ 를 넘깁니다. 이 인자를 빼면 잡음이 CPU에 만들어지므로, ``elsewhere``\ 에
# 있는 텐서와 더할 때 오류가 납니다.
def add_noise(t):
    return t + torch.randn(t.shape, device=t.device)


def add_noise_on_cpu(t):
    return t + torch.randn(t.shape)


print(f"describe(add_noise(x)):           {describe(add_noise(x))}")
print(f"describe(add_noise(x_elsewhere)): {describe(add_noise(x_elsewhere))}")
assert add_noise(x).device == x.device and add_noise(x_elsewhere).device == x_elsewhere.device
try:
    add_noise_on_cpu(x_elsewhere)
except RuntimeError as error:
    print(f"add_noise_on_cpu(x_elsewhere) -> {type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("noise made on the CPU should not join a tensor on another device")
