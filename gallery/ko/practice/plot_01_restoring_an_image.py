r"""
경사 하강법으로 깨진 이미지 복원하기
====================================

:ref:`post-basics-autograd` 글은 실습 하나로 끝납니다. "이상한 함수(weird function)"가
사진을 망가뜨렸고, 손에 있는 것은 망가진 결과뿐입니다. 경사 하강법(gradient descent)은
무작위 노이즈에서 출발해 사진을 다시 찾아냅니다. 이 페이지에서는 글의 반복문을 실행하고,
원본, 망가진 이미지, 복원한 이미지를 나란히 보여 줍니다. 그리고 20,000단계 동안
손실(loss)과 사진의 품질이 어떻게 변하는지 따라갑니다. 사진은 계속 좋아지는데, 손실은
그보다 한참 먼저 줄어들기를 멈춥니다. 끝에 있는 선택 절 두 개에서 그 이유를 측정합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림 글꼴을 설정하고,
# 난수 시드를 고정합니다.
import time

import matplotlib.pyplot as plt
import torch

from pytorch_basics import restoration
from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.restoration import psnr, sample_image, singular_value_range

use_site_style()
torch.manual_seed(0)

# %%
# 이 페이지는 실행 시간(run time)을 잽니다. 시간이 컴퓨터의 코어 수에 따라 달라지지 않도록
# 스레드(thread) 하나로 실행하고, 나머지 스레드는 끝에서 돌려줍니다.
threads = torch.get_num_threads()
torch.set_num_threads(1)


# %%
# 이상한 함수
# -----------
# 이 함수는 책 *펭귄브로의 3분 딥러닝 파이토치맛* 3장(MIT 라이선스 코드)에 나옵니다.
# 1차원으로 편 신호 ``h``\ 에 다섯 라운드를 적용합니다. 라운드마다 모든 값이
# :math:`-h_i/3 - h_{i-1}/3 + h_{i+1}/3`\ 으로 바뀌고(양 끝 바깥은 0으로 봅니다), 0, 2,
# 4번째 라운드 뒤에는 ``h``\ 의 앞쪽 절반과 뒤쪽 절반이 자리를 바꿉니다. 아래는 책의 코드
# 그대로입니다. 다만 책은 필터와 0을 ``float32``\ 로 만들고, 이 사본은 ``x``\ 의 데이터
# 타입(dtype)을 따릅니다.
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
# 0으로 채운 신호에 1을 하나만 넣어 보면 함수가 하는 일이 보입니다. 값이 이웃으로 번지고,
# 반대쪽 절반으로 옮겨 갑니다. ``pytorch_basics.restoration`` 패키지에도 같은 함수가
# 있으며, 함수 설명을 한 줄씩 그대로 옮긴 구현과 비교하는 테스트를 거쳤습니다.
impulse = torch.zeros(8, dtype=torch.float64)
impulse[2] = 1.0
print(weird_function(impulse))
print(
    f"패키지의 함수와 같은가: {torch.equal(weird_function(impulse), restoration.weird_function(impulse))}"
)

# %%
# 사진
# ----
# 책에 실린 사진은 이 사이트에서 배포할 수 없으므로, matplotlib에 딸린 사진을 씁니다.
# matplotlib의 예제 데이터에 그레이스 호퍼(Grace Hopper)의 초상 사진이 들어 있습니다.
# ``sample_image``\ 는 이 사진을 흑백으로 바꾸고, 가운데 정사각형을 잘라 0과 1 사이 값으로
# 된 100 x 100 크기로 줄입니다. 글에서처럼 이 이미지를 숫자 10,000개로 펴서 망가뜨립니다.
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
# 글의 반복문
# -----------
# 전략은 이렇습니다. 무작위 후보를 같은 함수에 넣으면 가설(hypothesis)이 나옵니다.
# 손실은 가설과 망가진 이미지 사이의 거리 ``torch.dist``\ 입니다. 후보는
# ``torch.no_grad()`` 안에서 학습률(learning rate) ``lr = 0.8``\ 로 기울기(gradient)의
# 반대 방향으로 20,000번 움직입니다. 아래는 글의 반복문을 ``float64``\ 로 옮긴 것으로, 두
# 줄을 더해 단계마다 손실과 PSNR을 기록합니다. PSNR은 후보가 원본에 얼마나 가까운지를
# dB로 나타낸 값이고, 클수록 가깝습니다. 20,000단계 가운데 처음 2,000단계만 이렇게
# 실행합니다. 그 이유는 다음 셀에서 설명합니다.
random_tensor = torch.randn(10000, dtype=torch.float64)
start = random_tensor.clone()  # 아래에서 더 빠른 반복문을 확인할 때 씁니다
lr = 0.8
losses, psnrs = [], []

started = time.perf_counter()
for i in range(2000):
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
print(f"단계당 {seconds / 2000 * 1e3:.2f} ms: 20,000단계면 약 {seconds * 10:.0f}초가 걸립니다")

# %%
# 나머지 18,000단계는 더 빠른 코드로
# ----------------------------------
# 이 사이트는 페이지마다 계산 시간을 20초 안쪽으로 지킵니다. 그런데 위에 출력된 단계당
# 시간으로 계산하면, 글의 반복문 하나만으로 그 시간의 상당 부분을 써 버립니다. 패키지의
# ``restore_gradient_descent``\ 는 더 빠른 코드로 똑같은 걸음을 밟습니다. 이상한 함수를
# 벡터화한 사본, 그리고 ``backward()``\ 가 계산하는 것과 같은 기울기를 자동 미분 없이
# 계산하는 함수를 씁니다(다음 페이지에서 둘을 직접 만들고 시간을 잽니다). 먼저 확인부터
# 합니다. 같은 출발점에서 2,000단계를 가면 글의 반복문과 같은 곳에 도착합니다.
fast = restoration.restore_gradient_descent(
    broken_image,
    start,
    lr=lr,
    steps=2000,
    forward=restoration.weird_function_vectorised,
    adjoint=restoration.weird_function_adjoint,
)
difference = (fast.image - random_tensor.detach()).abs().max().item()
print(f"2,000단계 뒤의 가장 큰 차이: {difference:.1e}")
assert difference < 1e-9

# %%
# 이제 거기서 이어 나머지 18,000단계를 가면서 단계마다 손실과 PSNR을 기록하고, 글처럼
# 1,000단계마다 출력합니다. 18,000번째 단계의 후보를 마지막 절에서 쓰려고, 16,000단계와
# 2,000단계의 두 부분으로 나누어 실행합니다.
faster = {
    "lr": lr,
    "forward": restoration.weird_function_vectorised,
    "adjoint": restoration.weird_function_adjoint,
    "reference": original,
}
started = time.perf_counter()
first_part = restoration.restore_gradient_descent(
    broken_image, random_tensor.detach(), steps=16000, **faster
)
at_18000 = first_part.image  # 18,000단계 뒤의 후보
rest = restoration.restore_gradient_descent(broken_image, at_18000, steps=2000, **faster)
seconds = time.perf_counter() - started
losses += first_part.losses[:-1] + rest.losses[:-1]  # 앞 부분의 마지막 값은 다음 부분의 첫 값입니다
psnrs += first_part.psnrs[:-1] + rest.psnrs[:-1]
restored = rest.image
for i in range(2000, 20000, 1000):
    print(f"{i:>5}번째 학습 Loss: {losses[i]:.4f}   PSNR {psnrs[i]:5.1f} dB")
print(f"18,000단계에 {seconds:.1f}초 걸렸습니다. 최종 PSNR {psnr(restored, original):.1f} dB")

# %%
# 원본, 망가진 이미지, 복원한 이미지
# ----------------------------------
# 그림은 원본 사진, 이상한 함수가 만든 결과, 그리고 경사 하강법 20,000단계가 노이즈에서
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
describe_figure(
    fig,
    "100 x 100 흑백 이미지 세 장을 나란히 놓은 그림입니다. 왼쪽은 원본인 그레이스 호퍼의 초상 "
    "사진입니다. 가운데의 망가진 이미지에는 윤곽선만 희미하게 남아 있고, 위아래 절반의 자리가 "
    "바뀌어 얼굴은 아래쪽 절반에, 제복의 옷깃은 위쪽 절반에 있습니다. 오른쪽은 경사 하강법 20,000단계가 노이즈에서 되찾은 사진(PSNR "
    f"{psnr(restored, original):.1f} dB)으로, 원본과 구별하기 어렵습니다.",
)
plt.show()

# %%
# 망가진 이미지에는 사진의 윤곽 정도만 남아 있고, 그마저 두 절반이 뒤섞여 있습니다.
# 복원한 이미지는 원본과 구별하기 어렵습니다.
#
# 단계별 손실과 PSNR
# ------------------
# 다음 그림은 20,000단계 동안 기록한 두 값을 그립니다. 손실은 로그 축에 그렸습니다(dB
# 단위인 PSNR은 이미 로그 값입니다).
fig, (ax_loss, ax_psnr) = plt.subplots(1, 2, figsize=(7.5, 3))
ax_loss.semilogy(losses)
ax_loss.set_xlabel("단계")
ax_loss.set_ylabel("손실 (torch.dist)")
ax_psnr.plot(psnrs, color="C2")
ax_psnr.set_xlabel("단계")
ax_psnr.set_ylabel("PSNR (dB)")
fig.suptitle("손실은 멈추고, 사진은 계속 좋아집니다")
describe_figure(
    fig,
    "20,000단계 동안 기록한 두 값을 단계에 따라 나란히 그린 선 그래프입니다. 왼쪽에 로그 축으로 "
    f"그린 손실은 약 {losses[0]:.0f}에서 줄어들다가 마지막 2,000여 단계 동안은 "
    f"{losses[-1]:.3f} 근처에서 평평합니다. 오른쪽의 PSNR은 {psnrs[0]:.1f} dB에서 시작해 "
    "손실이 평평해진 뒤에도 오히려 더 가파르게 올라가, 마지막에는 "
    f"{psnr(restored, original):.1f} dB에 이릅니다.",
)
plt.show()

# %%
# 그림에서 손실은 줄어들다가 평평해지지만, PSNR은 끝까지 올라갑니다. 손실이 몇 번째
# 단계부터 마지막 값의 1% 안에 머무는지, 그 시점과 마지막의 사진 품질은 어떤지
# 확인합니다.
stall = 1 + max(i for i, value in enumerate(losses) if abs(value - losses[-1]) > 0.01 * losses[-1])
print(f"손실이 마지막 값의 1% 안에 머물기 시작한 단계: {stall:,}")
print(
    f"그 단계의 PSNR: {psnrs[stall]:.1f} dB, 마지막 단계 뒤의 PSNR: {psnr(restored, original):.1f} dB"
)
reached = next(i for i, value in enumerate(psnrs + [psnr(restored, original)]) if value >= 40)
print(f"PSNR이 처음으로 40 dB 이상이 된 단계: {reached:,}")
assert psnrs[stall] < psnr(restored, original) - 10

# %%
# 출력되는 손실만 보고 판단했다면 위에 출력된 단계에서 멈췄을 테고, 그때의 사진은 마지막
# 사진보다 훨씬 나빴을 것입니다. 손실이 감추는 진전을 PSNR이 보여 줍니다. 아래의 선택
# 절 두 개에서는 손실이 왜 멈추는지, 사진은 왜 계속 좋아지는지 측정합니다.
#
# 출력되는 손실이 더 줄지 않는 이유 (선택)
# ----------------------------------------
# 이 절과 다음 절은 처음 읽을 때 건너뛰어도 됩니다. 뒤의 내용은 이 두 절에 기대지
# 않습니다. 이상한 함수는 행렬 :math:`A`\ 이고(다음 페이지에서 선형임을 보입니다),
# :math:`b`\ 는 망가진 이미지입니다. 손실은 거리의 제곱이 아니라 거리
# :math:`\lVert Ax - b \rVert` 자체입니다. :math:`A`\ 는 어떤 방향으로는 벡터를 늘이고
# 어떤 방향으로는 줄입니다. 가장 크게 늘이는 비율과 가장 작게 늘이는 비율이 :math:`A`\ 의
# 가장 큰 *특이값(singular value)* :math:`\sigma_{\max}`\ 와 가장 작은 특이값
# :math:`\sigma_{\min}`\ 입니다. 손실의 기울기 :math:`A^\top r / \lVert r \rVert`
# (:math:`r = Ax - b`)는 답에 아무리 가까워져도 :math:`\sigma_{\min}`\ 보다 짧아지지
# 않습니다. 그리고 크기가 줄지 않는 고정된 걸음은 결국 답을 지나칩니다. :math:`A`\ 가
# 가장 많이 늘이는 방향에서 크기가 :math:`\rho`\ 인 잔차(residual)는 한 걸음 뒤
# :math:`\rho - \text{lr}\,\sigma_{\max}^2`\ 이 됩니다. 따라서 한 걸음이 잔차의 부호만
# 뒤집는 지점, 곧 :math:`\rho = \text{lr}\,\sigma_{\max}^2 / 2`\ 에 이르면 잔차는 더 줄지
# 않습니다.
smallest, largest = singular_value_range()
plateau = lr * largest**2 / 2
print(f"σ_min = {smallest:.5f}, σ_max = {largest:.5f}")
print(f"예측한 정체 구간 lr·σ_max²/2 = {plateau:.5f}")
print(f"마지막 1,000단계의 손실      = {min(losses[-1000:]):.5f} ~ {max(losses[-1000:]):.5f}")
print(f"마지막 손실과 예측의 차이: {abs(losses[-1] - plateau) / plateau:.2%}")
assert abs(losses[-1] - plateau) < 0.01 * plateau

# %%
# 예측한 정체 구간(plateau)과 반복문이 출력한 손실이 일치합니다. 마지막에도 기울기의
# 길이는 이론대로 줄지 않고, 여전히 :math:`\sigma_{\max}`\ 에 가깝습니다.
final = restored.clone().requires_grad_(True)
torch.dist(weird_function(final), broken_image).backward()
gradient_length = final.grad.norm().item()
print(f"마지막 기울기의 길이: {gradient_length:.5f}")
print(f"σ_min과 σ_max 사이인가: {smallest <= gradient_length <= largest}")

# %%
# 손실이 멈춰도 사진이 좋아지는 이유 (선택)
# -----------------------------------------
# 앞 절처럼 이 절도 처음 읽을 때 건너뛰어도 되고, 뒤의 내용은 이 절에 기대지 않습니다.
# 복원한 사진에서 출발해 글의 업데이트를 네 번 더 하고, 걸음 자체, 곧
# :math:`d_k = x_{k+1} - x_k`\ 를 살펴봅니다. 먼저 이웃한 두 걸음이 서로 어느 쪽을
# 향하는지 봅니다(코사인이 1이면 같은 쪽, -1이면 정반대 쪽).
def step(x):
    x = x.clone().requires_grad_(True)
    torch.dist(weird_function(x), broken_image).backward()
    with torch.no_grad():
        return x - lr * x.grad


points = [restored]
for _ in range(4):
    points.append(step(points[-1]))
steps = [after - before for before, after in zip(points, points[1:])]


def cosine(u, v):
    return (torch.dot(u, v) / (u.norm() * v.norm())).item()


for k in range(3):
    print(f"cosine(d{k}, d{k + 1}) = {cosine(steps[k], steps[k + 1]):.6f}")
assert all(cosine(steps[k], steps[k + 1]) < -0.99 for k in range(3))

# %%
# 이웃한 두 걸음은 거의 정반대 방향을 가리킵니다. 어느 방향일까요? 벡터의 *늘임 비율*
# :math:`\lVert A d \rVert / \lVert d \rVert`\ 는 :math:`\sigma_{\min}`\ 과
# :math:`\sigma_{\max}` 사이에 있고, :math:`A`\ 가 가장 많이 늘이는 방향을 따르는
# 벡터일 때만 :math:`\sigma_{\max}`\ 와 같습니다. 걸음 하나하나의 늘임 비율이 바로 이
# 값입니다. 두 걸음을 더한 것, 곧 앞뒤로 오간 뒤에 남는 것은 걸음 하나의 아주 작은
# 일부이고, 그 늘임 비율은 :math:`\sigma_{\max}`\ 보다 훨씬 작아 :math:`\sigma_{\min}`\ 과
# 비슷한 크기입니다.
def stretch(v):
    return (restoration.weird_function_vectorised(v).norm() / v.norm()).item()


two_steps = steps[0] + steps[1]
print(f"걸음 하나의 늘임 비율:   {stretch(steps[0]):.4f}   (σ_max = {largest:.4f})")
print(f"두 걸음을 더한 길이 / 걸음 하나의 길이: {two_steps.norm() / steps[0].norm():.2%}")
print(f"두 걸음을 더한 것의 늘임 비율: {stretch(two_steps):.5f}   (σ_min = {smallest:.5f})")

# %%
# 그러니 걸음의 거의 전부는 많이 늘어나는 방향으로 답을 지나치는 부분이고, 이 부분은
# 두 걸음 사이에 상쇄됩니다. 남는 것은 약한 방향에 놓여 있습니다. 약한 방향
# :math:`w`\ (:math:`A`\ 가 대략 :math:`\sigma_{\min}`\ 배로 줄이는 방향)는 무작위
# 벡터에 :math:`A`\ 의 역행렬과 그 전치를 여러 번 적용해서
# 찾습니다(``weird_function_inverse``\ 는 다음 페이지에서 소개하는 정확한 역함수입니다).
# 각 걸음의 :math:`w` 방향 성분은 부호와 크기가 매번 같아서, 상쇄되지 않고 쌓입니다.
w = torch.randn(10000, dtype=torch.float64)
for _ in range(50):
    w = restoration.weird_function_inverse(restoration.weird_function_inverse(w, transpose=True))
    w = w / w.norm()
print(f"w의 늘임 비율: {stretch(w):.5f}")
for k in range(4):
    print(f"d{k}의 w 방향 성분: {torch.dot(steps[k], w).item():+.3e}")
assert all(torch.dot(d, w) * torch.dot(steps[0], w) > 0 for d in steps)  # 모두 부호가 같습니다

# %%
# 이렇게 쌓이는 성분은 사진의 오차 가운데 :math:`w` 방향 성분을 얼마나 빨리 없앨까요?
# 늘임 비율이 :math:`\sigma`\ 인 방향에서 걸음 하나는 오차에
# :math:`1 - \text{lr}\,\sigma^2 / \lVert r \rVert`\ 을 곱하고, 정체 구간에서는
# :math:`\lVert r \rVert \approx \text{lr}\,\sigma_{\max}^2 / 2`\ 입니다. 가장 강한
# 방향에서 이 배수는 약 -1이고(부호는 뒤집히고 크기는 그대로), :math:`w` 방향에서는
# 1보다 조금 작습니다(오차가 걸음마다 늘 같은 쪽으로 조금씩 줄어듭니다).
errors = [point - original for point in points]
loss_now = torch.dist(restoration.weird_function_vectorised(restored), broken_image).item()
predicted = 1 - lr * stretch(w) ** 2 / loss_now
measured = (torch.dot(errors[1], w) / torch.dot(errors[0], w)).item()
print(f"w 방향의 배수: 예측 {predicted:.7f}, 측정 {measured:.7f}")
assert abs(predicted - measured) < 1e-5
print(f"가장 강한 방향의 배수: {1 - lr * largest**2 / loss_now:+.4f}")

# %%
# 길이가 곧 손실인 잔차 :math:`r = Ax - b`\ 에도 이 두 가지 부분이 있습니다. 잔차를 다음
# 걸음에서 부호가 뒤집히는 부분(이웃한 두 잔차의 차의 절반)과 부호를 유지하는 부분(두
# 잔차의 합의 절반)으로 나눕니다. 손실이 이미 멈춘 18,000번째 단계와 마지막 단계에서
# 비교합니다.
def split(x):
    now = restoration.weird_function_vectorised(x) - broken_image
    after = restoration.weird_function_vectorised(step(x)) - broken_image
    return now.norm().item(), ((now - after) / 2).norm().item(), ((now + after) / 2).norm().item()


parts = {}
for number, x in [(18000, at_18000), (20000, restored)]:
    parts[number] = split(x)
    loss_x, flips, keeps = parts[number]
    ratio = keeps / (x - original).norm().item()
    print(f"{number:,}단계 뒤: PSNR {psnr(x, original):4.1f} dB, 손실 {loss_x:.5f}")
    print(f"    부호가 뒤집히는 부분 {flips:.5f}, 부호를 유지하는 부분 {keeps:.5f}")
    print(f"    부호를 유지하는 부분 / 오차의 길이 {ratio:.5f}")
print(f"(σ_min = {smallest:.5f})")
(loss_a, flips_a, keeps_a), (loss_b, flips_b, keeps_b) = parts.values()
assert abs(loss_b - loss_a) < 1e-3 * loss_a and flips_b > flips_a and keeps_b < keeps_a / 2
torch.set_num_threads(threads)  # 계산이 끝났으니 스레드를 돌려줍니다

# %%
# 부호를 유지하는 부분은 손실에 비친 사진의 남은 오차입니다. 그 길이를 오차의 길이로
# 나누면 :math:`\sigma_{\min}`\ 에 가깝습니다. 오차가 대부분 :math:`A`\ 가 가장 많이
# 줄이는 가장 약한 방향에 놓여 있다는 뜻입니다. 이 부분은 사진이 좋아지면서 더 줄어듭니다.
# 반대로 부호가 뒤집히는 부분, 곧 가장 강한 방향의 오락가락은 커집니다. 그리고 둘을 합친
# 길이인 손실은 :math:`\text{lr}\,\sigma_{\max}^2/2`\ 에 머뭅니다. 그럴 수밖에 없습니다. 걸음
# 하나는 부호가 뒤집히는 부분에 :math:`1 - \text{lr}\,\sigma_{\max}^2 / \lVert r \rVert`\ 을
# 곱하는데, 손실이 :math:`\text{lr}\,\sigma_{\max}^2 / 2`\ 보다 작아지면 이 배수가 -1보다
# 작아집니다. 그래서 손실이 그 값 아래로 내려갈 때마다 오락가락이 커져서 손실을 다시
# 끌어올립니다. 손실 그림에서 정체 구간이 시작되는 곳의 작은 골짜기가 바로 그런
# 순간입니다.
lowest = min(range(len(losses)), key=losses.__getitem__)
print(f"가장 작은 손실: {losses[lowest]:.5f}, {lowest:,}번째 단계 (lr·σ_max²/2 = {plateau:.5f})")
print(f"100단계 뒤: {losses[lowest + 100]:.5f}")
assert losses[lowest] < 0.9 * plateau and abs(losses[lowest + 100] - plateau) < 0.01 * plateau

# %%
# 정리하면, 정체 구간의 손실에는 가장 강한 방향의 오락가락, 곧 걸음마다 되돌려지는
# 움직임 말고는 거의 아무것도 보이지 않습니다. 걸음 가운데 약한 방향의 작은 부분은 매번
# 같은 쪽을 향하므로 쌓이고, 그 방향의 오차를 계속 줄입니다. 그래서 손실은 그대로인데
# 사진은 좋아집니다.
#
# 정리
# ----
# - 글의 반복문은 제대로 동작합니다. ``torch.dist``\ 에 대해 ``x = x - lr * x.grad``\ 를
#   고정된 걸음으로 20,000번 반복해, 노이즈에서 사진을 되찾습니다.
# - 출력되는 손실은 사진이 다 복원되기 한참 전에 멈춥니다. 손실이 감추는 진전은
#   PSNR이 보여 줍니다.
# - (선택) 거리의 기울기는 줄지 않기 때문에 손실은 :math:`\text{lr}\,\sigma_{\max}^2/2`\ 에서
#   멈춥니다. 이웃한 걸음은 가장 강한 방향에서 답을 지나쳤다가 서로 상쇄되고, 이
#   오락가락이 손실을 그 값에 붙잡아 둡니다. 걸음 가운데 약한 방향의 작은 부분은 쌓여서
#   그 방향의 오차를 없앱니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_practice_plot_02_faster_restoration.py`
#
# PyTorch API: `torch.dist <https://docs.pytorch.org/docs/stable/generated/torch.dist.html>`_,
# `torch.no_grad <https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html>`_,
# `Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.cat <https://docs.pytorch.org/docs/stable/generated/torch.cat.html>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 글의 반복문이 끝났을 때 ``random_tensor.requires_grad``\ 와
#    ``random_tensor.grad``\ 는 무엇일까요? 반복문의 첫 줄
#    ``random_tensor.requires_grad_(True)``\ 가 없다면 다음 ``backward()``\ 는 어떻게 될까요?
# 2. **예측한 뒤 실행하기.** 사진을 펴는 것을 잊었다고 해 봅시다. 100 x 100 크기의
#    ``image``\ 를 그대로 ``weird_function``\ 에 넣으면 어떻게 될까요?
# 3. **하나만 바꾸고 설명하기.** 글의 반복문에서 ``with torch.no_grad():`` 줄을 지우고, 그
#    아래에 있던 업데이트는 남겨 둡니다. ``random_tensor = start.clone()``\ 에서 출발하면
#    두 번째 업데이트에서 무슨 일이 일어날까요?
#
#    .. code-block:: python
#
#       for i in range(2):
#           random_tensor.requires_grad_(True)
#           hypothesis = weird_function(random_tensor)
#           loss = torch.dist(hypothesis, broken_image)
#           loss.backward()
#           random_tensor = random_tensor - lr * random_tensor.grad
#
# 4. **직접 작성하기.** 이 사진처럼 값이 0과 1 사이인 사진에서 PSNR은
#    :math:`10 \log_{10}(1 / \text{MSE})`\ 입니다. MSE는 원본과의 차를 제곱해 평균한 값, 곧
#    평균 제곱 오차입니다. ``torch.log10``\ 으로 ``my_psnr(picture, reference)``\ 를 작성하고,
#    ``start``\ 와 ``restored``\ 에서 패키지의 ``psnr``\ 과 같은 값을 내는지 확인해 보세요.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``False``\ 와 ``None``\ 입니다. 반복문의 업데이트 줄은 아무것도 기록하지 않는 ``no_grad``
# 안에서 새 텐서를 만듭니다. 그래서 이 텐서는 기울기가 필요하지 않고 ``.grad``\ 도 없습니다.
# ``requires_grad_(True)`` 없이 ``backward()``\ 를 부르면 거슬러 올라갈 그래프가 없어
# ``RuntimeError``\ 가 나고, 이 줄이 있으면 기울기가 채워집니다.
print(f"random_tensor.requires_grad={random_tensor.requires_grad}, grad={random_tensor.grad}")
candidate = random_tensor.clone()
try:
    torch.dist(weird_function(candidate), broken_image).backward()
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("backward() should fail without requires_grad_(True)")
candidate.requires_grad_(True)
torch.dist(weird_function(candidate), broken_image).backward()
print(f"requires_grad_(True)를 부른 뒤: candidate.grad의 형태 {tuple(candidate.grad.shape)}")
assert not random_tensor.requires_grad and random_tensor.grad is None
assert candidate.grad.shape == random_tensor.shape

# %%
# 풀이 2
# ^^^^^^
# ``RuntimeError``\ 가 납니다. ``weird_function``\ 은 1차원으로 편 신호를 받도록 작성되었습니다.
# 함수는 0 하나가 든 1차원 텐서 ``zero_tensor``\ 와 ``h[:-1]``\ 을 ``torch.cat``\ 으로 잇는데,
# 100 x 100 이미지에서 ``h[:-1]``\ 은 앞쪽 99개 행으로 된 2차원 텐서입니다. ``torch.cat``\ 은
# 차원 수가 같은 텐서끼리만 이을 수 있습니다.
print(f"image: 형태 {tuple(image.shape)}, image[:-1]: 형태 {tuple(image[:-1].shape)}")
try:
    weird_function(image)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("weird_function should fail on the 100 x 100 image")
flat_output = weird_function(image.flatten())
print(f"weird_function(image.flatten()): 형태 {tuple(flat_output.shape)}")
assert flat_output.shape == (10000,)

# %%
# 풀이 3
# ^^^^^^
# 두 번째 업데이트에서 ``TypeError``\ 가 납니다. ``no_grad``\ 가 없으면 업데이트도 다른
# 연산처럼 기록됩니다. 그래서 새 ``random_tensor``\ 에는 ``grad_fn``\ 이 있고, 이 텐서는
# 리프 텐서가 아닙니다. ``backward()``\ 는 리프 텐서에만 ``.grad``\ 를 남기므로 두 번째
# ``backward()`` 뒤의 ``.grad``\ 는 ``None``\ 이고(읽으면 ``UserWarning``\ 이 납니다),
# ``lr * None``\ 은 계산할 수 없습니다.
import warnings

candidate = start.clone()
candidate.requires_grad_(True)
torch.dist(weird_function(candidate), broken_image).backward()
candidate = candidate - lr * candidate.grad  # torch.no_grad()가 없으니 기록됩니다
print(f"첫 번째 업데이트 뒤: is_leaf={candidate.is_leaf}, grad_fn={candidate.grad_fn.name()}")
candidate.requires_grad_(True)
torch.dist(weird_function(candidate), broken_image).backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    second_grad = candidate.grad
print(f"두 번째 backward() 뒤의 .grad: {second_grad} ({caught[0].category.__name__})")
try:
    candidate = candidate - lr * second_grad
except TypeError as error:
    print(f"{type(error).__name__}: {error}")
else:
    raise AssertionError("the second update should fail: .grad is None")
assert not candidate.is_leaf and second_grad is None

# %%
# 풀이 4
# ^^^^^^
# 원본과의 차를 제곱해 평균을 내고, 그 역수에 :math:`10 \log_{10}`\ 을 적용합니다. 무작위
# 출발점(PSNR이 음수이니 사진과 거리가 멉니다)에서도, 복원한 사진에서도 두 함수의 값이
# 같습니다.
def my_psnr(picture, reference):
    mse = ((picture - reference) ** 2).mean()
    return (10 * torch.log10(1 / mse)).item()


for name, picture in [("start", start), ("restored", restored)]:
    mine, package = my_psnr(picture, original), psnr(picture, original)
    print(f"{name}: my_psnr {mine:.4f} dB, psnr {package:.4f} dB")
    assert abs(mine - package) < 1e-6
