r"""
왜 통하는가, 그리고 같은 사진에 더 빨리 가는 방법
=================================================

앞 페이지에서는 원래 글의 반복문, 곧 고정된 걸음 20,000번으로 사진을 복원했습니다. 이
페이지에서는 그 방법이 애초에 왜 통하는지(이상한 함수는 선형이고 역함수가 있습니다)
측정하고, 계산 결과는 그대로 둔 채 같은 반복문을 더 빠르게 만든 뒤, 같은 출발점에서 더
나은 방법으로 훨씬 짧은 시간에 사진에 도달합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다: 라이브러리 불러오기, 그림 글꼴 설정,
# 난수 시드 고정.
import time

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from pytorch_basics.plotting import use_site_style
from pytorch_basics.restoration import (
    psnr,
    restore_adam,
    restore_conjugate_gradient,
    restore_gradient_descent,
    restore_lbfgs,
    restore_sgd,
    sample_image,
    singular_value_range,
    weird_function,
    weird_function_inverse,
)

use_site_style()
torch.manual_seed(0)

# %%
# 작은 텐서에는 스레드 하나
# -------------------------
# 이 페이지의 계산은 한 번에 숫자 10,000개를 다룹니다. 여러 스레드(thread)가 나눠
# 맡기에는 너무 적은 양이라, 스레드들은 대부분 서로를 기다리게 되고, 다른 프로그램이
# CPU를 쓰고 있으면 훨씬 오래 기다립니다. 그래서 이 페이지는 스레드 하나만 쓰고(시간
# 측정도 그만큼 안정됩니다), 끝에서 나머지를 돌려줍니다.
threads = torch.get_num_threads()
torch.set_num_threads(1)

# %%
# 같은 문제
# ---------
# 사진, 망가진 이미지, 무작위 출발점은 앞 페이지와 똑같이 만듭니다. ``weird_function`` 은
# 패키지에 있는 책의 함수입니다.
original = sample_image().flatten()
broken_image = weird_function(original)
start = torch.randn(10000, dtype=torch.float64)
print(f"무작위 출발점의 PSNR: {psnr(start, original):.1f} dB")

# %%
# 이상한 함수는 선형입니다
# ------------------------
# 라운드마다 값에 상수를 곱해 더할 뿐이고, 자리 바꾸기는 값을 옮기기만 합니다. 그래서
# 어떤 수 :math:`a, b` 와 신호 :math:`x, y` 에 대해서도
# :math:`f(a x + b y) = a f(x) + b f(y)` 입니다. 무작위 신호 두 개로 확인하면, 양변은
# ``float64`` 의 반올림 오차만큼만 다릅니다.
x = torch.randn(10000, dtype=torch.float64)
y = torch.randn(10000, dtype=torch.float64)
a, b = 0.7, -1.3
both = weird_function(a * x + b * y)
separately = a * weird_function(x) + b * weird_function(y)
print(f"가장 큰 차이: {(both - separately).abs().max():.1e}")

# %%
# 숫자 10,000개의 선형 함수는 10,000 x 10,000 행렬 :math:`A` 이고, 사진을 복원한다는 것은
# 망가진 이미지 :math:`b` 에 대해 :math:`A x = b` 를 푸는 일, 곧 최소제곱(least squares)
# 문제 :math:`\min_x \lVert A x - b \rVert` 입니다.
#
# 역행렬이 있고, 조건도 좋습니다
# ------------------------------
# :math:`A` 는 어떤 방향은 늘이고 어떤 방향은 줄입니다. 그 양 끝이 가장 큰 특이값과 가장
# 작은 특이값(singular value)이고, 둘의 비가 조건수(condition number)입니다. 란초시
# (Lanczos) 반복으로 잽니다(``singular_value_range``).
smallest, largest = singular_value_range()
condition = largest / smallest
print(f"σ_min = {smallest:.5f}, σ_max = {largest:.5f}")
print(f"조건수 = {condition:.2f}")

# %%
# 한 라운드의 필터 :math:`T` 하나의 특이값은 :math:`\theta_k = k\pi/10001` 일 때
# :math:`\sqrt{1 + 4\cos^2\theta_k}/3` 입니다. 다섯 라운드는(자리 바꾸기는 길이를 바꾸지
# 않습니다) 기껏해야 :math:`T` 의 가장 큰 값의 다섯제곱만큼 늘이고, 가장 작은 값의
# 다섯제곱만큼 줄입니다. 그래서 :math:`T` 의 비의 다섯제곱이 조건수의 상한입니다.
theta = torch.arange(1, 10001, dtype=torch.float64) * torch.pi / 10001
round_values = torch.sqrt(1 + 4 * torch.cos(theta) ** 2) / 3
bound = (round_values.max() / round_values.min()) ** 5
print(f"라운드에서 구한 상한: {bound:.2f}")
print(f"측정값이 상한의 0.1% 안에 있는가: {condition <= bound < 1.001 * condition}")


# %%
# :math:`\sigma_{\min} > 0` 이므로 잃어버린 정보가 없고, 사진은 정확히 되찾을 수 있습니다.
# 조건수가 수십 정도라는 것은 문제가 잘 정의되어(well-posed) 있다는 뜻입니다. 망가진
# 이미지의 작은 오차는 답을 적당한 배수만큼만 바꾸고, 풀이 방법들은 빨리
# 수렴(convergence)합니다.
#
# 같은 걸음, 더 빠른 코드
# -----------------------
# 원래 글의 반복문은 한 단계마다 숫자 10,000개에 대해 작은 연산을 순전파(forward pass)와
# 역전파(backward pass)에서 여러 번 실행합니다. 연산마다 다루는 숫자의 개수와 상관없는
# 고정 비용이 듭니다. 연산을 시작하는 비용이고, 자동 미분(autograd)에서는 기록하고
# 되짚어 가는 비용까지 더해집니다. 책의 함수를 값 100개와 10,000개에 대해 재 보면 그
# 고정 비용이 얼마나 큰지 보입니다.
def seconds_per_call(function, argument, repeats=500):
    started = time.perf_counter()
    for _ in range(repeats):
        function(argument)
    return (time.perf_counter() - started) / repeats


small = torch.randn(100, dtype=torch.float64)
small_seconds = seconds_per_call(weird_function, small)
large_seconds = seconds_per_call(weird_function, x)
print(f"책의 함수, 값 100개:    호출 한 번에 {small_seconds * 1e6:.0f} µs")
print(f"책의 함수, 값 10,000개: 호출 한 번에 {large_seconds * 1e6:.0f} µs")
print(f"고정 비용: 값 10,000개일 때 시간의 {small_seconds / large_seconds:.0%}")


# %%
# 그러니 빨라지려면 연산 수를 줄여야 합니다. 0으로 한 번 채우면(padding) 양쪽으로 민
# 사본 두 개를 뷰(view)로 얻고, 다섯 번의 :math:`1/3` 은 끝에서 한 번 나누기로 바뀌고,
# ``torch.roll`` 이 절반끼리 자리를 바꿉니다. 결과는 반올림 오차 안에서 같습니다.
def weird_function_vectorised(x):
    half = x.shape[0] // 2
    h = x
    for i in range(5):
        padded = F.pad(h, (1, 1))  # 양 끝 바깥에 0을 하나씩
        h = padded[2:] - padded[1:-1] - padded[:-2]  # 3 * (-h/3 - h_left/3 + h_right/3)
        if i % 2 == 0:
            h = torch.roll(h, -half)  # 절반끼리 자리 바꾸기
    return h / 3**5


print(
    f"책의 함수와 가장 큰 차이: {(weird_function_vectorised(x) - weird_function(x)).abs().max():.1e}"
)
print(
    f"벡터화한 함수, 값 10,000개: 호출 한 번에 {seconds_per_call(weird_function_vectorised, x) * 1e6:.0f} µs"
)


# %%
# 선형 함수를 거슬러 가는 자동 미분의 역전파는 전치 행렬 :math:`A^\top` (수반, adjoint)을
# 곱하는 일입니다. 이것은 직접 쓸 수 있습니다. 라운드를 거꾸로 돌면서 자리 바꾸기를
# 되돌리고 필터를 좌우로 뒤집으면 됩니다. 내적 검사
# :math:`\langle A x, y\rangle = \langle x, A^\top y\rangle` 와 자동 미분의 답으로 확인합니다.
def weird_function_adjoint(y):
    half = y.shape[0] // 2
    h = y
    for i in reversed(range(5)):
        if i % 2 == 0:
            h = torch.roll(h, half)  # 자리 바꾸기 되돌리기
        padded = F.pad(h, (1, 1))
        h = padded[:-2] - padded[1:-1] - padded[2:]  # 좌우로 뒤집은 필터
    return h / 3**5


x_tracked = x.clone().requires_grad_(True)
(by_autograd,) = torch.autograd.grad(weird_function(x_tracked), x_tracked, grad_outputs=y)
gap = torch.dot(weird_function(x), y) - torch.dot(x, weird_function_adjoint(y))
print(f"<Ax, y> - <x, A^T y> = {gap:.1e}")
print(f"자동 미분과의 가장 큰 차이: {(weird_function_adjoint(y) - by_autograd).abs().max():.1e}")


# %%
# 이제 원래 글의 반복문을 세 가지 방식으로, 같은 출발점에서 200단계씩 돌립니다. 각각 세 번
# 재서 가장 좋은 시간을 씁니다. 책의 함수와 자동 미분(원래 글 그대로), 벡터화한 함수와 자동
# 미분, 그리고 벡터화한 함수와 수반을 쓰고 자동 미분은 전혀 쓰지 않는 방식입니다.
# ``restore_gradient_descent`` 는 패키지에 있는 원래 글의 반복문입니다.
def timed(run, repeats=1):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return result, min(times)


steps = 200
book, book_seconds = timed(
    lambda: restore_gradient_descent(broken_image, start, steps=steps), repeats=3
)
vectorised, vectorised_seconds = timed(
    lambda: restore_gradient_descent(
        broken_image, start, steps=steps, forward=weird_function_vectorised
    ),
    repeats=3,
)
adjoint, adjoint_seconds = timed(
    lambda: restore_gradient_descent(
        broken_image,
        start,
        steps=steps,
        forward=weird_function_vectorised,
        adjoint=weird_function_adjoint,
    ),
    repeats=3,
)
print(f"책의 함수 + 자동 미분:     단계당 {book_seconds / steps * 1e3:.2f} ms")
print(
    f"벡터화한 함수 + 자동 미분: 단계당 {vectorised_seconds / steps * 1e3:.2f} ms, {book_seconds / vectorised_seconds:.1f}배 빠름"
)
print(
    f"벡터화한 함수 + 수반:      단계당 {adjoint_seconds / steps * 1e3:.2f} ms, {book_seconds / adjoint_seconds:.1f}배 빠름"
)
print(f"원래 글의 걸음과의 가장 큰 차이: {(adjoint.image - book.image).abs().max():.1e}")

# %%
# 더 나은 방법
# ------------
# 코드가 빨라져도 원래 글의 20,000단계는 그대로입니다. 더 나은 방법은 훨씬 적은 단계로 갑니다.
# 모두 같은 출발점에서 시작해 PSNR이 처음으로 40 dB 이상이 되는 단계에서 멈춥니다(앞
# 페이지에서 원래 글의 반복문은 마지막 1,000단계 안에서야 여기에 도달했습니다).
#
# - 모멘텀(momentum) 0.9의 ``torch.optim.SGD``: 원래 글의 손실(loss)과 학습률(learning rate)
#   그대로;
# - ``lr=0.03`` 인 ``torch.optim.Adam``: 원래 글의 손실 그대로;
# - 제곱 손실 :math:`\lVert Ax - b \rVert^2 / 2` 에 대한 ``torch.optim.LBFGS``;
# - 정규 방정식(normal equations) :math:`A^\top A x = A^\top b` 에 대한 켤레 기울기법
#   (conjugate gradient): :math:`A^\top` 은 자동 미분으로, 그리고 ``weird_function_adjoint`` 로;
# - 라운드마다 FFT 두 번으로 되돌리는 정확한 역함수 ``weird_function_inverse``.
#
# 패키지의 풀이 함수들은 벡터화한 함수를 씁니다. PyTorch가 처음 만드는 옵티마이저
# (optimizer)는 모듈을 더 불러오므로, 시간을 재지 않는 한 단계를 먼저 실행합니다.
restore_sgd(broken_image, start, steps=1)
target = {"reference": original, "target_psnr": 40.0}
sgd, sgd_seconds = timed(lambda: restore_sgd(broken_image, start, lr=0.8, momentum=0.9, **target))
adam, adam_seconds = timed(lambda: restore_adam(broken_image, start, lr=0.03, **target))
lbfgs, lbfgs_seconds = timed(lambda: restore_lbfgs(broken_image, start, **target))
cg, cg_seconds = timed(lambda: restore_conjugate_gradient(broken_image, start, **target))
cg_adjoint, cg_adjoint_seconds = timed(
    lambda: restore_conjugate_gradient(
        broken_image, start, adjoint=weird_function_adjoint, **target
    )
)
exact, exact_seconds = timed(lambda: weird_function_inverse(broken_image))
exact_loss = torch.dist(weird_function(exact), broken_image)
torch.set_num_threads(threads)  # 시간 측정이 끝났으니 스레드를 돌려줍니다


# %%
# 표는 방법마다 40 dB까지의 단계 수, 걸린 시간, 마지막 손실(원래 글처럼 ``torch.dist``),
# 마지막 PSNR을 보여 줍니다.
def row(result, seconds):
    return f"{result.steps:>6,} {seconds:>9.3f} {result.losses[-1]:>11.2e} {result.psnrs[-1]:>8.1f}"


print("  단계  시간(초)  마지막 손실  PSNR dB   방법")
print(f"{row(sgd, sgd_seconds)}   SGD, 모멘텀 0.9")
print(f"{row(adam, adam_seconds)}   Adam, lr 0.03")
print(f"{row(lbfgs, lbfgs_seconds)}   L-BFGS")
print(f"{row(cg, cg_seconds)}   켤레 기울기법, 자동 미분 수반")
print(f"{row(cg_adjoint, cg_adjoint_seconds)}   켤레 기울기법, 직접 쓴 수반")
print(
    f"     - {exact_seconds:>9.3f} {exact_loss:>11.2e} {psnr(exact, original):>8.1f}   정확한 역함수"
)

# %%
# 원래 글의 반복문은 어떨까요? 위에서 책의 함수와 자동 미분으로 잰 단계당 시간으로
# 20,000단계를 계산하면 다음과 같습니다.
seed_seconds = 20000 * book_seconds / steps
print(f"원래 글의 20,000단계: 약 {seed_seconds:.0f}초")
print(
    f"직접 쓴 수반을 쓴 켤레 기울기법의 {seed_seconds / cg_adjoint_seconds:,.0f}배, 정확한 역함수의 {seed_seconds / exact_seconds:,.0f}배인 시간입니다"
)

# %%
# 왼쪽 그림은 반복 방법들의 PSNR을 단계별로, 오른쪽 그림은 각 방법이 40 dB에 도달하는 데
# 걸린 시간을 보여 줍니다.
fig, (ax_steps, ax_time) = plt.subplots(1, 2, figsize=(7.5, 3.2))
ax_steps.semilogx(range(1, sgd.steps + 2), sgd.psnrs, label="SGD + 모멘텀")
ax_steps.semilogx(range(1, adam.steps + 2), adam.psnrs, label="Adam")
ax_steps.semilogx(range(1, lbfgs.steps + 2), lbfgs.psnrs, label="L-BFGS")
ax_steps.semilogx(range(1, cg.steps + 2), cg.psnrs, label="켤레 기울기법")
ax_steps.axhline(40, color="gray", linestyle="--")
ax_steps.set_xlabel("단계")
ax_steps.set_ylabel("PSNR (dB)")
ax_steps.legend(fontsize=8)
seconds = [sgd_seconds, adam_seconds, lbfgs_seconds, cg_seconds, cg_adjoint_seconds, exact_seconds]
ax_time.barh(range(6), seconds, color=["C0", "C1", "C2", "C3", "C3", "C4"])
ax_time.set_xscale("log")
ax_time.set_yticks(range(6))
ax_time.set_yticklabels(
    [
        "SGD + 모멘텀",
        "Adam",
        "L-BFGS",
        "켤레 기울기, 자동 미분",
        "켤레 기울기, 수반",
        "정확한 역함수",
    ]
)
ax_time.invert_yaxis()
ax_time.set_xlabel("40 dB까지 걸린 시간(초)")
fig.suptitle("같은 출발점에서 40 dB 사진까지의 단계와 시간")
plt.show()

# %%
# 빠른 방법이 빠른 이유
# ---------------------
# 어느 방법도 단계마다 더 싼 계산을 하지는 않습니다. 단계가 적거나, 단계마다 드는
# 부가 비용이 적을 뿐입니다.
#
# - **모멘텀** 은 지난 기울기들을 누적해 둡니다. 보통의 걸음이 좁은 골짜기를 가로질러
#   지그재그로 움직일 때, 지그재그는 서로 상쇄되고 골짜기를 따라가는 걸음은 쌓입니다.
# - **Adam** 은 값마다 걸음을 그 값의 최근 기울기 크기로 나눕니다. 그래서 손실이 거의
#   느끼지 못하는 픽셀도 다른 픽셀만큼 빠르게 움직입니다.
# - **L-BFGS** 는 최근 몇 걸음에서 기울기가 어떻게 변하는지 배워 다음 걸음의 크기를
#   거기에 맞춥니다. 10,000 x 10,000 행렬 없이 하는 뉴턴 방법과 비슷합니다.
# - **켤레 기울기법** 은 최소제곱 문제를 위해 만들어졌습니다. 단계마다 지금까지의 걸음으로
#   갈 수 있는 모든 점 가운데 가장 좋은 점을 고르고, 걸음 길이는 학습률 대신 계산해서
#   정합니다. 보통의 경사 하강법(gradient descent)은 정확도 한 자리마다
#   :math:`\kappa^2` 정도의 단계가 필요하고, 켤레 기울기법은 :math:`\kappa` 정도면
#   됩니다(:math:`\kappa` 는 조건수).
print(f"kappa = {condition:.0f}, kappa^2 = {condition**2:,.0f}")

# %%
# - **직접 쓴 수반** 은 자동 미분의 역전파와 같은 켤레 기울기 단계를 밟지만, 그래프를
#   만들고 되짚어 가지 않습니다.
# - **정확한 역함수** 는 단계를 전혀 밟지 않습니다. 라운드마다의 필터는 사인 변환이
#   대각 행렬로 바꿔 주는 삼중대각 행렬이라, 되돌리는 데 FFT 두 번이면 됩니다.
#
# 정리
# ----
# - 이상한 함수는 조건수가 크지 않은, 역함수가 있는 선형 사상입니다. 사진 복원은 잘
#   정의된 최소제곱 문제입니다.
# - 연산을 더 적고 크게 묶고 자동 미분을 빼면 같은 20,000단계가 더 빨리 돌아갑니다.
#   원래 반복문의 실행 시간(run time) 대부분은 작은 연산이 많아서 생기는 부가
#   비용입니다.
# - 문제에 맞는 방법(모멘텀, Adam, L-BFGS, 켤레 기울기법)은 20,000단계 대신 수백
#   단계면 되고, 정확한 역함수는 단계가 필요 없습니다.
# - 원래 글의 반복문으로 돌아가기: :ref:`sphx_glr_auto_examples_practice_plot_01_restoring_an_image.py`.
#
# PyTorch API: `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.optim.Adam <https://docs.pytorch.org/docs/stable/generated/torch.optim.Adam.html>`_,
# `torch.optim.LBFGS <https://docs.pytorch.org/docs/stable/generated/torch.optim.LBFGS.html>`_,
# `torch.autograd.grad <https://docs.pytorch.org/docs/stable/generated/torch.autograd.grad.html>`_,
# `torch.nn.functional.pad <https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.pad.html>`_,
# `torch.roll <https://docs.pytorch.org/docs/stable/generated/torch.roll.html>`_,
# `torch.fft.fft <https://docs.pytorch.org/docs/stable/generated/torch.fft.fft.html>`_.
