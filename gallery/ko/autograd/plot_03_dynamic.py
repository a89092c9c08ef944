r"""
동적 계산 그래프
================

PyTorch는 파이썬 코드가 실행되는 동안 계산 그래프를 만듭니다. 그래서 ``if``\ 나 반복문이
무엇이 기록될지를 정합니다. 이 페이지에서는 글 :ref:`post-concepts`\ 의
``dynamic_graph_example`` 함수를 양수 입력과 음수 입력으로 각각 실행하고, 두
기울기(gradient)를 손으로 확인한 뒤, 호출마다 기록된 그래프를 그려 봅니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다. ``branch_gradient``\ 는 이 페이지 예제의 기울기를 손으로
# 유도해 패키지에 넣어 둔 함수로, 테스트를 거쳤습니다. ``trace_graph``\ 와
# ``draw_graph``\ 는 기록된 그래프를 그립니다.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.autograd import branch_gradient
from pytorch_basics.graph import draw_graph, trace_graph
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# 정적 그래프와 동적 그래프
# -------------------------
# 글 :ref:`post-concepts`\ 는 두 가지 방식을 비교합니다. *정적* 계산 그래프에서는
# 모델의 구조를 먼저 정의하고, 그다음에 입력이 그 구조를 통과합니다. PyTorch가 택한
# *동적* 계산 그래프(dynamic computational graph)에서는 코드가 실행되는 동안 그래프가
# 만들어지고 바뀔 수도 있습니다. 글은 그 장점을 이렇게 꼽습니다. 조건문이나 반복문 같은
# 제어 흐름을 그대로 쓸 수 있고, 평소 쓰던 파이썬 디버깅 도구로 연산을 따라갈 수 있으며,
# 실험하면서 모델 구조를 쉽게 바꿀 수 있습니다. 이 페이지에서는 첫 번째 장점을 직접
# 확인합니다. 글의 예제는 ``x``\ 의 값에 따라 분기합니다.
def dynamic_graph_example(x):
    if x > 0:  # noqa: SIM108 (글의 if-else를 그대로 둡니다)
        y = x**2
    else:
        y = x**3
    return y


# %%
# 양수 입력
# ---------
# :math:`x > 0`\ 이면 함수는 :math:`y = x^2`\ 을 계산하므로 :math:`dy/dx = 2x`\ 이고,
# 글에 적힌 대로 :math:`x = 2`\ 에서 4입니다.
x_positive = torch.tensor(2.0, requires_grad=True)
y_positive = dynamic_graph_example(x_positive)
y_positive.backward()
print(
    f"x = {x_positive.item():.1f}: y = {y_positive.item():.1f}, dy/dx = {x_positive.grad.item():.1f}"
)

# %%
# 자동 미분(automatic differentiation)이 구한 값은 식 :math:`2x`\ 와도,
# ``branch_gradient``\ 와도 일치합니다.
print(f"2x와 같은가: {torch.allclose(x_positive.grad, 2 * x_positive)}")
print(
    f"branch_gradient(x)와 같은가: {torch.allclose(x_positive.grad, branch_gradient(x_positive))}"
)

# %%
# 음수 입력
# ---------
# :math:`x \le 0`\ 이면 다른 분기가 실행됩니다. :math:`y = x^3`\ 이고
# :math:`dy/dx = 3x^2`\ 이므로 :math:`x = -2`\ 에서 12입니다. 같은 함수라도 다른 값으로
# 호출하면 다른 식을 미분하게 됩니다.
x_negative = torch.tensor(-2.0, requires_grad=True)
y_negative = dynamic_graph_example(x_negative)
y_negative.backward()
print(
    f"x = {x_negative.item():.1f}: y = {y_negative.item():.1f}, dy/dx = {x_negative.grad.item():.1f}"
)
print(f"3x^2과 같은가: {torch.allclose(x_negative.grad, 3 * x_negative**2)}")
print(
    f"branch_gradient(x)와 같은가: {torch.allclose(x_negative.grad, branch_gradient(x_negative))}"
)

# %%
# 호출마다 새 그래프
# ------------------
# 호출할 때마다 그래프가 따로 기록되었고, 그 안에 ``if``\ 는 없습니다. 실제로 실행된
# 연산만 들어 있습니다. 두 결과의 ``grad_fn``\ 은 모두 ``**``\ 의 역전파 함수인
# ``PowBackward0``\ 이지만, 각 노드는 자신이 기록된 호출의 지수를 저장해 두었습니다(자동
# 미분은 노드가 저장한 값을 ``_saved_``\ 로 시작하는 속성으로 보여 줍니다).
for y in [y_positive, y_negative]:
    print(f"{type(y.grad_fn).__name__}: 지수 {y.grad_fn._saved_exponent}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(6, 3))
positive_graph = trace_graph(y_positive, names={"x": x_positive, "y": y_positive})
negative_graph = trace_graph(y_negative, names={"x": x_negative, "y": y_negative})
draw_graph(
    axes[0],
    positive_graph,
    title=f"x = {x_positive.item():.0f}: y = x ** {y_positive.grad_fn._saved_exponent}",
)
draw_graph(
    axes[1],
    negative_graph,
    title=f"x = {x_negative.item():.0f}: y = x ** {y_negative.grad_fn._saved_exponent}",
)
fig.suptitle("같은 함수를 두 번 호출해 기록된 두 그래프")
describe_figure(
    fig,
    "dynamic_graph_example을 두 번 호출해 기록된 그래프 두 개를 나란히 그린 그림입니다. "
    f"왼쪽(x = {x_positive.item():.0f})과 오른쪽(x = {x_negative.item():.0f}) 모두 y에서 "
    "PowBackward0을 거쳐 리프 x로 이어지는 같은 모양입니다. 다른 것은 노드에 저장된 "
    "지수뿐이며, 제목에 적힌 대로 왼쪽은 y = x ** "
    f"{y_positive.grad_fn._saved_exponent}, 오른쪽은 y = x ** "
    f"{y_negative.grad_fn._saved_exponent}입니다. 어느 그래프에도 if나 실행되지 않은 분기는 "
    "없습니다.",
)
plt.show()


# %%
# 그림은 기록된 두 그래프를 나란히 보여 줍니다. 각 제목의 지수는 해당
# ``PowBackward0`` 노드에서 읽어 온 값입니다. 두 그래프는 모양이 같지만 저장된 값이
# 다른 별개의 객체이고, 어느 쪽에도 실행되지 않은 분기는 들어 있지 않습니다.
#
# 입력이 정하는 반복문
# --------------------
# 반복문도 마찬가지입니다. 아래 함수는 결과가 10 이상이 될 때까지 입력을 두 배로
# 늘리므로, 곱셈을 몇 번 할지가 ``x``\ 의 값에 달려 있습니다. 2를 한 번 곱할 때마다
# 도함수도 2배가 되므로, :math:`n`\ 번 두 배로 늘리면 :math:`dy/dx = 2^n`\ 입니다.
def double_until_ten(x):
    y = x
    while 0 < y < 10:  # x <= 0이면 바로 멈춥니다
        y = y * 2
    return y


# %%
# 입력이 다르면 반복 횟수도 다릅니다. 기록된 그래프마다 ``MulBackward0`` 노드를 세고,
# 기울기를 :math:`2^n`\ 과 비교합니다.
x_short = torch.tensor(3.0, requires_grad=True)
x_long = torch.tensor(0.3, requires_grad=True)
y_short, y_long = double_until_ten(x_short), double_until_ten(x_long)
short_graph = trace_graph(y_short, names={"x": x_short, "y": y_short})
long_graph = trace_graph(y_long, names={"x": x_long, "y": y_long})
y_short.backward()
y_long.backward()
for x, graph in [(x_short, short_graph), (x_long, long_graph)]:
    doublings = sum(node.label == "MulBackward0" for node in graph.nodes)
    print(
        f"x = {x.item():.1f}: 두 배 {doublings}번, dy/dx = {x.grad.item():.1f}, "
        f"2 ** {doublings}인가: {torch.allclose(x.grad, torch.tensor(2.0**doublings))}"
    )

# %%
fig, axes = plt.subplots(1, 2, figsize=(6, 4.5), sharey=True)
draw_graph(axes[0], short_graph, title=f"x = {x_short.item():.1f}")
draw_graph(axes[1], long_graph, title=f"x = {x_long.item():.1f}")
fig.suptitle("반복 횟수가 다르면 기록된 그래프도 다릅니다")
describe_figure(
    fig,
    "double_until_ten을 두 입력으로 호출해 기록된 그래프 두 개를 나란히 그린 그림입니다. "
    f"y와 리프 x 사이에 MulBackward0 노드가 왼쪽(x = {x_short.item():.1f})에는 "
    f"{sum(node.label == 'MulBackward0' for node in short_graph.nodes)}개, "
    f"오른쪽(x = {x_long.item():.1f})에는 "
    f"{sum(node.label == 'MulBackward0' for node in long_graph.nodes)}개 한 줄로 이어져, "
    "반복문을 더 여러 번 돈 작은 입력의 그래프가 더 깁니다.",
)
plt.show()

# %%
# 그림에서 보듯이 반복문을 한 번 돌 때마다 ``MulBackward0`` 노드가 하나씩 생기므로, 더
# 작은 입력의 그래프가 더 깁니다. 미리 선언해 둔 것은 아무것도 없습니다. 그래프는 이번
# 호출에서 파이썬 코드가 실제로 한 일을 그대로 담습니다.
#
# 정리
# ----
# - PyTorch는 코드가 실행되는 동안, 호출할 때마다 새로 그래프를 기록합니다(*동적* 계산
#   그래프). 파이썬의 ``if``\ 와 반복문이 어떤 연산이 기록될지를 정하며, 제어 흐름
#   자체는 그래프에 들어가지 않습니다.
# - ``dynamic_graph_example``\ 의 기울기는 :math:`x > 0`\ 이면 :math:`2x`\ (2에서 4.0),
#   아니면 :math:`3x^2`\ (-2에서 12.0)이며, 출력된 확인 결과가 이를 보여 줍니다.
# - 기록된 각 노드는 ``backward()``\ 에 필요한 값을 자기 호출에서 가져와 저장해
#   둡니다. ``PowBackward0``\ 의 지수가 그 예입니다.
#
# API 문서:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `Autograd mechanics (saved tensors) <https://docs.pytorch.org/docs/stable/notes/autograd.html#saved-tensors>`_,
# `torch.autograd <https://docs.pytorch.org/docs/stable/autograd.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`\ 에서는
# 요소가 여럿인 결과에서 ``backward()``\ 를 호출합니다.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** ``double_until_ten``\ 에
#    ``torch.tensor(10.0, requires_grad=True)``\ 를 넣으면 두 배로 몇 번 늘릴까요? 결과의
#    ``grad_fn``\ 과 :math:`dy/dx`\ 는 무엇일까요?
# 2. **하나만 바꾸고 설명하기.** ``dynamic_graph_example``\ 에 숫자 하나 대신 벡터
#    ``torch.tensor([2.0, -2.0], requires_grad=True)``\ 를 넣으면 어떻게 될까요?
# 3. **직접 작성하기.** 2번의 벡터에서도 동작하도록, ``if`` 대신 마스크 ``x > 0``\ 과
#    ``torch.where``\ 로 요소마다 :math:`x^2`\ 과 :math:`x^3` 가운데 하나를 고르는 함수를
#    작성하세요. ``x.grad``\ 는 요소마다 ``branch_gradient``\ 와 같아야 합니다. 이번에는
#    기록된 그래프에 어떤 분기가 들어 있을까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 한 번도 늘리지 않습니다. 조건 ``0 < y < 10``\ 이 처음부터 거짓이라 곱셈이 실행되지
# 않고, 함수는 받은 ``x``\ 를 그대로 돌려줍니다. 기록된 연산이 없으므로 결과는 ``x``
# 자신, 곧 ``grad_fn``\ 이 ``None``\ 인 리프 텐서이고, 기울기는 :math:`2^0 = 1`\ 입니다.
x_ten = torch.tensor(10.0, requires_grad=True)
y_ten = double_until_ten(x_ten)
print(f"y is x: {y_ten is x_ten}, y.grad_fn: {y_ten.grad_fn}")
y_ten.backward()
print(f"dy/dx = {x_ten.grad.item():.1f}")
assert y_ten is x_ten and y_ten.grad_fn is None and x_ten.grad.item() == 2.0**0

# %%
# 풀이 2
# ^^^^^^
# ``RuntimeError``\ 가 납니다. ``if``\ 에는 참이나 거짓 하나가 필요한데, ``x > 0``\ 은
# 요소마다 하나씩 ``True``\ 와 ``False``\ 를 담은 ``bool`` 텐서라서 하나로 정할 수
# 없습니다. 요소가 하나뿐이면 정할 수 있으므로 위의 호출들은 동작했습니다.
x_vector = torch.tensor([2.0, -2.0], requires_grad=True)
print(f"x > 0: {x_vector > 0}")
try:
    dynamic_graph_example(x_vector)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("if on a tensor with two elements should fail")


# %%
# 풀이 3
# ^^^^^^
# ``torch.where``\ 는 마스크가 ``True``\ 인 요소는 첫 번째 결과에서, ``False``\ 인 요소는
# 두 번째 결과에서 가져옵니다. ``if``\ 와 달리 두 분기를 모두 계산하므로, 그래프에는
# 지수 2와 지수 3의 ``PowBackward0``\ 이 둘 다 기록됩니다. 그래도 고르지 않은 값은
# 결과에 쓰이지 않으므로 ``x.grad``\ 는 요소마다 ``branch_gradient``\ 와 같습니다.
def where_example(x):
    return torch.where(x > 0, x**2, x**3)


y_vector = where_example(x_vector)
exponents = [f._saved_exponent for f, _ in y_vector.grad_fn.next_functions]
print(f"{type(y_vector.grad_fn).__name__}의 다음 노드에 저장된 지수: {exponents}")
y_vector.sum().backward()
expected = torch.stack([branch_gradient(value) for value in x_vector])
print(f"y = {y_vector}")
print(f"x.grad = {x_vector.grad}, branch_gradient: {expected}")
assert sorted(exponents) == [2, 3] and torch.allclose(x_vector.grad, expected)
