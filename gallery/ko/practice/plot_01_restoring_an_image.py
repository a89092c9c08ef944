r"""
경사 하강법으로 깨진 이미지 복원하기
====================================

PyTorch 기초와 autograd를 다룬 원래 글은 실습 하나로 끝납니다. "이상한 함수(weird
function)"가 사진을 망가뜨렸고, 우리는 망가진 결과만 볼 수 있습니다. 경사
하강법(gradient descent)은 무작위 노이즈에서 출발해 사진을 다시 찾아냅니다. 이
페이지에서는 원래 글의 반복문을 쓰인 그대로 실행하고, 원본, 망가진 이미지, 복원한
이미지를 나란히 보여 준 뒤, 20,000단계 동안 손실(loss)과 사진의 품질이 어떻게 변하는지
따라갑니다. 두 곡선은 서로 다른 이야기를 합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다: 라이브러리 불러오기, 그림 글꼴 설정,
# 난수 시드 고정.
import time

import matplotlib.pyplot as plt
import torch

from pytorch_basics import restoration
from pytorch_basics.plotting import use_site_style
from pytorch_basics.restoration import psnr, sample_image, singular_value_range

use_site_style()
torch.manual_seed(0)

# %%
# 작은 텐서에는 스레드 하나
# -------------------------
# 이 페이지의 계산은 한 번에 숫자 10,000개를 다룹니다. 여러 스레드(thread)가 나눠
# 맡기에는 너무 적은 양이라, 스레드들은 대부분 서로를 기다리게 되고, 다른 프로그램이
# CPU를 쓰고 있으면 훨씬 오래 기다립니다. 그래서 이 페이지는 스레드 하나만 쓰고,
# 끝에서 나머지를 돌려줍니다.
threads = torch.get_num_threads()
torch.set_num_threads(1)


# %%
# 이상한 함수
# -----------
# 이 함수는 한국어 책 *펭귄브로의 3분 딥러닝 파이토치맛* 3장(MIT 라이선스 코드)에
# 나옵니다. 평평하게 편 신호 ``h`` 위에서 다섯 라운드를 돕니다. 라운드마다 모든 값이
# :math:`-h_i/3 - h_{i-1}/3 + h_{i+1}/3` 이 되고(양 끝 바깥은 0), 0, 2, 4번째 라운드
# 뒤에는 ``h`` 의 앞쪽 절반과 뒤쪽 절반이 자리를 바꿉니다. 아래는 책의 코드 그대로입니다.
# 다만 책은 필터와 0을 ``float32`` 로 만들고, 이 사본은 ``x`` 의 dtype을 따릅니다.
def weird_function(x, n_iter=5):
    h = x
    filt = torch.tensor([-1.0 / 3, 1.0 / 3, -1.0 / 3], dtype=x.dtype)
    for i in range(n_iter):
        zero_tensor = torch.zeros(1, dtype=x.dtype)
        h_l = torch.cat((zero_tensor, h[:-1]), 0)
        h_r = torch.cat((h[1:], zero_tensor), 0)
        h = filt[0] * h + filt[2] * h_l + filt[1] * h_r
        if i % 2 == 0:
            h = torch.cat((h[h.shape[0] // 2 :], h[: h.shape[0] // 2]), 0)
    return h


# %%
# 0들 사이에 1을 하나 넣어 보면 함수가 하는 일이 보입니다. 값이 이웃들로 번지고 다른
# 절반으로 옮겨집니다. ``pytorch_basics.restoration`` 패키지에도 같은 함수가 있고,
# 설명을 한 줄씩 옮긴 구현과 비교하는 테스트를 거쳤습니다.
impulse = torch.zeros(8, dtype=torch.float64)
impulse[2] = 1.0
print(weird_function(impulse))
print(
    f"패키지의 함수와 같은가: {torch.equal(weird_function(impulse), restoration.weird_function(impulse))}"
)

# %%
# 사진
# ----
# 책의 사진은 우리가 배포할 수 있는 것이 아니므로, matplotlib에 들어 있는 사진을 씁니다.
# matplotlib의 예제 데이터에는 그레이스 호퍼(Grace Hopper)의 초상이 있습니다.
# ``sample_image`` 는 이 사진을 흑백으로 바꾸고, 가운데 정사각형을 잘라 0과 1 사이 값의
# 100 x 100으로 줄입니다. 원래 글처럼 숫자 10,000개로 펴서 망가뜨립니다.
image = sample_image()
original = image.flatten()
broken_image = weird_function(original)
print(
    f"이미지: 형태(shape) {tuple(image.shape)}, dtype {image.dtype}, {image.min():.3f} ~ {image.max():.3f}"
)
print(
    f"망가진 이미지: 값 {broken_image.shape[0]}개, {broken_image.min():.3f} ~ {broken_image.max():.3f}"
)

# %%
# 원래 글의 반복문
# ----------------
# 전략은 이렇습니다. 무작위 후보를 같은 함수에 넣으면 가설(hypothesis)이 나옵니다.
# 손실은 가설과 망가진 이미지 사이의 거리 ``torch.dist`` 입니다. 후보는
# ``torch.no_grad()`` 안에서 학습률(learning rate) ``lr = 0.8`` 로 기울기(gradient)의
# 반대 방향으로 20,000번 움직입니다. 반복문은 원래 글의 것 그대로이고 ``float64`` 입니다.
# 두 줄을 더해 단계마다 손실과 PSNR(후보가 원본에 얼마나 가까운지, dB)을 기록하고,
# 출력에는 원래 글의 손실 옆에 PSNR도 보여 줍니다.
random_tensor = torch.randn(10000, dtype=torch.float64)
lr = 0.8
losses, psnrs = [], []

started = time.perf_counter()
for i in range(20000):
    random_tensor.requires_grad_(True)

    hypothesis = weird_function(random_tensor)
    loss = torch.dist(hypothesis, broken_image)
    loss.backward()

    losses.append(loss.item())
    psnrs.append(psnr(random_tensor.detach(), original))

    with torch.no_grad():
        random_tensor = random_tensor - lr * random_tensor.grad

    if i % 1000 == 0:
        print(f"{i:>5}번째 학습 Loss: {loss.item():.4f}   PSNR {psnrs[-1]:5.1f} dB")
seconds = time.perf_counter() - started
restored = random_tensor.detach()
print(f"20,000단계에 {seconds:.1f}초 걸렸습니다. 최종 PSNR {psnr(restored, original):.1f} dB")

# %%
# 원본, 망가진 이미지, 복원한 이미지
# ----------------------------------
# 그림은 원래 사진, 이상한 함수가 만든 결과, 그리고 경사 하강법 20,000단계가 노이즈에서
# 되찾은 사진을 보여 줍니다.
fig, axes = plt.subplots(1, 3, figsize=(7.5, 3))
axes[0].imshow(image.numpy(), cmap="gray", vmin=0, vmax=1)
axes[0].set_title("원본")
axes[1].imshow(broken_image.reshape(100, 100).numpy(), cmap="gray")
axes[1].set_title("망가진 이미지")
axes[2].imshow(restored.reshape(100, 100).numpy(), cmap="gray", vmin=0, vmax=1)
axes[2].set_title(f"복원한 이미지 ({psnr(restored, original):.1f} dB)")
for ax in axes:
    ax.axis("off")
fig.suptitle("이상한 함수의 출력과 경사 하강법이 되찾은 사진")
plt.show()

# %%
# 망가진 이미지에는 사진의 윤곽 정도만 남아 있고 절반끼리 뒤섞여 있습니다. 복원한
# 이미지는 원본과 구별하기 어렵습니다.
#
# 출력되는 손실이 더 줄지 않는 이유
# ---------------------------------
# 원래 글은 제곱이 아니라 거리 :math:`\lVert Ax - b \rVert` 자체를 최소화합니다
# (:math:`A` 는 이상한 함수, :math:`b` 는 망가진 이미지). 이 손실의 기울기
# :math:`A^\top r / \lVert r \rVert` (:math:`r = Ax - b`)는 답에 아무리 가까워져도
# :math:`\sigma_{\min}` 보다 짧아지지 않습니다. :math:`\sigma_{\min}` 은 :math:`A` 가
# 벡터를 가장 많이 줄이는 비율, 곧 가장 작은 특이값(singular value)입니다. 줄지 않는
# 고정된 걸음은 답을 넘어갑니다. :math:`A` 가 가장 많이 늘이는 방향(:math:`\sigma_{\max}`)
# 에서 크기 :math:`\rho` 인 잔차(residual)는 :math:`\rho - \text{lr}\,\sigma_{\max}^2` 가 되고,
# 부호만 뒤집히는 :math:`\rho = \text{lr}\,\sigma_{\max}^2 / 2` 에서 더 줄지 않습니다.
smallest, largest = singular_value_range()
plateau = lr * largest**2 / 2
print(f"σ_min = {smallest:.5f}, σ_max = {largest:.5f}")
print(f"예측한 정체 구간 lr·σ_max²/2 = {plateau:.5f}")
print(f"마지막 1,000단계의 손실      = {min(losses[-1000:]):.5f} ~ {max(losses[-1000:]):.5f}")
print(f"마지막 손실과 예측의 차이: {abs(losses[-1] - plateau) / plateau:.2%}")

# %%
# 예측한 정체 구간(plateau)과 반복문이 출력한 손실이 일치합니다. 끝에서도 기울기의
# 길이는 이론대로 두 특이값 사이에 있습니다.
final = restored.clone().requires_grad_(True)
torch.dist(weird_function(final), broken_image).backward()
gradient_length = final.grad.norm().item()
print(f"마지막 기울기의 길이: {gradient_length:.5f}")
print(f"σ_min과 σ_max 사이인가: {smallest <= gradient_length <= largest}")

# %%
# 단계별 손실과 PSNR
# ------------------
# 20,000단계 동안의 두 곡선입니다. 손실은 로그 축에 그렸습니다(dB 단위인 PSNR은 이미
# 로그 값입니다). 점선은 정체 구간 :math:`\text{lr}\,\sigma_{\max}^2/2` 입니다.
fig, (ax_loss, ax_psnr) = plt.subplots(1, 2, figsize=(7.5, 3))
ax_loss.semilogy(losses)
ax_loss.axhline(plateau, color="C3", linestyle="--", label="lr·σ_max²/2")
ax_loss.set_xlabel("단계")
ax_loss.set_ylabel("손실 (torch.dist)")
ax_loss.legend()
ax_psnr.plot(psnrs, color="C2")
ax_psnr.set_xlabel("단계")
ax_psnr.set_ylabel("PSNR (dB)")
fig.suptitle("손실은 멈추고, 사진은 계속 좋아집니다")
plt.show()

# %%
# 손실은 줄어들다가 정체 구간 아래로 한 번 내려간 뒤 그 위에 자리를 잡고, PSNR은 끝까지
# 일정한 속도로 올라갑니다. 손실이 몇 번째 단계부터 정체 구간의 1% 안에 머무는지, 그때와
# 마지막의 사진 품질은 어떤지 확인합니다.
stall = 1 + max(i for i, value in enumerate(losses) if abs(value - plateau) > 0.01 * plateau)
print(f"손실이 정체 구간의 1% 안에 머물기 시작한 단계: {stall:,}")
print(
    f"그 단계의 PSNR: {psnrs[stall]:.1f} dB, 마지막 단계 뒤의 PSNR: {psnr(restored, original):.1f} dB"
)
torch.set_num_threads(threads)  # 계산이 끝났으니 스레드를 돌려줍니다

# %%
# 출력되는 손실은 진전을 감춥니다
# -------------------------------
# 손실이 멈춘 뒤에도 걸음의 길이는 그대로입니다. 다만 이제 그 대부분이 손실이 거의
# 느끼지 못하는 방향, 곧 :math:`A` 가 가장 많이 줄이는 방향으로 갑니다. 사진의 오차는
# 그 방향에서 계속 줄어들고, 손실은 앞뒤로 넘나드는 오버슈트가 차지합니다. 출력되는
# 손실만 보고 있었다면 너무 일찍 멈췄을 것입니다.
#
# 정리
# ----
# - 원래 글의 반복문은 통합니다. ``torch.dist`` 에 대해 ``x = x - lr * x.grad`` 를 20,000번
#   고정된 걸음으로 반복해 노이즈에서 사진을 되찾습니다.
# - 거리의 기울기는 줄지 않기 때문에 손실은 :math:`\text{lr}\,\sigma_{\max}^2/2` 에서
#   멈춥니다. PSNR을 보면 사진은 그동안에도 좋아지고 있습니다.
# - 다음: :ref:`sphx_glr_auto_examples_practice_plot_02_faster_restoration.py` 에서 이
#   방법이 애초에 왜 통하는지 설명하고, 같은 사진에 수백 배 빠르게 도달합니다.
#
# PyTorch API: `torch.dist <https://docs.pytorch.org/docs/stable/generated/torch.dist.html>`_,
# `torch.no_grad <https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html>`_,
# `Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.cat <https://docs.pytorch.org/docs/stable/generated/torch.cat.html>`_.
