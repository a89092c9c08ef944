r"""
사용자 정의 손실 함수
=====================

PyTorch에서는 손실 함수(loss function)도 평범한 ``nn.Module``\ 일 뿐입니다. 예측값과
정답을 받아, 자동 미분(autograd)으로 기울기(gradient)를 구할 수 있는 숫자를 돌려줍니다. 이
페이지에서는 글 :ref:`post-differentiable`\ 의 ``CustomLoss``, 곧 절댓값 오차의 합을 직접
작성합니다. 이 손실이 값과 기울기 모두 ``nn.L1Loss(reduction="sum")``\ 과 같은지 확인한
뒤, 이런 손실을 왜 쓰는지 보여 줍니다. 이상치(outlier)가 섞인 데이터로 학습하면, 평균 제곱
오차가 놓치는 직선을 이 손실은 찾아냅니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. ``pytorch_basics.losses``\ 에는 이 페이지의 손실을 구현하고 테스트까지
# 해 둔 버전이 있습니다. 이 버전에 더한 두 가지 기능은 마지막에 살펴봅니다.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

from pytorch_basics import losses
from pytorch_basics.models import SimpleModel
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# 손실도 모듈입니다
# -----------------
# 글 :ref:`post-differentiable`\ 은 모델을 만들 때와 똑같이 ``nn.Module``\ 을 상속합니다.
# ``forward``\ 는 예측값과 정답을 받아 절댓값 오차의 합
# :math:`\sum_i |\hat{y}_i - y_i|`\ 를 돌려줍니다.
class CustomLoss(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, y_pred, y_true):
        loss = torch.abs(y_pred - y_true).sum()
        return loss


# %%
# 쓰는 법은 내장 손실과 똑같습니다. 한 번 만들어 두고, 모델의 출력과 정답을 넣어 호출합니다.
# 결과에 ``grad_fn=<SumBackward0>`` 표시가 붙어 있으므로, 여기서부터 ``backward()``\ 를
# 호출할 수 있습니다. (글에서는 0.7624가 출력되었습니다. 이 값은 모델의 무작위 시작
# 가중치에 따라 달라집니다.)
model = SimpleModel()
criterion = CustomLoss()
x = torch.tensor([[1.0, 2.0]])
y_true = torch.tensor([[2.5]])
output = model(x)
loss = criterion(output, y_true)
print(loss)

# %%
# ``nn.L1Loss(reduction="sum")``\ 과 같습니다
# -------------------------------------------
# ``nn.L1Loss``\ 도 :math:`|\hat{y}_i - y_i|`\ 를 계산한 뒤, 기본값으로는 *평균*\ 을 냅니다.
# ``reduction="sum"``\ 을 주면 모두 더하는데, 바로 ``CustomLoss``\ 가 하는 일입니다.
# 형태(shape)가 ``(8, 3)``\ 인 무작위 예측값과 정답으로 둘을 비교합니다.
y_pred = torch.randn(8, 3)
target = torch.randn(8, 3)
ours = criterion(y_pred, target)
builtin = nn.L1Loss(reduction="sum")(y_pred, target)
print(f"CustomLoss: {ours.item():.4f}, nn.L1Loss(reduction='sum'): {builtin.item():.4f}")
print(f"같음: {torch.allclose(ours, builtin)}")

# %%
# 기울기도 같습니다
# -----------------
# :math:`|\hat{y}_i - y_i|`\ 를 :math:`\hat{y}_i`\ 로 미분하면 오차의 부호
# :math:`\operatorname{sign}(\hat{y}_i - y_i)`\ 가 됩니다. 모든 예측값이 같은 세기로 밀리고,
# 방향만 다릅니다. 자동 미분은 두 손실 모두에서 이 기울기를 구해 냅니다.
pred_ours = y_pred.clone().requires_grad_()
pred_builtin = y_pred.clone().requires_grad_()
criterion(pred_ours, target).backward()
nn.L1Loss(reduction="sum")(pred_builtin, target).backward()
print(f"nn.L1Loss와 같은 기울기: {torch.equal(pred_ours.grad, pred_builtin.grad)}")
is_sign = torch.equal(pred_ours.grad, torch.sign(y_pred - target))
print(f"기울기 == sign(y_pred - target): {is_sign}")

# %%
# 손실을 직접 만드는 이유: 이상치
# -------------------------------
# 무엇이 "잘 맞춘 것"인지는 손실이 정합니다. 점 30개가 직선 :math:`y = 2x + 1` 근처에
# 있고, 그중 세 개는 멀리 옮겨 놓은 이상치입니다. 제곱 오차는 거리의 제곱으로 커지므로 이
# 세 점의 비중이 큽니다. 반면 절댓값 오차는 거리에 비례해서 커질 뿐입니다.
xs = torch.linspace(-2, 2, 30).unsqueeze(1)
ys = 2 * xs + 1 + 0.2 * torch.randn(30, 1)
outliers = torch.tensor([3, 8, 26])
ys[outliers] += torch.tensor([[8.0], [10.0], [-9.0]])
print(f"이상치의 x 위치: {xs[outliers].flatten()}")

# %%
# 입력이 하나인 같은 선형 모델을 같은 출발점에서 두 번 학습시킵니다. 한 번은
# ``nn.MSELoss``\ 로, 한 번은 ``CustomLoss``\ 로, 각각 Adam으로 500걸음씩 학습합니다(Adam은
# 앞 페이지에서 본, 파라미터마다 걸음 크기를 따로 정하는 옵티마이저입니다).
start = nn.Linear(1, 1)


def train_on(loss_function, targets):
    line = copy.deepcopy(start)
    optimizer = torch.optim.Adam(line.parameters(), lr=0.05)
    for _ in range(500):
        optimizer.zero_grad()
        loss_function(line(xs), targets).backward()
        optimizer.step()
    return line


mse_line = train_on(nn.MSELoss(), ys)
l1_line = train_on(CustomLoss(), ys)
for name, line in (("MSELoss", mse_line), ("CustomLoss", l1_line)):
    print(f"{name}: 직선의 기울기 {line.weight.item():.4f}, 절편 {line.bias.item():.4f}")

# %%
# MSE로 맞춘 직선은 수렴한 상태입니다. 앞 페이지에서처럼 ``torch.linalg.lstsq``\ 로 바로
# 계산한 최소제곱 직선과 같습니다.
design = torch.cat([xs, torch.ones(30, 1)], dim=1)
least_squares = torch.linalg.lstsq(design, ys).solution.flatten()
fitted = torch.cat([mse_line.weight.detach().flatten(), mse_line.bias.detach()])
print(f"최소제곱 직선: 기울기 {least_squares[0]:.4f}, 절편 {least_squares[1]:.4f}")
print(f"MSE 직선 == 최소제곱 직선: {torch.allclose(fitted, least_squares, atol=1e-3)}")

# %%
# 참 직선은 기울기 2, 절편 1입니다. 그림에 데이터와 두 직선을 함께 그립니다.
keep = torch.ones(30, dtype=torch.bool)
keep[outliers] = False
with torch.no_grad():
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.scatter(xs[keep], ys[keep], s=15, color="#555555", label="데이터")
    ax.scatter(xs[outliers], ys[outliers], s=30, color="#d62728", label="이상치")
    ax.plot(xs, 2 * xs + 1, "k:", zorder=3, label="참 직선 y = 2x + 1")
    ax.plot(xs, mse_line(xs), color="#ff7f0e", label="MSELoss로 맞춘 직선")
    ax.plot(xs, l1_line(xs), color="#1f77b4", label="CustomLoss(L1)로 맞춘 직선")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("이상치 세 개: 제곱 오차와 절댓값 오차")
    ax.legend(fontsize=8)
    describe_figure(
        fig,
        "점 30개와 직선 세 개를 그린 산점도입니다. 대부분의 점은 점선으로 그린 참 직선 "
        "y = 2x + 1 근처에 있고, 빨간 이상치 세 개 가운데 왼쪽의 두 개는 직선보다 한참 위, 오른쪽의 "
        "한 개는 한참 아래에 있습니다. MSELoss로 맞춘 직선은 이상치에 끌려 기울기가 "
        f"{mse_line.weight.item():.2f}까지 완만해졌지만, CustomLoss(L1)로 맞춘 기울기 "
        f"{l1_line.weight.item():.2f}의 직선은 참 직선과 거의 겹칩니다.",
    )
    plt.show()

# %%
# 그림에서 MSE 직선은 빨간 점 세 개에 끌려 기울어졌지만, 절댓값 오차 직선은 나머지 점들을
# 따라갑니다. 점이 아무리 멀리 있어도 직선을 당기는 힘은 모두 같기 때문입니다.
#
# 정말 이것이 원인인지 두 가지로 확인합니다. 이상치 세 점을 참 직선 위로 되돌려 놓으면 두 손실
# 모두 참 직선에 가까운 거의 같은 직선을 찾습니다. 또 평균(MSE)과 합(``CustomLoss``)을
# 비교해도 공정합니다. 손실에 상수를 곱해도 Adam의 걸음은 달라지지 않으므로(기울기가
# Adam의 ``eps``\ 보다 훨씬 크기만 하면) 절댓값 오차의 평균도 합과 같은 직선을 줍니다.
clean_ys = ys.clone()
clean_ys[outliers] = 2 * xs[outliers] + 1
clean_mse = train_on(nn.MSELoss(), clean_ys)
clean_l1 = train_on(CustomLoss(), clean_ys)
mean_l1 = train_on(lambda y_pred, y_true: CustomLoss()(y_pred, y_true) / 30, ys)
print(f"이상치 없음, MSELoss: 직선의 기울기 {clean_mse.weight.item():.4f}")
print(f"이상치 없음, CustomLoss: 직선의 기울기 {clean_l1.weight.item():.4f}")
print(f"이상치 있음, CustomLoss / 30: 직선의 기울기 {mean_l1.weight.item():.4f}")
print(f"합으로 맞춘 직선과 같음: {torch.allclose(mean_l1.weight, l1_line.weight, atol=1e-4)}")

# %%
# 손실 함수를 고르면 오차마다 얼마의 대가를 매길지도 정해집니다. 원하는 바를 표현하는 내장
# 손실이 없으면 직접 만들면 되고, 기울기는 자동 미분이 구해 줍니다. (PyTorch의
# ``nn.HuberLoss``\ 는 0 근처에서는 제곱, 멀리서는 절댓값을 쓰는 내장 절충안입니다.)
#
# 패키지 버전: ``reduction``\ 과 형태 검사
# ----------------------------------------
# ``pytorch_basics.losses.CustomLoss``\ 에는 내장 손실들이 갖춘 기능을 더했습니다.
# ``reduction`` 인자(argument)는 글에서처럼 기본값이 ``"sum"``\ 이고, ``"mean"``\ 이나
# ``"none"``\ 도 줄 수 있습니다. 어느 값이든 같은 ``reduction``\ 을 준 ``nn.L1Loss``\ 와
# 결과가 같습니다.
for reduction in ("sum", "mean", "none"):
    checked = losses.CustomLoss(reduction=reduction)(y_pred, target)
    expected = nn.L1Loss(reduction=reduction)(y_pred, target)
    print(f"{reduction}: nn.L1Loss와 같음: {torch.allclose(checked, expected)}")

# %%
# 글의 버전과 달리 형태도 검사하는데, 이 검사가 중요합니다. 형태가 ``(4, 1)``\ 인 예측값에서 형태가
# ``(4,)``\ 인 정답을 빼면, 브로드캐스팅(broadcasting, 텐서 장에서 배운 형태 결합 규칙)
# 때문에 모든 쌍의 차를 담은 ``(4, 4)`` 표가 됩니다. 그러면 글의 버전은 차이 4개가 아니라
# 16개를 아무 오류 없이 더해 버립니다.
prediction = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
flat_target = torch.tensor([1.0, 2.0, 3.0, 4.0])
print(f"y_pred - y_true의 형태: {tuple((prediction - flat_target).shape)}")
print(f"글의 CustomLoss: {criterion(prediction, flat_target).item():.4f} (0이어야 함)")

# %%
# 패키지의 손실은 이런 입력을 거부하고, 오류 메시지에 두 형태를 모두 적어 줍니다. 알 수
# 없는 ``reduction`` 값은 손실을 만드는 시점에 거부합니다.
try:
    losses.CustomLoss()(prediction, flat_target)
except ValueError as error:
    print(f"ValueError: {error}")
try:
    losses.CustomLoss(reduction="average")
except ValueError as error:
    print(f"ValueError: {error}")

# %%
# 정리
# ----
# 사용자 정의 손실 함수는 ``forward``\ 가 숫자 하나를 돌려주는 ``nn.Module``\ 이고, 기울기는
# 자동 미분이 맡습니다. ``CustomLoss``\ 는 값과 기울기 모두 ``nn.L1Loss(reduction="sum")``\ 과
# 같습니다. 이상치가 섞인 데이터에서 MSE는 이상치 쪽으로 끌려가지만, 이 손실은 다수의 점을
# 따라갑니다. 다음 장에서는 지금까지 배운 것을 모두 모아, 실제 손글씨 숫자 데이터로 분류 모델을
# 처음부터 끝까지 학습시키고 평가하고 저장합니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`
#
# PyTorch 공식 문서: `nn.L1Loss <https://docs.pytorch.org/docs/stable/generated/torch.nn.L1Loss.html>`_,
# `nn.MSELoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.MSELoss.html>`_,
# `nn.HuberLoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html>`_,
# `torch.nn의 손실 함수 목록 <https://docs.pytorch.org/docs/stable/nn.html#loss-functions>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 형태가 ``(8, 3)``\ 인 ``y_pred``\ 와 ``target``\ 의 손실을
#    기본값이 ``reduction="mean"``\ 인 ``nn.L1Loss()``\ 로 구하고 ``backward()``\ 를
#    호출하면, 예측값의 기울기에는 어떤 값들이 들어 있을까요?
# 2. **하나만 바꾸고 설명하기.** ``train_on``\ 의 Adam을 학습률 0.01의 SGD로 바꾸고 100걸음
#    학습하면, 절댓값 오차의 합과 평균(합 / 30)이 여전히 같은 직선을 줄까요?
# 3. **하나만 바꾸고 설명하기.** ``train_on(CustomLoss(), ys)``\ 에서 정답을 형태가
#    ``(30,)``\ 인 ``ys.flatten()``\ 으로 바꾸면 어떤 직선이 나올까요? 직선의 출력은 형태가
#    ``(30, 1)``\ 입니다.
# 4. **직접 작성하기.** 제곱 오차의 합 :math:`\sum_i (\hat{y}_i - y_i)^2`\ 을 돌려주는 손실
#    ``SquaredLoss``\ 를 작성하세요. 값과 기울기가 ``nn.MSELoss(reduction="sum")``\ 과 같은지,
#    기울기가 :math:`2(\hat{y}_i - y_i)`\ 인지 확인하세요.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 평균은 합을 원소 개수 24로 나누므로, 기울기도 오차의 부호를 24로 나눈
# :math:`\pm 1/24 \approx \pm 0.0417`\ 입니다. 합을 쓰는 ``CustomLoss``\ 의 기울기보다 24배
# 작습니다.
pred_mean = y_pred.clone().requires_grad_()
nn.L1Loss()(pred_mean, target).backward()
print(f"첫 행의 기울기: {pred_mean.grad[0]}")
print(f"1 / 24 = {1 / 24:.4f}")
is_sign_over_24 = torch.allclose(pred_mean.grad, torch.sign(y_pred - target) / 24)
print(f"기울기 == sign(y_pred - target) / 24: {is_sign_over_24}")
assert is_sign_over_24

# %%
# 풀이 2
# ^^^^^^
# SGD의 걸음은 기울기에 비례하므로, 손실을 30으로 나누면 학습률을 30분의 1로 줄인 것과 같아서
# 같은 직선을 주지 않습니다. 100걸음 뒤에 합의 직선은 참 직선 가까이 왔지만 평균의 직선은 아직
# 멀리 떨어져 있고, 평균에 학습률 0.3을 주어야 합과 같은 직선이 나옵니다. 손실에 상수를 곱해도
# 걸음이 그대로인 것은 모든 옵티마이저가 아니라 Adam의 성질입니다.


# train_on과 같지만 Adam 대신 SGD로 100걸음 학습합니다
def train_with_sgd(loss_function, lr):
    line = copy.deepcopy(start)
    optimizer = torch.optim.SGD(line.parameters(), lr=lr)
    for _ in range(100):
        optimizer.zero_grad()
        loss_function(line(xs), ys).backward()
        optimizer.step()
    return line


def mean_absolute_error(y_pred, y_true):
    return CustomLoss()(y_pred, y_true) / 30


sum_sgd = train_with_sgd(CustomLoss(), lr=0.01)
mean_sgd = train_with_sgd(mean_absolute_error, lr=0.01)
mean_sgd_larger_lr = train_with_sgd(mean_absolute_error, lr=0.3)
print(f"출발점: 직선의 기울기 {start.weight.item():.4f}, 절편 {start.bias.item():.4f}")
print(f"합, lr=0.01: 직선의 기울기 {sum_sgd.weight.item():.4f}, 절편 {sum_sgd.bias.item():.4f}")
print(f"평균, lr=0.01: 직선의 기울기 {mean_sgd.weight.item():.4f}, 절편 {mean_sgd.bias.item():.4f}")
print(
    f"평균, lr=0.3: 직선의 기울기 {mean_sgd_larger_lr.weight.item():.4f}, "
    f"절편 {mean_sgd_larger_lr.bias.item():.4f}"
)
assert abs(sum_sgd.weight.item() - 2) < 0.05 and abs(mean_sgd.weight.item() - 2) > 1
assert torch.allclose(mean_sgd_larger_lr.weight, sum_sgd.weight, atol=1e-4)
assert torch.allclose(mean_sgd_larger_lr.bias, sum_sgd.bias, atol=1e-4)

# %%
# 풀이 3
# ^^^^^^
# 형태 ``(30, 1)``\ 과 ``(30,)``\ 이 브로드캐스팅되어 ``(30, 30)`` 표가 되므로, 예측값
# 하나하나가 정답 30개 모두와 비교됩니다. 예측값마다 아래에 정답이 15개, 위에 15개 있으면
# 어느 쪽으로 옮겨도 가까워지는 정답과 멀어지는 정답이 15개씩이라 손실의 기울기가 0이 됩니다.
# 그러려면 예측값 30개가 모두 크기순으로 15번째와 16번째인 두 정답 사이의 좁은 틈에 들어가야
# 하므로, 학습은 점들이 놓인 방향과 상관없이 거의 수평인 직선에서 멈춥니다.
flat_line = train_on(CustomLoss(), ys.flatten())
flat_predictions = flat_line(xs)
below = (ys.flatten() < flat_predictions).sum(dim=1)
print(f"y_pred - y_true의 형태: {tuple((flat_predictions - ys.flatten()).shape)}")
print(f"직선의 기울기 {flat_line.weight.item():.4f}, 절편 {flat_line.bias.item():.4f}")
print(f"예측값 30개의 범위: {flat_predictions.min():.4f} ~ {flat_predictions.max():.4f}")
print(f"예측값마다 그보다 작은 정답의 수: 가장 적을 때 {below.min()}, 가장 많을 때 {below.max()}")
CustomLoss()(flat_predictions, ys.flatten()).backward()
print(f"손실의 기울기: weight {flat_line.weight.grad.item():.4f}, bias {flat_line.bias.grad.item():.4f}")
assert abs(flat_line.weight.item()) < 0.01 and bool((below == 15).all())
assert flat_line.weight.grad.item() == 0 and flat_line.bias.grad.item() == 0


# %%
# 풀이 4
# ^^^^^^
# ``forward``\ 에 식을 그대로 적으면 기울기는 자동 미분이 구합니다.
# :math:`(\hat{y}_i - y_i)^2`\ 을 :math:`\hat{y}_i`\ 로 미분하면 :math:`2(\hat{y}_i - y_i)`\ 이므로,
# 절댓값 오차와 달리 정답에서 멀리 떨어진 예측값일수록 세게 밀립니다.
class SquaredLoss(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, y_pred, y_true):
        return ((y_pred - y_true) ** 2).sum()


pred_squared = y_pred.clone().requires_grad_()
pred_builtin_squared = y_pred.clone().requires_grad_()
squared = SquaredLoss()(pred_squared, target)
builtin_squared = nn.MSELoss(reduction="sum")(pred_builtin_squared, target)
squared.backward()
builtin_squared.backward()
print(f"SquaredLoss: {squared.item():.4f}, nn.MSELoss(reduction='sum'): {builtin_squared.item():.4f}")
same_gradient = torch.allclose(pred_squared.grad, pred_builtin_squared.grad)
is_twice_error = torch.allclose(pred_squared.grad, 2 * (y_pred - target))
print(f"nn.MSELoss와 같은 기울기: {same_gradient}")
print(f"기울기 == 2 * (y_pred - target): {is_twice_error}")
assert torch.allclose(squared, builtin_squared) and same_gradient and is_twice_error
