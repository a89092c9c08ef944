r"""
자동 미분 깊이 들여다보기
=========================

지금까지 이 장에서는 자동 미분으로 리프 텐서의 기울기(gradient)를 구하고, 그 기울기로
값을 업데이트했습니다. 직접 코드를 작성하다 보면 더 주의가 필요한 경우들을 곧
만납니다. 중간 결과의 ``.grad``, 상수로 다뤄야 하는 값, 제자리에서 바뀐 텐서,
학습하면 안 되는 레이어, 기록 없이 계산한 결과, 그리고 두 번째 ``backward()``\ 입니다.
이 페이지는 경우마다 코드를 실행해 PyTorch가 내는 메시지를 보여 주고, 원인을 없애면
현상도 사라진다는 것을 확인합니다. 여기서 다루는 내용은 이 장의 벡터 출력과 학습
단계를 가져온 글 :ref:`post-autograd-easy`\ 를 확장합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림에 쓸 글꼴을
# 설정하고, 난수 시드를 고정합니다. 이 사이트의 패키지에 든 ``print_error``\ 는 오류나 경고의 종류와 메시지의
# 앞 몇 문장만 출력합니다. PyTorch의 메시지 중에는 여기서 필요 없는 힌트가 뒤에 붙는
# 것이 있기 때문입니다.
import warnings

import matplotlib.pyplot as plt
import torch

from pytorch_basics.messages import print_error
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# 리프가 아닌 텐서에는 ``.grad``\ 가 없습니다
# -------------------------------------------
# ``backward()``\ 는 기울기를 *리프 텐서(leaf tensor)*, 곧 ``requires_grad=True``\ 로
# 직접 만든 텐서에만 저장합니다. 아래 ``h``\ 처럼 계산 중간에 생긴 결과도 역전파에
# 참여하지만, 그 기울기는 ``x`` 쪽으로 전달될 뿐 저장되지 않습니다. 그래서
# ``h.grad``\ 는 ``None``\ 이고, 이 값을 읽으면 PyTorch가 ``UserWarning``\ 을 냅니다.
# 이 셀은 ``warnings.catch_warnings``\ 로 경고를 가로채 그 메시지를 출력합니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = 2 * x
y = (h**2).sum()
y.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    h_grad = h.grad
print(f"x.is_leaf: {x.is_leaf}, h.is_leaf: {h.is_leaf}")
print(f"x.grad: {x.grad}")
print(f"h.grad: {h_grad}")
print_error(caught[0].message, sentences=3, kind=caught[0].category.__name__)
assert h_grad is None and caught[0].category is UserWarning

# %%
# ``retain_grad()``\ 로 기울기 남기기
# -----------------------------------
# ``h.retain_grad()``\ 는 ``h``\ 를 지나가는 기울기를 남겨 두라고 자동 미분에
# 요청합니다. ``backward()``\ 보다 먼저 호출해야 합니다. 손으로 먼저 계산해 보겠습니다.
# :math:`y = \sum_i h_i^2`\ 이므로 :math:`\partial y / \partial h = 2h = [4, 8, 12]`\ 입니다.
# 또 :math:`h = 2x`\ 이므로 ``x``\ 까지 가는 길에 연쇄 법칙(chain rule)이 2를 한 번 더
# 곱합니다. 따라서 ``x.grad``\ 는 ``2 * h.grad``\ 와 같습니다.
x.grad = None
h = 2 * x
h.retain_grad()
y = (h**2).sum()
y.backward()
print(f"h.retains_grad: {h.retains_grad}")
print(f"h.grad: {h.grad}, 2h: {2 * h.detach()}")
print(f"x.grad: {x.grad}, 2 * h.grad: {2 * h.grad}")
assert torch.allclose(h.grad, 2 * h.detach())
assert torch.allclose(x.grad, 2 * h.grad)

# %%
# ``detach()``\ 로 기울기 차단하기
# --------------------------------
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 에서는 값을 그래프 밖으로
# 꺼낼 때 ``detach()``\ 를 썼습니다. 더 큰 식 안에서 쓰면 ``detach()``\ 는
# *기울기 차단(stop-gradient)* 역할을 합니다. 떼어 낸 쪽은 값은 같지만 상수로
# 취급됩니다. ``x * x``\ 와 ``x * x.detach()``\ 를 비교해 보겠습니다. 손으로 계산하면
# :math:`d(x^2)/dx = 2x`\ 이고, :math:`x`\ 와 값이 같은 상수 :math:`c`\ 에 대해서는
# :math:`d(x c)/dx = c = x`\ 입니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
both = x * x
stopped = x * x.detach()
print(f"값이 같은가: {torch.equal(both, stopped)}")
both.sum().backward()
grad_both = x.grad
x.grad = None
stopped.sum().backward()
grad_stopped = x.grad
print(f"x * x의 기울기:          {grad_both}  (2x = {2 * x.detach()})")
print(f"x * x.detach()의 기울기: {grad_stopped}  (x = {x.detach()})")
assert torch.allclose(grad_both, 2 * x) and torch.allclose(grad_stopped, x)

# %%
# 그림은 -2와 2 사이의 :math:`x` 값 41개로 같은 비교를 반복합니다.
xs = torch.linspace(-2.0, 2.0, 41, requires_grad=True)
(xs * xs).sum().backward()
slope_both = xs.grad
xs.grad = None
(xs * xs.detach()).sum().backward()
slope_stopped = xs.grad
values = xs.detach()
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(values, slope_both, label="x * x: 기울기 2x")
ax.plot(values, slope_stopped, "--", label="x * x.detach(): 기울기 x")
ax.axhline(0.0, color="black", linewidth=0.8)
ax.set_xlabel("x")
ax.set_ylabel("기울기")
ax.legend()
ax.set_title("같은 값, 다른 기울기: x * x와 x * x.detach()")
describe_figure(
    fig,
    f"x가 {values[0].item():g}에서 {values[-1].item():g}까지일 때 x * x와 x * x.detach()의 "
    "기울기를 함께 그린 선 그래프입니다. 두 직선 모두 원점을 지나지만, x * x의 기울기 "
    f"2x(실선)는 {slope_both[0].item():g}에서 {slope_both[-1].item():g}까지, "
    f"x * x.detach()의 기울기 x(점선)는 {slope_stopped[0].item():g}에서 "
    f"{slope_stopped[-1].item():g}까지 올라가, 어디서나 실선의 절반입니다.",
)
plt.show()

# %%
# 그림에는 원점을 지나는 두 직선이 보입니다. ``x * x``\ 의 기울기는 :math:`2x`,
# 곱하는 값 한쪽을 떼어 낸 식의 기울기는 :math:`x`\ 로, 어디서나 절반입니다. 떼어 낸
# 쪽은 값만 넘기고 기울기는 넘기지 않기 때문입니다.
# 파라미터로 계산한 값을 고정된 숫자로 쓰고 싶을 때, 예를 들어 업데이트가 움직이면
# 안 되는 목표값으로 쓸 때 이 방법을 씁니다.
#
# ``backward()``\ 가 쓸 텐서를 제자리에서 바꾸기
# ----------------------------------------------
# 어떤 연산은 도함수를 계산하려고 그래프에 텐서를 저장해 둡니다. ``exp``\ 가 그런
# 연산입니다. :math:`e^x`\ 의 도함수는 :math:`e^x` 자신이므로, 자동 미분은 결과
# ``y``\ 를 저장해 두었다가 다시 씁니다. 무엇이 저장되었는지는
# ``y.grad_fn._saved_result``\ 로 볼 수 있습니다(이런 ``_saved_`` 속성은 아래에 링크한
# PyTorch 문서의 자동 미분 설명(Autograd mechanics)에 나옵니다). 저장된 것은 바로
# ``y``\ 의 메모리입니다. ``detach()``\ 도 같은
# 메모리를 돌려줍니다. 첫 요소의 주소를 알려 주는 ``data_ptr()`` 값이 같습니다.
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
y = x.exp()
view = y.detach()
print(f"exp가 저장한 것은 y의 메모리: {y.grad_fn._saved_result.data_ptr() == y.data_ptr()}")
print(f"view와 y의 메모리 공유:      {view.data_ptr() == y.data_ptr()}")

# %%
# 이름이 ``_``\ 로 끝나는 메서드는 텐서를 제자리에서 바꿉니다. 이런 연산을 제자리
# 연산(in-place operation)이라고 합니다. 그래서 ``view.mul_(2)``\ 는 ``y``, 곧
# ``backward()``\ 가 다시 쓸 값까지 바꿉니다. 자동 미분은
# *버전 카운터(version counter)*\ 로 이를 알아챕니다. 모든 텐서에는 제자리 변경이
# 일어날 때마다 1씩 늘어나는 카운터가 있고, ``detach()``\ 가 돌려준 텐서는
# ``y``\ 와 이 카운터를 공유합니다. ``_version``\ 은 내부 속성이라 들여다보는 데는
# 괜찮지만 프로그램에서 쓸 것은 아닙니다.
print(f"변경 전 y: {y.detach()}, y._version = {y._version}")
view.mul_(2)
print(f"view.mul_(2) 이후 y: {y.detach()}, y._version = {y._version}")
print(f"view._version: {view._version}")

# %%
# ``exp``\ 가 ``y``\ 를 저장할 때 버전은 0이었습니다. ``backward()``\ 는 버전 1을
# 발견하고, 틀린 숫자로 기울기를 계산하는 대신 실행을 거부합니다(올바른 기울기는
# :math:`e^x`\ 이지만, ``y``\ 의 값은 이제 :math:`2e^x`\ 입니다).
try:
    y.sum().backward()
except RuntimeError as error:
    print_error(error)

# %%
# 원인 없애기
# -----------
# ``clone()``\ 은 값을 새 메모리에 복사하므로, 복사본을 제자리에서 바꿔도 ``y``\ 와
# 그 버전은 그대로입니다. ``y.detach() * 2``\ 처럼 제자리가 아닌 연산도 새 텐서를
# 만듭니다. 이제 ``backward()``\ 가 동작하고, 기울기는 :math:`e^x` 그대로입니다.
y = x.exp()
copy = y.detach().clone()
copy.mul_(2)
doubled = y.detach() * 2
print(f"copy와 y의 메모리 공유: {copy.data_ptr() == y.data_ptr()}")
print(f"doubled와 y의 메모리 공유: {doubled.data_ptr() == y.data_ptr()}")
print(f"y._version: {y._version}")
y.sum().backward()
print(f"x.grad: {x.grad}, e^x: {x.exp().detach()}")
assert y._version == 0 and torch.allclose(x.grad, x.exp())

# %%
# 규칙은 "제자리 연산 금지"가 아니라 "그래프가 저장한 텐서를 바꾸지 말 것"입니다.
# 아래 그래프에서는 아무 연산도 ``h``\ 를 저장하지 않습니다. 상수 곱셈은 상수만,
# ``sum()``\ 은 형태만 저장합니다. 그래서 ``h``\ 를 제자리에서 바꿔도
# ``backward()``\ 가 동작합니다(``+ 1``\ 은 기울기를 바꾸지 않으므로 기울기는 그대로
# 2입니다).
x.grad = None
h = x * 2
h.add_(1)
h.sum().backward()
print(f"h._version: {h._version}, x.grad: {x.grad}")
assert torch.allclose(x.grad, torch.full_like(x, 2.0))

# %%
# 이번에는 원인을 되살려 보겠습니다. :math:`h^2`\ 의 도함수는 :math:`2h`\ 이므로
# ``h**2``\ 는 *입력* ``h``\ 를 저장합니다. 그러면 같은 ``h.add_(1)`` 때문에
# ``backward()``\ 가 실패합니다. 오류 메시지는 ``h``\ 를 마지막으로 바꾼 연산, 곧
# 제자리 덧셈(``Add``)의 이름으로 ``h``\ 를 가리킵니다.
h = x * 2
squared = h**2
print(f"h**2가 h를 저장했는가: {squared.grad_fn._saved_self.data_ptr() == h.data_ptr()}")
h.add_(1)
try:
    squared.sum().backward()
except RuntimeError as error:
    print_error(error)

# %%
# 기울기가 필요한 리프 텐서는
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 에서 본 것처럼 제자리
# 변경을 아예 거부합니다. ``torch.no_grad()`` 안에서는 같은 변경이 허용됩니다.
try:
    x.add_(1)
except RuntimeError as error:
    print_error(error)
with torch.no_grad():
    x.add_(1)
print(f"no_grad 안에서 x.add_(1) 이후: x = {x.detach()}")

# %%
# 파라미터 고정하기
# -----------------
# 학습된 신경망을 새 작업에 맞게 고쳐 쓸 때, 곧 미세 조정(fine-tuning)에서는 앞쪽
# 레이어를 그대로 두고(고정, freeze) 마지막 레이어만 학습시키는 경우가 많습니다.
# 레이어 두 개짜리 작은 모델을 만들어 보겠습니다. ``torch.nn.Linear(3, 4)``\ 는 형태가
# (4, 3)인 가중치 행렬 ``weight``\ 와 형태가 (4,)인 편향 벡터 ``bias``\ 를 담은
# 레이어입니다. 둘 다 ``requires_grad=True``\ 이고, 레이어는
# ``inputs @ weight.T + bias``\ 를 계산합니다. 자세한 내용은
# :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`\ 에서 배웁니다.
first = torch.nn.Linear(3, 4)
head = torch.nn.Linear(4, 1)
params = {
    "first.weight": first.weight,
    "first.bias": first.bias,
    "head.weight": head.weight,
    "head.bias": head.bias,
}
inputs = torch.randn(8, 3)
targets = torch.randn(8, 1)
for name, p in params.items():
    print(f"{name:>12}: 형태 {tuple(p.shape)}, requires_grad={p.requires_grad}")

# %%
# ``requires_grad_(False)``\ 는 텐서를 고정합니다. 자동 미분이 그 텐서를 더는 추적하지
# 않습니다. 첫 레이어를 고정하고 입력도 기울기가 필요 없으면, 첫 레이어에서는 아무것도
# 기록되지 않습니다. 그래서 그 출력 ``hidden``\ 은 기울기가 필요 없는 텐서이고,
# ``backward()`` 뒤에 기울기가 생긴 것은 마지막 레이어 ``head``\ 뿐입니다.
first.weight.requires_grad_(False)
first.bias.requires_grad_(False)
hidden = first(inputs)
loss = ((head(hidden) - targets) ** 2).mean()
loss.backward()
print(f"hidden.requires_grad: {hidden.requires_grad}")
for name, p in params.items():
    print(f"{name:>12}: .grad가 None인가: {p.grad is None}")

# %%
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 의 제자리 방식으로
# 업데이트하되, 기울기가 없는 텐서는 건너뛰도록 씁니다(PyTorch의 옵티마이저도
# ``.grad``\ 가 ``None``\ 인 파라미터는 건너뜁니다). 업데이트 전에 만들어 둔 복사본과
# 비교하면, 고정한 레이어는 그대로이고 마지막 레이어만 움직였습니다.
before = {name: p.detach().clone() for name, p in params.items()}
lr = 0.1
with torch.no_grad():
    for p in params.values():
        if p.grad is not None:
            p -= lr * p.grad
for name, p in params.items():
    print(f"{name:>12}: 업데이트로 바뀌었는가: {not torch.equal(p, before[name])}")
assert torch.equal(first.weight, before["first.weight"])
assert not torch.equal(head.weight, before["head.weight"])

# %%
# 이번에는 원인을 없애 보겠습니다. ``requires_grad_(True)``\ 로 첫 레이어의 고정을
# 풀면, 같은 순전파와 역전파에서 첫 레이어도 기울기를 받습니다.
for p in params.values():
    p.grad = None
first.weight.requires_grad_(True)
first.bias.requires_grad_(True)
loss = ((head(first(inputs)) - targets) ** 2).mean()
loss.backward()
print(f"first.weight.grad가 None인가: {first.weight.grad is None}")

# %%
# 고정은 기울기 차단이 아닙니다. 고정한 텐서는 자기 ``.grad``\ 를 받지 않을 뿐,
# 그 텐서를 쓰는 연산을 *거쳐서* 기울기는 계속 흐릅니다. 이번에는 마지막 레이어를
# 고정하고 첫 레이어만 학습시켜 보겠습니다. 기울기가 고정된 마지막 레이어를 지나
# ``first.weight``\ 까지 흘러갑니다.
for p in params.values():
    p.grad = None
head.weight.requires_grad_(False)
head.bias.requires_grad_(False)
loss = ((head(first(inputs)) - targets) ** 2).mean()
loss.backward()
print(f"head.weight.grad: {head.weight.grad}")
print(f"first.weight.grad가 None인가: {first.weight.grad is None}")
assert head.weight.grad is None and first.weight.grad is not None

# %%
# ``no_grad``\ 와 나란히 보는 ``inference_mode``
# ----------------------------------------------
# ``torch.inference_mode()``\ 는 더 엄격한 ``torch.no_grad()``\ 입니다. 둘 중 어느
# 쪽 안에서든 아무것도 기록되지 않습니다. 결과는 기울기가 필요 없고 ``grad_fn``\ 도
# 없습니다. 차이는 그 뒤에 드러납니다. ``inference_mode`` 안에서 만든 결과는
# *추론 텐서(inference tensor)*\ 이며, ``is_inference()``\ 로 확인할 수 있습니다.
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    by_no_grad = w * 2
with torch.inference_mode():
    by_inference = w * 2
for name, t in [("no_grad", by_no_grad), ("inference_mode", by_inference)]:
    print(
        f"{name:>14}: requires_grad={t.requires_grad}, grad_fn={t.grad_fn}, "
        f"is_inference={t.is_inference()}"
    )

# %%
# ``no_grad``\ 로 만든 결과는 일반 텐서입니다. 나중에 기록되는 계산에 들어가도 되고,
# 자동 미분은 이를 상수로 취급합니다. :math:`\sum_i c_i w_i`\ 를 :math:`w`\ 로 미분하면
# :math:`c`\ 입니다.
loss = (by_no_grad * w).sum()
loss.backward()
print(f"w.grad: {w.grad}, by_no_grad: {by_no_grad}")
assert torch.allclose(w.grad, by_no_grad)

# %%
# 추론 텐서는 역전파를 위해 *저장*\ 될 수 없습니다. 곱셈은 입력을 저장해야 하므로,
# ``backward()``\ 를 부르기도 전에 곱셈을 실행하는 순간 오류가 납니다.
w.grad = None
try:
    loss = (by_inference * w).sum()
except RuntimeError as error:
    print_error(error, sentences=2)

# %%
# 덧셈처럼 텐서를 저장하지 않는 연산은 추론 텐서를 받아 줍니다. 반면
# ``inference_mode`` 밖에서 추론 텐서를 제자리에서 바꾸는 것은 거부됩니다.
# ``clone()``\ 은 어디에나 쓸 수 있는 일반 텐서를 돌려줍니다.
(by_inference + w).sum().backward()
print(f"덧셈은 동작: w.grad = {w.grad}")
try:
    by_inference.add_(1)
except RuntimeError as error:
    print_error(error)
ordinary = by_inference.clone()
w.grad = None
(ordinary * w).sum().backward()
print(f"clone: is_inference={ordinary.is_inference()}, w.grad = {w.grad}")

# %%
# 이 차이는 :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 의 업데이트에서
# 드러납니다. 글 :ref:`post-basics-autograd`\ 처럼 ``x = x - lr * x.grad``\ 로 쓰면
# 새 ``x``\ 가 만들어집니다. ``inference_mode`` 안에서는 이 새 ``x``\ 가 추론 텐서가
# 되어, 다음 반복의 ``requires_grad_(True)``\ 가 거부됩니다. ``no_grad`` 안에서는 그
# 페이지에서 본 것처럼 같은 코드가 동작합니다.
x = torch.tensor([1.0, 2.0], requires_grad=True)
(x**2).sum().backward()
with torch.inference_mode():
    x = x - 0.1 * x.grad
print(f"x.is_inference(): {x.is_inference()}")
try:
    x.requires_grad_(True)
except RuntimeError as error:
    print_error(error)

# %%
# 이런 제약을 받는 대신 ``inference_mode``\ 는 자동 미분의 관리 작업을 덜 합니다.
# 아래 링크한 문서는 그 절약 가운데 하나로, 제자리 연산 절에서 본 버전 카운터를
# 올리지 않는 것을 꼽습니다. 추론 텐서에는 버전 카운터가 아예 없습니다.
try:
    by_inference._version
except RuntimeError as error:
    print_error(error)

# %%
# 정리하면, 학습된 모델로 예측값을 계산하는 것처럼 결과가 다시 자동 미분 계산에 쓰이지
# 않는 코드에는 ``inference_mode``\ 를, 결과를 나중에 자동 미분 계산에 쓸 수 있는 곳에는
# ``no_grad``\ 를 씁니다. 위에서 본 파라미터 업데이트가 그런 예입니다.
#
# 같은 그래프에서 두 번째 ``backward()``
# --------------------------------------
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`\ 에서 본 것처럼
# ``backward()``\ 는 그래프가 저장한 값을 해제합니다. 두 손실이 그래프의 일부를 함께
# 쓸 때 이 점이 문제가 됩니다. 아래 두 손실은 모두 ``h = exp(x)``\ 를 쓰는데, 첫
# ``backward()``\ 가 ``exp``\ 의 저장된 결과를 해제하므로 두 번째 호출은 실패합니다.
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
h = x.exp()
loss_a = h.sum()
loss_b = (h**2).sum()
loss_a.backward()
try:
    loss_b.backward()
except RuntimeError as error:
    print_error(error, sentences=3)

# %%
# 첫 호출에 ``retain_graph=True``\ 를 주면 저장된 값이 두 번째 호출까지 남습니다.
# 기울기는 ``x.grad``\ 에 더해지고, 결과는 두 손실의 합으로 ``backward()``\ 를 한 번
# 호출한 것과 같습니다. 보통은 이렇게 합을 구해 한 번에 호출합니다.
x.grad = None
h = x.exp()
loss_a = h.sum()
loss_b = (h**2).sum()
loss_a.backward(retain_graph=True)
loss_b.backward()
separate = x.grad
x.grad = None
h = x.exp()
(h.sum() + (h**2).sum()).backward()
print(f"backward() 두 번: {separate}")
print(f"합에 대한 backward() 한 번: {x.grad}")
assert torch.allclose(separate, x.grad)

# %%
# 새 순전파마다 누적되는 기울기
# -----------------------------
# 글 :ref:`post-autograd-easy`\ 는 *같은 그래프에서* ``backward()``\ 를 여러 번
# 호출하면 기울기가 누적된다고 주의를 줍니다.
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`\ 에서 이 설명을
# 바로잡았고, 위 셀들도 같은 결과를 보여 줍니다. 같은 그래프에서 두 번째 호출은
# ``retain_graph=True``\ 를 주지 않았다면 대개 실패합니다(주었다면 누적됩니다). 평소
# 코드에서 기울기가 누적되는 것은 순전파를 새로 할 때마다 ``backward()``\ 를 한 번씩
# 부를 때입니다. 이때는 아무 오류도 나지 않고 ``.grad``\ 에 기울기가 계속 더해집니다.
# :math:`\text{loss} = \sum_i x_i^2`\ 이면 순전파와 역전파를 한 번 할 때마다
# :math:`2x`\ 가 더해집니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
for step in range(3):
    loss = (x**2).sum()
    loss.backward()
    print(f"{step + 1}번째: x.grad = {x.grad}")
assert torch.allclose(x.grad, 3 * 2 * x)

# %%
# 해결책은 역전파를 하기 전에 매번 ``.grad``\ 를 지우는 것입니다.
# ``x.grad = None``\ 을 쓰거나, 옵티마이저에 등록된 모든 파라미터라면
# ``optimizer.zero_grad()``\ 를 씁니다
# (:ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py` 참고). 이제 매번
# 손실 하나의 기울기만 남습니다.
for step in range(3):
    x.grad = None
    loss = (x**2).sum()
    loss.backward()
    print(f"{step + 1}번째: x.grad = {x.grad}")
assert torch.allclose(x.grad, 2 * x)

# %%
# 실패하지 않는 두 번째 ``backward()`` (선택)
# -------------------------------------------
# 이 절은 처음 읽을 때 건너뛰어도 됩니다. 뒤의 내용은 이 절을 몰라도 읽을 수
# 있습니다. 같은 그래프에서 두 번째 ``backward()``\ 가 실패하는지는 그래프가 텐서를
# 저장했는지에 달려 있습니다. 글 :ref:`post-differentiable`\ 은 두 벡터를 더하는
# :math:`z = x + y`\ 를 다룹니다. 덧셈의 도함수에는 값이 필요 없으므로 그래프는 텐서를
# 하나도 저장하지 않고, 두 번째 호출도 오류 없이 실행되어 ``.grad``\ 에 한 번 더
# 더해집니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
total = (x + y).sum()
total.backward()
total.backward()
print(f"한 그래프에서 두 번 호출한 뒤 x.grad: {x.grad}")
assert torch.allclose(x.grad, torch.full_like(x, 2.0))

# %%
# 이번에는 원인을 없애 보겠습니다. 곱 :math:`x y`\ 는 도함수를 구할 때 두 값이 모두
# 필요하므로 그래프가 둘을 저장하고, 두 번째 호출은 실패합니다.
product = (x * y).sum()
product.backward()
try:
    product.backward()
except RuntimeError as error:
    print_error(error)

# %%
# 연산마다 무엇을 저장하는지 알지 못하면 코드만 보고는 어느 쪽인지 알 수 없습니다.
# 그러니 어느 쪽에도 기대지 말고, 출력을 다시 계산하거나 ``retain_graph=True``\ 를
# 일부러 지정합니다.
#
# 정리
# ----
# - ``.grad``\ 가 남는 것은 리프 텐서뿐입니다. 중간 결과의 기울기는
#   ``retain_grad()``\ 로 남길 수 있습니다.
# - 식 안의 ``detach()``\ 는 기울기 차단입니다. 떼어 낸 쪽은 상수로 취급됩니다
#   (``x * x.detach()``\ 의 기울기는 ``2x``\ 가 아니라 ``x``\ 입니다).
# - 그래프가 저장한 텐서(``exp``\ 가 저장하는 결과나 ``h**2``\ 가 저장하는 입력)를
#   제자리에서 바꾸면 ``backward()``\ 가 실패하며, 버전 카운터가 이를 잡아냅니다.
#   ``clone()``\ 이나 제자리가 아닌 연산으로 피할 수 있습니다. 기울기가 필요한 리프
#   텐서는 ``no_grad`` 밖에서 제자리 변경을 거부합니다.
# - ``requires_grad_(False)``\ 는 텐서를 고정합니다. ``.grad``\ 가 생기지 않고
#   업데이트로 바뀌지도 않지만, 기울기는 그 텐서를 거쳐 앞쪽 레이어로 계속 흐릅니다.
# - ``inference_mode``\ 와 ``no_grad``\ 는 둘 다 아무것도 기록하지 않습니다. 추론
#   텐서는 나중에 역전파용으로 저장될 수 없지만, ``no_grad``\ 의 결과는 저장될 수
#   있습니다. ``x = x - lr * x.grad`` 같은 업데이트는 ``no_grad`` 안에서 합니다.
# - 같은 그래프에서 두 번째 ``backward()``\ 는 대개 실패합니다(``retain_graph=True``\ 로
#   그래프를 남길 수 있습니다). 순전파와 역전파를 다시 하면 오류 없이 ``.grad``\ 에
#   더해지므로, ``x.grad = None``\ 이나 ``optimizer.zero_grad()``\ 로 지웁니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`
#
# PyTorch 문서:
# `torch.Tensor.retain_grad <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.retain_grad.html>`_,
# `torch.Tensor.detach <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.detach.html>`_,
# `torch.Tensor.clone <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.clone.html>`_,
# `torch.Tensor.data_ptr <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.data_ptr.html>`_,
# `torch.Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.nn.Linear <https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html>`_,
# `torch.no_grad <https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html>`_,
# `torch.inference_mode <https://docs.pytorch.org/docs/stable/generated/torch.inference_mode.html>`_,
# `torch.Tensor.is_inference <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.is_inference.html>`_,
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `Autograd mechanics: saved tensors <https://docs.pytorch.org/docs/stable/notes/autograd.html#saved-tensors>`_

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** ``x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)``\ 에
#    대해 ``(x * x * x.detach()).sum().backward()``\ 를 실행하면 ``x.grad``\ 는
#    무엇일까요? :math:`x^3`\ 의 도함수 :math:`3x^2`\ 일까요?
# 2. **예측한 뒤 실행하기.** 아래 코드의 ``backward()``\ 는 성공할까요?
#
#    .. code-block:: python
#
#       x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
#       h = x * 2
#       product = h * x
#       h.add_(1)
#       product.sum().backward()
#
# 3. **하나만 바꾸고 설명하기.** ``retain_grad()`` 절의 코드에서 ``h.retain_grad()``\ 를
#    ``y.backward()`` *뒤로* 옮기면 ``h.grad``\ 는 무엇일까요?
# 4. **하나만 바꾸고 설명하기.** 파라미터 고정하기 절의 마지막 실험은 마지막 레이어를
#    고정했고, 첫 레이어만 기울기를 받았습니다. 이번에는 아무것도 고정하지 않고 마지막
#    레이어에 ``first(inputs)`` 대신 ``first(inputs).detach()``\ 를 넣습니다. 네
#    파라미터 가운데 어느 것에 ``.grad``\ 가 생길까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``x.detach()``\ 는 값이 :math:`x`\ 와 같은 상수 :math:`c`\ 로 취급되므로 식은
# :math:`c x^2`\ 이고, 기울기는 :math:`2xc = 2x^2`\ 입니다. 떼어 내지 않은
# ``x * x * x``\ 에서만 :math:`3x^2`\ 가 나옵니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(x * x * x.detach()).sum().backward()
grad_one_detached = x.grad
x.grad = None
(x * x * x).sum().backward()
grad_cube = x.grad
print(f"x * x * x.detach()의 기울기: {grad_one_detached}  (2x² = {2 * x.detach() ** 2})")
print(f"x * x * x의 기울기:          {grad_cube}  (3x² = {3 * x.detach() ** 2})")
assert torch.allclose(grad_one_detached, 2 * x**2)
assert torch.allclose(grad_cube, 3 * x**2)

# %%
# 풀이 2
# ^^^^^^
# 실패합니다. :math:`\partial (h x) / \partial x = h`\ 이므로 곱셈은 ``h``\ 를
# 저장하고, 그 뒤의 ``h.add_(1)``\ 이 ``h``\ 의 버전을 올립니다. 원인을 없애
# ``h.add_(1)``\ 을 곱셈 앞으로 옮기면 곱셈이 바뀐 ``h``\ 를 저장하므로
# ``backward()``\ 가 동작합니다. 이때 :math:`h = 2x + 1`\ 이므로 기울기는
# :math:`4x + 1`\ 입니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = x * 2
product = h * x
print(f"h * x가 h를 저장했는가: {product.grad_fn._saved_self.data_ptr() == h.data_ptr()}")
h.add_(1)
try:
    product.sum().backward()
except RuntimeError as error:
    print_error(error)
else:
    raise AssertionError("backward() should fail: h changed after h * x saved it")
h = x * 2
h.add_(1)
product = h * x
product.sum().backward()
print(f"h.add_(1)을 곱셈 앞으로 옮기면 x.grad: {x.grad}  (4x + 1 = {4 * x.detach() + 1})")
assert torch.allclose(x.grad, 4 * x + 1)

# %%
# 풀이 3
# ^^^^^^
# ``h.grad``\ 는 ``None``\ 입니다. ``retain_grad()``\ 는 앞으로 할 역전파에서 기울기를
# 남겨 두라는 요청일 뿐이라, 이미 끝난 ``backward()``\ 에서 ``h``\ 를 지나간 기울기는
# 되살리지 못합니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = 2 * x
y = (h**2).sum()
y.backward()
h.retain_grad()
print(f"h.retains_grad: {h.retains_grad}, h.grad: {h.grad}")
assert h.retains_grad and h.grad is None

# %%
# 풀이 4
# ^^^^^^
# 마지막 레이어만 ``.grad``\ 를 받습니다. 마지막 레이어를 고정했을 때와 정반대입니다.
# ``detach()``\ 는 ``first(inputs)``\ 를 상수로 만드는 기울기 차단이므로, 기울기가
# 마지막 레이어에서 멈추고 첫 레이어까지 가지 않습니다.
for p in params.values():
    p.grad = None
head.weight.requires_grad_(True)
head.bias.requires_grad_(True)
loss = ((head(first(inputs).detach()) - targets) ** 2).mean()
loss.backward()
for name, p in params.items():
    print(f"{name:>12}: requires_grad={p.requires_grad}, .grad가 None인가: {p.grad is None}")
assert all(p.requires_grad for p in params.values())
assert first.weight.grad is None and first.bias.grad is None
assert head.weight.grad is not None and head.bias.grad is not None
