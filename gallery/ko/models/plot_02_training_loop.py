"""
학습: 반복문, SGD, 모멘텀, Adam
===============================

학습은 다섯 단계를 되풀이합니다. 기울기를 초기화하고, 모델을 실행하고, 손실을 계산하고,
역전파하고, 옵티마이저(optimizer)가 파라미터를 갱신합니다. 이 페이지에서는 원래 글의 반복문을
10 에포크 동안 돌리고, 옵티마이저의 한 걸음이 무엇을 하는지 확인한 다음, 작은 회귀 모델을
일반 SGD, 모멘텀을 더한 SGD, Adam으로 각각 수렴할 때까지 학습시켜 손실 곡선을 비교합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. ``SimpleModel``은 앞 페이지의 레이어 하나짜리 모델
# (``nn.Linear(2, 1)``)로, 사이트 패키지에서 가져옵니다.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

from pytorch_basics.models import SimpleModel
from pytorch_basics.plotting import use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 원래 글의 학습 반복문
# -------------------------
# 예제는 하나, :math:`x = [1, 2]`이고 정답은 5입니다. ``optim.SGD``는 모델의 파라미터와
# 학습률(learning rate) 0.01을 받고, ``nn.MSELoss``는 오차의 제곱을 잽니다. 에포크(epoch)마다
# ``zero_grad()``가 이전 기울기(gradient)를 지우고, 순전파가 예측하고, 손실이 비교하고,
# ``backward()``가 기울기를 계산하고, ``step()``이 갱신합니다.
model = SimpleModel()
x = torch.tensor([[1.0, 2.0]])
y_true = torch.tensor([[5.0]])
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()

for epoch in range(10):
    optimizer.zero_grad()  # 기울기 초기화
    y_pred = model(x)  # 순전파: 예측값
    loss = loss_fn(y_pred, y_true)  # 손실 계산
    loss.backward()  # 역전파: 기울기 계산
    optimizer.step()  # 가중치 갱신
    print(f"Epoch {epoch + 1}, Loss: {loss.item():.4f}")

# %%
# 손실은 에포크마다 줄어들고 예측값은 5에 다가갑니다. (한 에포크에서 출력한 손실은 그
# 에포크의 갱신 *전에* 계산한 값입니다.)
with torch.no_grad():
    print(f"10 에포크 뒤의 예측값: {model(x).item():.4f} (정답 {y_true.item():.1f})")

# %%
# step()이 하는 일
# ----------------
# 일반 SGD는 모든 파라미터를 기울기의 반대 방향으로, 학습률만큼 줄여서 옮깁니다:
# :math:`p \leftarrow p - \text{lr} \cdot \partial L / \partial p`. 한 번 더 반복한 뒤 새
# 파라미터를 이 공식을 손으로 적용한 값과 비교합니다.
before = [p.detach().clone() for p in model.parameters()]
optimizer.zero_grad()
loss_fn(model(x), y_true).backward()
optimizer.step()
for old, new in zip(before, model.parameters(), strict=True):
    print(f"p - lr * grad == 새 p: {torch.allclose(old - 0.01 * new.grad, new)}")

# %%
# 모멘텀
# ------
# 모멘텀(momentum) :math:`\mu`를 주면 PyTorch의 SGD는 "속도"
# :math:`v \leftarrow \mu v + g`를 계속 유지하며 :math:`p \leftarrow p - \text{lr} \cdot v`만큼
# 움직입니다. 그래서 같은 방향을 가리키는 걸음들이 쌓입니다. 원래 autograd 튜토리얼 글은
# ``SGD(lr=1e-2, momentum=0.9)``를 씁니다. :math:`L = p^2`에서 :math:`p = 1`,
# :math:`\text{lr} = 0.1, \mu = 0.9`로 시작하면 첫 걸음에서 :math:`v = 2`, :math:`p = 0.8`이
# 되고, 두 번째 걸음에서 :math:`g = 1.6`, :math:`v = 0.9 \cdot 2 + 1.6 = 3.4`,
# :math:`p = 0.8 - 0.34 = 0.46`이 됩니다.
p = torch.tensor([1.0], requires_grad=True)
momentum_sgd = torch.optim.SGD([p], lr=0.1, momentum=0.9)
for _ in range(2):
    momentum_sgd.zero_grad()
    (p**2).sum().backward()
    momentum_sgd.step()
print(f"두 걸음 뒤의 p: {p.item():.4f}")
print(f"0.46과 일치: {torch.allclose(p, torch.tensor([0.46]))}")

# %%
# Adam
# ----
# 원래 글이 SGD와 함께 꼽는 Adam은 기울기와 기울기 제곱의 이동 평균을 각각 유지하고,
# 앞의 것을 뒤의 것의 제곱근으로 나눕니다. 그래서 파라미터마다 자기만의 걸음 크기를
# 갖습니다. 그 결과 하나를 쉽게 볼 수 있습니다. 첫 걸음에서 모든 파라미터는 기울기가
# 크든 아주 작든 거의 정확히 학습률만큼 움직입니다.
q = torch.tensor([1.0, 1.0], requires_grad=True)
adam = torch.optim.Adam([q], lr=0.1)
(q * torch.tensor([100.0, 0.01])).sum().backward()
adam.step()
print(f"기울기: {q.grad}")
print(f"파라미터별 첫 걸음: {(1.0 - q.detach())}")

# %%
# 회귀 문제
# ---------
# 특성 2개짜리 예제 200개가 있고, 두 번째 특성은 첫 번째보다 다섯 배 작습니다. 정답은
# :math:`y = 2x_1 - 3x_2 + 1`에 약간의 잡음을 더한 값입니다. 선형 모델이 낼 수 있는 최선은
# 최소제곱 해이고, ``torch.linalg.lstsq``가 이를 바로 계산합니다. 그 손실이 모든
# 옵티마이저가 향하는 바닥입니다.
features = torch.randn(200, 2) * torch.tensor([1.0, 0.2])
targets = features @ torch.tensor([[2.0], [-3.0]]) + 1.0 + 0.1 * torch.randn(200, 1)
design = torch.cat([features, torch.ones(200, 1)], dim=1)
solution = torch.linalg.lstsq(design, targets).solution
best_loss = loss_fn(design @ solution, targets).item()
print(f"최소제곱: w = {solution[:2].flatten()}, b = {solution[2].item():.4f}")
print(f"가능한 가장 낮은 손실: {best_loss:.6f}")

# %%
# 옵티마이저 셋, 출발점 하나
# --------------------------
# ``fit``은 같은 시작 모델의 복사본을 1,000 에포크 동안 학습시키며 에포크마다 손실을
# 기록합니다. 에포크마다 예제 200개를 한꺼번에 쓰므로 여기서 "SGD"는 일반 경사 하강법이고,
# ``DataLoader``로 미니배치를 넣어 주면 확률적(stochastic)이 됩니다. 세 옵티마이저 모두
# 학습률은 0.1로 같습니다.
start = SimpleModel()


def fit(optimizer_class, **options):
    model = copy.deepcopy(start)
    optimizer = optimizer_class(model.parameters(), **options)
    losses = []
    for _ in range(1000):
        optimizer.zero_grad()
        loss = loss_fn(model(features), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


runs = {
    "SGD(lr=0.1)": fit(torch.optim.SGD, lr=0.1),
    "SGD(lr=0.1, momentum=0.9)": fit(torch.optim.SGD, lr=0.1, momentum=0.9),
    "Adam(lr=0.1)": fit(torch.optim.Adam, lr=0.1),
}
for name, (trained, losses) in runs.items():
    within = next(i + 1 for i, value in enumerate(losses) if value < 1.01 * best_loss)
    print(f"{name}: 최종 손실 {losses[-1]:.6f}, {within} 에포크 만에 최저값의 1% 이내")
    print(f"  w = {trained.linear.weight.detach().flatten()}, b = {trained.linear.bias.item():.4f}")

# %%
# 셋 모두 최소제곱 해에 도달합니다. 손실 곡선은 얼마나 빨리 도달하는지 보여 줍니다. 두 축
# 모두 로그 눈금이라 처음 몇 에포크가 왼쪽 끝에 몰리지 않습니다.
epochs = range(1, 1001)
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(epochs, runs["SGD(lr=0.1)"][1], label="SGD")
ax.plot(epochs, runs["SGD(lr=0.1, momentum=0.9)"][1], label="SGD + 모멘텀 0.9")
ax.plot(epochs, runs["Adam(lr=0.1)"][1], label="Adam")
ax.axhline(best_loss, color="black", linestyle="--", linewidth=1, label="최소제곱")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("에포크 (로그 눈금)")
ax.set_ylabel("MSE 손실 (로그 눈금)")
ax.set_title("같은 모델을 세 옵티마이저로 학습")
ax.legend()
plt.show()

# %%
# 그림에서 일반 SGD는 처음에는 빠르게 내려가다가 바닥까지는 느릿느릿 기어갑니다. 모멘텀과
# Adam은 그 몇 분의 일 에포크 만에 도착합니다. 느린 이유는 작은 두 번째 특성에 있습니다. 그
# 가중치의 기울기가 작아서 일반 SGD는 그 가중치를 천천히 옮깁니다. 모멘텀은 작지만 일관된
# 걸음을 쌓아 가고, Adam은 파라미터마다 자기 기울기의 크기에 맞춰 걸음을 조절합니다.
# 모멘텀의 곡선, 그리고 그보다 덜하지만 Adam의 곡선도 출렁입니다. 쌓인 걸음 때문에 최솟값을
# 지나쳤다가 자리를 잡기 때문입니다.
#
# 정리
# ----
# 반복문은 ``zero_grad → forward → loss → backward → step``입니다. 일반 SGD는
# :math:`\text{lr} \cdot g`만큼 움직이고, 모멘텀은 지난 걸음을 쌓고, Adam은 파라미터마다
# 걸음 크기를 따로 정합니다. 파라미터마다 규모가 다른 문제에서는 뒤의 둘이 여러 배 빨리
# 수렴합니다. 다음 페이지에서는 ``MSELoss`` 대신 직접 만든 손실 함수를 씁니다:
# :ref:`sphx_glr_auto_examples_models_plot_03_custom_loss.py`.
#
# PyTorch 공식 문서: `torch.optim <https://docs.pytorch.org/docs/stable/optim.html>`_,
# `SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `Adam <https://docs.pytorch.org/docs/stable/generated/torch.optim.Adam.html>`_,
# `MSELoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.MSELoss.html>`_.
