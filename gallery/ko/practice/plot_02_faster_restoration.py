r"""
동작하는 이유와 같은 사진에 더 빨리 가는 방법
=============================================

앞 페이지에서는 :ref:`post-basics-autograd` 글의 반복문, 곧 고정된 걸음 20,000번으로
사진을 복원했습니다. 이 페이지에서는 먼저 그 방법이 애초에 왜 동작하는지 측정합니다(이상한
함수는 선형이고 역함수가 있습니다). 이어서 계산 결과는 그대로 둔 채 같은 반복문을 더 빠르게
만들고, 같은 출발점에서 더 나은 방법으로 훨씬 짧은 시간 안에 사진에 도달합니다.
반복법(iterative method)마다 그 방법을 빠르게 만드는 부분을 꺼 보는 실험을 하고, 그러면
속도의 이점이 사라지는 것을 확인합니다. (선택)이 붙은 절은 수학을 더 많이 쓰므로
건너뛰어도 됩니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림 글꼴을 설정하고,
# 난수 시드를 고정합니다.
import math
import time

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

from pytorch_basics.plotting import describe_figure, use_site_style
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
# 이 페이지는 실행 시간(run time)을 잽니다. 시간이 컴퓨터의 코어 수에 따라 달라지지 않도록
# 스레드(thread) 하나로 실행하고, 나머지 스레드는 끝에서 돌려줍니다.
threads = torch.get_num_threads()
torch.set_num_threads(1)

# %%
# 같은 문제
# ---------
# 사진, 망가진 이미지, 무작위 출발점은 앞 페이지와 똑같이 만듭니다.
# ``weird_function``\ 은 패키지에 있는 책의 함수입니다.
original = sample_image().flatten()
broken_image = weird_function(original)
start = torch.randn(10000, dtype=torch.float64)
print(f"무작위 출발점의 PSNR: {psnr(start, original):.1f} dB")

# %%
# 이상한 함수는 선형입니다
# ------------------------
# 라운드마다 값에 상수를 곱해 더할 뿐이고, 자리 바꾸기는 값을 옮기기만 합니다. 그래서
# 어떤 수 :math:`a, b`\ 와 신호 :math:`x, y`\ 에 대해서도
# :math:`f(a x + b y) = a f(x) + b f(y)`\ 입니다. 무작위 신호 두 개로 확인하면, 양변은
# ``float64``\ 의 반올림 오차만큼만 다릅니다.
x = torch.randn(10000, dtype=torch.float64)
y = torch.randn(10000, dtype=torch.float64)
a, b = 0.7, -1.3
both = weird_function(a * x + b * y)
separately = a * weird_function(x) + b * weird_function(y)
print(f"가장 큰 차이: {(both - separately).abs().max():.1e}")

# %%
# 숫자 10,000개를 받는 선형 함수는 10,000 x 10,000 행렬 :math:`A`\ 입니다. 그러니 사진
# 복원은 망가진 이미지 :math:`b`\ 에 대해 :math:`A x = b`\ 를 푸는 일, 곧 최소제곱(least
# squares) 문제 :math:`\min_x \lVert A x - b \rVert`\ 가 됩니다.
#
# 역행렬이 있고, 조건도 좋습니다 (선택)
# -------------------------------------
# 이 절은 처음 읽을 때 건너뛰어도 됩니다. 페이지의 나머지는 이 절에 기대지 않습니다.
# :math:`A`\ 는 어떤 방향으로는 벡터를 늘이고 어떤 방향으로는 줄입니다. 가장 크게 늘이는
# 비율과 가장 작게 늘이는 비율이 가장 큰 *특이값(singular value)*\ 과 가장 작은 특이값이고,
# 둘의 비가 *조건수(condition number)* :math:`\kappa`\ 입니다. 여기서는 란초시(Lanczos)
# 반복(``singular_value_range``)으로 이 값들을 잽니다. 란초시 반복은 :math:`A`\ 와 그
# 전치를 곱하는 계산만 있으면 되는 방법입니다.
smallest, largest = singular_value_range()
condition = largest / smallest
print(f"sigma_min = {smallest:.5f}, sigma_max = {largest:.5f}")
print(f"조건수 = {condition:.2f}")

# %%
# 한 라운드의 필터 :math:`T`\ 만 따로 보면, 특이값은
# :math:`\sqrt{1 + 4\cos^2\theta_k}/3`\ 입니다(:math:`\theta_k = k\pi/10001`). 다섯
# 라운드는(자리 바꾸기는 길이를 바꾸지 않습니다) 많아야 :math:`T`\ 의 가장 큰 특이값의
# 5제곱만큼 늘이고, 가장 작은 특이값의 5제곱만큼 줄입니다. 그래서 :math:`T`\ 의 특이값
# 비를 5제곱한 값이 조건수의 상한이 됩니다(란초시 반복의 측정값은 아래에서부터 조건수에
# 다가갑니다).
theta = torch.arange(1, 10001, dtype=torch.float64) * torch.pi / 10001
round_values = torch.sqrt(1 + 4 * torch.cos(theta) ** 2) / 3
bound = (round_values.max() / round_values.min()) ** 5
print(f"라운드에서 구한 상한: {bound:.2f}")
print(f"측정값이 상한의 0.1% 안에 있는가: {condition <= bound < 1.001 * condition}")

# %%
# :math:`\sigma_{\min} > 0`\ 이므로 길이가 0으로 찌그러지는 방향이 없고, 따라서 사진을
# 정확히 되찾을 수 있습니다. 조건수는 망가진 이미지에 섞인 오차가 답에서 얼마나 커질 수
# 있는지를 제한합니다. :math:`b`\ 의 상대 오차가 :math:`\epsilon`\ 이면 정확한 답의 상대 오차는
# 많아야 :math:`\kappa\,\epsilon`\ 입니다. 망가진 이미지에 상대 크기 :math:`10^{-3}`\ 의
# 노이즈를 더하고 ``weird_function_inverse``\ 로 정확히 풀어 봅니다(이 함수는 마지막 절에서
# 설명합니다).
noise = torch.randn(10000, dtype=torch.float64)
noise = 1e-3 * broken_image.norm() * noise / noise.norm()
from_noisy = weird_function_inverse(broken_image + noise)
growth = ((from_noisy - original).norm() / original.norm()) / (noise.norm() / broken_image.norm())
print(f"상대 오차가 {growth:.1f}배로 커졌습니다(많아야 kappa = {condition:.1f}배)")
assert growth <= bound

# %%
# 같은 걸음, 더 빠른 코드
# -----------------------
# 글의 반복문은 한 단계마다 순전파(forward pass)와 역전파(backward pass)에서 숫자
# 10,000개에 작은 연산을 여러 번 실행합니다. 연산마다 다루는 숫자의 개수와 상관없는 고정
# 비용이 듭니다. 연산을 시작하는 비용이고, 자동 미분(autograd)을 쓰면 연산을 기록하고
# 되짚어 가는 비용까지 더해집니다. 책의 함수를 값 100개와 10,000개에 대해 재 보면 그 고정
# 비용이 얼마나 큰지 알 수 있습니다. 컴퓨터에서 함께 돌아가는 다른 프로그램의 영향을
# 줄이려고, 100번 호출을 다섯 번 재서 가장 짧은 시간을 씁니다.
def seconds_per_call(function, argument, calls=100, repeats=5):
    function(argument)  # 첫 호출은 재지 않습니다
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(calls):
            function(argument)
        best = min(best, (time.perf_counter() - started) / calls)
    return best


small = torch.randn(100, dtype=torch.float64)
small_seconds = seconds_per_call(weird_function, small)
large_seconds = seconds_per_call(weird_function, x)
print(f"책의 함수, 값 100개:    호출 한 번에 {small_seconds * 1e6:.0f} µs")
print(f"책의 함수, 값 10,000개: 호출 한 번에 {large_seconds * 1e6:.0f} µs")
print(f"고정 비용: 값 10,000개일 때 시간의 {small_seconds / large_seconds:.0%}")


# %%
# 그러니 빨라지려면 연산 수를 줄여야 합니다. 양 끝에 0을 한 번 덧대면(padding) 양쪽으로
# 한 칸씩 민 사본 두 개를 뷰(view)로 얻을 수 있습니다. 다섯 번 곱하던 :math:`1/3`\ 은 끝에서
# 한 번 나누는 것으로 바꾸고, 절반끼리 자리 바꾸기는 ``torch.roll``\ 로 합니다. 결과는
# 반올림 오차 안에서 같습니다.
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
vectorised_call = seconds_per_call(weird_function_vectorised, x)
print(
    f"벡터화한 함수, 값 10,000개: 호출 한 번에 {vectorised_call * 1e6:.0f} µs, 책의 함수보다 {large_seconds / vectorised_call:.1f}배 빠름"
)


# %%
# 선형 함수를 거슬러 가는 자동 미분의 역전파는 전치 행렬 :math:`A^\top`, 곧
# 수반(adjoint)을 곱하는 일입니다. 이 곱셈은 직접 구현할 수 있습니다. 라운드를 거꾸로 돌면서
# 자리 바꾸기를 되돌리고 필터를 좌우로 뒤집으면 됩니다. 내적 검사
# :math:`\langle A x, y\rangle = \langle x, A^\top y\rangle`\ 와 자동 미분의 답으로
# 확인합니다.
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
print(
    f"자동 미분과의 가장 큰 차이: {(weird_function_adjoint(y) - by_autograd).abs().max():.1e}"
)


# %%
# 이제 글의 반복문을 세 가지 방식으로, 같은 출발점에서 200단계씩 돌립니다. 각각 세 번
# 재서 가장 짧은 시간을 씁니다. 책의 함수와 자동 미분(글 그대로), 벡터화한 함수와 자동
# 미분, 그리고 벡터화한 함수와 수반을 쓰고 자동 미분은 전혀 쓰지 않는 방식입니다.
# ``restore_gradient_descent``\ 는 글의 반복문을 패키지에 구현한 것입니다.
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
print(f"글의 걸음과의 가장 큰 차이: {(adjoint.image - book.image).abs().max():.1e}")

# %%
# 더 나은 방법
# ------------
# 코드가 빨라져도 글의 20,000단계는 그대로입니다. 앞 페이지에서 글의 반복문은 그 끝
# 무렵에야 PSNR 40 dB에 도달했습니다. 더 나은 방법은 훨씬 적은 단계로 갑니다. 모두 같은
# 출발점에서 시작해 PSNR이 처음으로 40 dB 이상이 되는 단계에서 멈춥니다.
#
# - 모멘텀(momentum) 0.9의 ``torch.optim.SGD``: 글의 손실과 학습률 그대로(모멘텀과
#   Adam은 :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`\ 에서
#   배웠습니다)
# - ``lr=0.03``\ 인 ``torch.optim.Adam``: 글의 손실 그대로
# - 제곱 손실 :math:`\lVert Ax - b \rVert^2 / 2`\ 에 대한 ``torch.optim.LBFGS``
# - :math:`A^\top A x = A^\top b`\ 에 대한 켤레 기울기법(conjugate gradient): 전치
#   :math:`A^\top`\ 의 곱을 자동 미분으로 구하는 버전과 ``weird_function_adjoint``\ 로
#   구하는 버전
# - 걸음을 밟는 대신 고속 푸리에 변환(FFT)으로 라운드를 되돌리는 정확한 역함수
#   ``weird_function_inverse``
#
# 패키지의 솔버(solver)들은 벡터화한 함수를 씁니다. 처음 쓸 때만 하는 작업이 시간에
# 들어가지 않도록, 시간을 재지 않는 실행을 한 번 먼저 합니다.
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


# %%
# 표는 방법마다 40 dB까지의 단계 수, 걸린 시간, 마지막 손실(글처럼 ``torch.dist``),
# 마지막 PSNR을 보여 줍니다. 반복법은 모두 글의 20,000단계의 10분의 1도 안 되는 단계 만에
# 도달합니다.
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
assert max(sgd.steps, adam.steps, lbfgs.steps, cg.steps) < 20000 / 10

# %%
# 글의 반복문은 어떨까요? 위에서 책의 함수와 자동 미분으로 잰 단계당 시간으로
# 20,000단계를 계산하면 다음과 같습니다.
seed_seconds = 20000 * book_seconds / steps
print(f"글의 20,000단계: 약 {seed_seconds:.0f}초")
print(
    f"직접 쓴 수반을 쓴 켤레 기울기법의 {seed_seconds / cg_adjoint_seconds:,.0f}배, 정확한 역함수의 {seed_seconds / exact_seconds:,.0f}배인 시간입니다"
)

# %%
# 왼쪽 그림은 반복법들의 PSNR을 단계별로 보여 주고, 오른쪽 그림은 각 방법이 40 dB에
# 도달하는 데 걸린 시간을 보여 줍니다.
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
    ["SGD + 모멘텀", "Adam", "L-BFGS", "켤레 기울기, 자동 미분", "켤레 기울기, 수반", "정확한 역함수"]
)
ax_time.invert_yaxis()
ax_time.set_xlabel("40 dB까지 걸린 시간(초)")
fig.suptitle("같은 출발점에서 40 dB 사진까지의 단계와 시간")
describe_figure(
    fig,
    "왼쪽은 반복법 네 가지의 PSNR을 단계(로그 눈금)에 따라 그린 선 그래프입니다. 모두 "
    f"{sgd.psnrs[0]:.1f} dB에서 출발해 점선으로 그린 40 dB에 닿기까지 켤레 기울기법은 "
    f"{cg.steps:,}단계, L-BFGS는 {lbfgs.steps:,}단계, Adam은 {adam.steps:,}단계, SGD + "
    f"모멘텀은 {sgd.steps:,}단계를 갑니다. 오른쪽은 여섯 방법이 40 dB까지 걸린 시간을 로그 "
    f"눈금에 그린 가로 막대그래프로, SGD + 모멘텀이 {sgd_seconds:.1f}초로 가장 오래 걸리고 "
    f"아래 막대로 갈수록 짧아져 정확한 역함수는 {exact_seconds:.3f}초 만에 끝납니다.",
)
plt.show()

# %%
# 모멘텀이 빠른 이유: 꺼 보기
# ---------------------------
# 반복법들은 단계 수를 줄여서 이깁니다. 이제 방법마다 빠르게 만든다고 여겨지는 부분을 끄고
# 어떻게 되는지 봅니다. 먼저 모멘텀입니다. 모멘텀이 0인 SGD가 곧 글의 반복문입니다. 모멘텀
# 0.9인 SGD에 필요했던 만큼 단계를 가도, 아직 사진과는 거리가 멉니다. 그리고 그 지점에서
# 이웃한 두 걸음은 같은 쪽을 향합니다. 두 걸음 사이의 코사인(두 벡터가 같은 쪽을 향하면 1,
# 정반대 쪽을 향하면 -1)이 1에 가깝습니다. 모멘텀의 누적 속도(velocity)가 기울기를
# 상쇄시키지 않고 더해 쌓는 것이 바로 이런 경우입니다.
plain = restore_gradient_descent(
    broken_image,
    start,
    steps=sgd.steps,
    forward=weird_function_vectorised,
    adjoint=weird_function_adjoint,
    reference=original,
)


def plain_step(x):
    residual = weird_function_vectorised(x) - broken_image
    return x - 0.8 * weird_function_adjoint(residual / residual.norm())


after_one = plain_step(plain.image)
after_two = plain_step(after_one)
first, second = after_one - plain.image, after_two - after_one
print(f"{sgd.steps:,}단계 뒤: 모멘텀 0.9 {sgd.psnrs[-1]:.1f} dB, 모멘텀 0 {plain.psnrs[-1]:.1f} dB")
print(
    f"모멘텀 없는 반복문의 이웃한 두 걸음 사이 코사인: {torch.dot(first, second) / (first.norm() * second.norm()):.6f}"
)
assert plain.psnrs[-1] < 20


# %%
# 모멘텀의 속도 :math:`v \leftarrow 0.9\,v + g`\ 는
# (:ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`\ 에서 본 것처럼) 실제로
# 기울기를 더해 쌓습니다. 기울기를 수반으로 구하는 모멘텀을 몇 줄로 직접 작성하고,
# ``torch.optim.SGD``\ 와 같은 걸음을 밟는지 확인합니다. 그다음 모멘텀이 40 dB까지 가는 데
# 걸린 단계 수의 절반만큼 갔을 때, 속도가 기울기 하나보다 얼마나 긴지 잽니다.
def momentum_steps(steps, momentum=0.9):
    x, velocity = start.clone(), torch.zeros_like(start)
    for _ in range(steps):
        residual = weird_function_vectorised(x) - broken_image
        gradient = weird_function_adjoint(residual / residual.norm())  # torch.dist의 기울기
        velocity = momentum * velocity + gradient
        x = x - 0.8 * velocity
    return x, (velocity.norm() / gradient.norm()).item()


difference = (momentum_steps(100)[0] - restore_sgd(broken_image, start, steps=100).image).abs().max()
print(f"100단계 뒤 torch.optim.SGD와의 가장 큰 차이: {difference:.1e}")
ratio = momentum_steps(sgd.steps // 2)[1]
print(f"{sgd.steps // 2:,}단계 뒤: 속도의 길이 / 기울기의 길이 = {ratio:.2f}")
assert difference < 1e-10 and 9 < ratio < 11

# %%
# 그러니 그 지점에서 모멘텀의 걸음 :math:`\text{lr}\cdot v`\ 는, 같은 지점에서 글의 반복문이
# 내딛는 걸음 :math:`\text{lr}\cdot g`\ 보다 약 :math:`1/(1 - 0.9) = 10`\ 배 깁니다.
# %%
# 이 문제에서 Adam이 빠른 이유: 부분별로 꺼 보기
# ----------------------------------------------
# Adam은 값마다 기울기의 이동 평균(계수 :math:`\beta_1 = 0.9`)과 기울기 제곱의 이동
# 평균을 두고, 앞의 것을 뒤의 것의 제곱근으로 나눕니다. 그래서 값마다 걸음 크기가 따로
# 정해집니다. 부분을 하나씩 끄기 위해 Adam을 몇 줄로 직접 작성합니다(기울기는 수반으로
# 구합니다). 이 함수는 마지막 걸음에 대해, 마지막 두 기울기 사이의 코사인과 값 하나가
# 움직인 평균 거리를 ``lr``\ 로 나눈 값도 알려 줍니다. 100단계 동안은
# ``torch.optim.Adam``\ 과 같은 결과를 냅니다. 수백 단계를 가면 아주 작은 반올림 차이가
# 눈에 보일 만큼 커지므로, 그 뒤로는 직접 작성한 코드의 세 가지 버전끼리 비교합니다.
def adam_steps(steps, *, per_element=True, beta1=0.9, lr=0.03):
    x, m, v = start.clone(), torch.zeros_like(start), torch.zeros_like(start)
    gradient = None
    for k in range(1, steps + 1):
        residual = weird_function_vectorised(x) - broken_image
        previous, gradient = gradient, weird_function_adjoint(residual / residual.norm())
        m = beta1 * m + (1 - beta1) * gradient
        v = 0.999 * v + 0.001 * gradient**2
        m_hat, v_hat = m / (1 - beta1**k), v / (1 - 0.999**k)
        scale = v_hat.sqrt() if per_element else v_hat.mean().sqrt()
        move = lr * m_hat / (scale + 1e-8)
        x = x - move
    flip = torch.dot(gradient, previous) / (gradient.norm() * previous.norm())
    return x, flip.item(), (move.abs().mean() / lr).item()


reference_100 = restore_adam(broken_image, start, lr=0.03, steps=100).image
difference = (adam_steps(100)[0] - reference_100).abs().max().item()
print(f"100단계 뒤 torch.optim.Adam과의 가장 큰 차이: {difference:.1e}")
assert difference < 1e-8

# %%
# 이제 같은 단계 수만큼, 모든 값이 걸음 크기 하나를 함께 쓰는 경우(값마다 자기 제곱을 쓰는
# 대신 제곱의 평균을 씀)와 기울기의 이동 평균이 없는 경우(:math:`\beta_1 = 0`)를 돌립니다.
own, own_flip, own_move = adam_steps(adam.steps)
shared = adam_steps(adam.steps, per_element=False)[0]
no_average, no_average_flip, no_average_move = adam_steps(adam.steps, beta1=0.0)
print(f"{adam.steps}단계 뒤: Adam {psnr(own, original):.1f} dB")
print(f"  걸음 크기 하나를 함께 쓸 때: {psnr(shared, original):.1f} dB")
print(f"  기울기 이동 평균이 없을 때: {psnr(no_average, original):.1f} dB")
assert psnr(shared, original) >= psnr(own, original) - 1
assert psnr(no_average, original) < psnr(own, original) - 5

# %%
# 이 문제에서 Adam이 빠른 이유는 픽셀마다 걸음 크기를 따로 주기 때문이 아닙니다. 걸음
# 크기 하나를 함께 써도 적어도 그만큼은 잘합니다. 빠른 이유는 기울기의 이동 평균입니다.
# 이동 평균이 없으면 Adam은 한참 뒤처집니다. 이동 평균이 하는 일은 두 실행의 마지막
# 걸음에서 드러납니다.
print(f"마지막 두 기울기 사이의 코사인: Adam {own_flip:+.2f}, 이동 평균 없음 {no_average_flip:+.2f}")
print(f"값 하나가 움직인 평균 거리 / lr:  Adam {own_move:.2f},  이동 평균 없음 {no_average_move:.2f}")
assert own_flip < -0.5 and no_average_flip < -0.5 and own_move < 0.2 < 0.8 < no_average_move

# %%
# 두 실행 모두 이제 이웃한 두 기울기가 대체로 반대 방향을 가리킵니다. 값들이 앞뒤로
# 오가고 있다는 뜻입니다(앞 페이지의 선택 절에서 글의 반복문에 대해 이런 오락가락을
# 측정했습니다). Adam은 값마다 자기 기울기 크기의 이동 평균으로 나누므로, 이동 평균이
# 없으면 모든 값이 여전히 걸음마다 약 ``lr``\ 만큼 앞뒤로 움직입니다. 이동 평균이 있으면
# 부호가 뒤집히는 기울기들이 서로 상쇄되어, 값들은 ``lr``\ 의 몇 퍼센트만 움직입니다.
# 모멘텀의 속도와 달리 Adam의 이동 평균은 기울기를 더해 쌓지 않습니다. 평균이므로 가장 긴
# 기울기보다 길어질 수 없습니다.
#
# L-BFGS와 켤레 기울기법이 빠른 이유 (선택)
# -----------------------------------------
# 이 절은 처음 읽을 때 건너뛰어도 됩니다. 뒤의 내용은 이 절에 기대지 않습니다. 두 방법
# 모두 학습률을 조정할 필요가 없고, 앞선 걸음에서 알게 된 것을 씁니다. L-BFGS는 최근 몇
# 걸음과 그동안 기울기가 어떻게 변했는지로 걸음 크기를 정하고, 켤레 기울기법은 새 기울기에
# 이전 방향의 일부를 더합니다. 그 일부는 새 걸음이 앞선 걸음의 진전을 되돌리지 않도록
# 고르고, 그 방향으로 가장 좋은 걸음 길이를 계산합니다. 이 기억을 끄면 기울기 방향으로
# 가는 걸음만 남습니다. 그런 걸음 가운데 가장 좋은 걸음, 곧 기울기 방향으로 가장 좋은
# 길이만큼 가는 방법이 *최급강하법(steepest descent)*\ 입니다. 켤레 기울기법의 반복문에서
# 방향 업데이트만 뺀 것과 같습니다.
def steepest_descent(steps):
    x = start.clone()
    residual = broken_image - weird_function_vectorised(x)
    psnrs = [psnr(x, original)]
    for _ in range(steps):
        gradient = weird_function_adjoint(residual)
        image = weird_function_vectorised(gradient)
        length = torch.dot(gradient, gradient) / torch.dot(image, image)  # 가장 좋은 길이
        x = x + length * gradient
        residual = residual - length * image
        psnrs.append(psnr(x, original))
        if psnrs[-1] >= 40:
            break
    return psnrs


descent = steepest_descent(10000)
print(f"최급강하법의 {lbfgs.steps}번째 단계: {descent[lbfgs.steps]:.1f} dB (L-BFGS: 40 dB)")
print(f"최급강하법의 {cg.steps}번째 단계: {descent[cg.steps]:.1f} dB (켤레 기울기법: 40 dB)")
print(f"최급강하법이 40 dB에 도달한 단계: {len(descent) - 1:,}")
assert descent[lbfgs.steps] < 20 and descent[cg.steps] < 20

# %%
# 기억이 없으면 기울기 방향으로 가장 좋은 걸음을 밟아도 몇 배나 많은 단계가 필요합니다.
# 잘 알려진 수렴 한계도 같은 결론입니다. 정확도를 같은 만큼 올리는 데 최급강하법은 많아야
# :math:`\kappa^2`\ 에, 켤레 기울기법은 :math:`\kappa`\ 에 비례하는 단계 수가 필요합니다.
# 여기서 두 단계 수의 비는 :math:`\kappa`\ 와 같은 자릿수입니다.
print(f"단계 수의 비: {(len(descent) - 1) / cg.steps:.0f}, kappa = {condition:.0f}")

# %%
# 직접 쓴 수반
# ------------
# 수반을 직접 구현한 켤레 기울기법은 자동 미분의 수반을 쓸 때와 같은 걸음을 밟습니다.
# 자동 미분은 이상한 함수의 그래프를 한 번 기록해 두고 단계마다 그 그래프를 거슬러 가지만,
# 직접 쓴 수반은 텐서 연산 몇 개로 끝납니다. 결과는 같고, 단계당 시간은 더 짧습니다.
print(f"가장 큰 차이: {(cg_adjoint.image - cg.image).abs().max():.1e}")
assert torch.allclose(cg_adjoint.image, cg.image)
print(
    f"단계당 시간: 자동 미분 {cg_seconds / cg.steps * 1e3:.2f} ms, 직접 쓴 수반 {cg_adjoint_seconds / cg_adjoint.steps * 1e3:.2f} ms"
)


# %%
# 정확한 역함수 (선택)
# --------------------
# 이 절은 처음 읽을 때 건너뛰어도 됩니다. 뒤의 내용은 이 절에 기대지 않습니다. 정확한
# 역함수는 걸음을 전혀 밟지 않습니다. 한 라운드의 필터 :math:`T`\ 를 적용하면 수 하나가
# 곱해지기만 하는 벡터, 곧 고유벡터(eigenvector)들이 알려져 있습니다. 위상
# :math:`1, i, -1, -i`\ 가 되풀이되는 사인파 :math:`\sin((j + 1)\theta_k)`\ 이고, 각각
# :math:`\lambda_k = (-1 + 2i\cos\theta_k)/3`\ 이 곱해집니다. 그중 몇 개를 확인합니다.
def one_round(h):
    padded = F.pad(h, (1, 1))
    return (padded[2:] - padded[1:-1] - padded[:-2]) / 3


j = torch.arange(10000, dtype=torch.float64)
phases = torch.tensor([1, 1j, -1, -1j], dtype=torch.complex128)[torch.arange(10000) % 4]
for k in (1, 2500, 5000, 10000):
    angle = k * math.pi / 10001
    wave = phases * torch.sin((j + 1) * angle)
    eigenvalue = complex(-1, 2 * math.cos(angle)) / 3
    print(f"k = {k:>5}: |T wave - lambda wave| <= {(one_round(wave) - eigenvalue * wave).abs().max():.1e}")
torch.set_num_threads(threads)  # 계산이 끝났으니 스레드를 돌려줍니다

# %%
# 이 사인파들을 기저로 쓰면, 두 자리 바꾸기 사이의 라운드를 되돌리는 일은 :math:`\lambda_k`\ 의
# 거듭제곱으로 나누는 일이 됩니다. 그 기저로 바꿨다가 되돌리는 계산은 이산 사인
# 변환(DST)이고, ``torch.fft.fft``\ 가 빠르게 계산합니다. 그래서
# ``weird_function_inverse``\ 는 FFT 몇 번으로 끝나고 걸음이 필요 없으며, 반올림 오차
# 안에서 정확합니다(표의 손실과 PSNR이 보여 주는 대로입니다).
#
# 정리
# ----
# - 이상한 함수는 역함수가 있는 선형 함수이고, 따라서 사진 복원은 최소제곱
#   문제입니다(선택: 조건수도 크지 않습니다).
# - 연산을 더 적은 수의 큰 연산으로 묶고 자동 미분을 빼면, 같은 20,000단계가 더 빨리
#   돌아갑니다. 글의 반복문에서 실행 시간의 큰 몫은 작은 연산이 많아서 생기는 고정
#   비용입니다.
# - 더 나은 방법은 훨씬 적은 단계로 도달합니다. 그리고 각 방법의 핵심 부분, 곧 모멘텀,
#   Adam의 기울기 이동 평균(픽셀별 걸음 크기가 아닙니다), L-BFGS와 켤레 기울기법의 기억을
#   끄면 그 이점이 사라집니다. 정확한 역함수는 걸음이 필요 없습니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_modules_plot_01_module_map.py`
#
# PyTorch API: `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.optim.Adam <https://docs.pytorch.org/docs/stable/generated/torch.optim.Adam.html>`_,
# `torch.optim.LBFGS <https://docs.pytorch.org/docs/stable/generated/torch.optim.LBFGS.html>`_,
# `torch.autograd.grad <https://docs.pytorch.org/docs/stable/generated/torch.autograd.grad.html>`_,
# `torch.nn.functional.pad <https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.pad.html>`_,
# `torch.roll <https://docs.pytorch.org/docs/stable/generated/torch.roll.html>`_,
# `torch.fft.fft <https://docs.pytorch.org/docs/stable/generated/torch.fft.fft.html>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 선형성을 확인할 때 ``both``\ 와 ``separately``\ 의 가장 큰 차이를
#    출력했습니다. ``torch.equal(both, separately)``\ 와 ``torch.allclose(both, separately)``\ 는
#    각각 무엇을 출력할까요?
# 2. **하나만 바꾸고 설명하기.** ``weird_function_vectorised``\ 에서 ``torch.roll(h, -half)``\ 를
#    ``torch.roll(h, half)``\ 로 바꿉니다. 페이지의 값 10,000개에서 여전히 책의 함수와 같은
#    결과가 나올까요? 값 7개짜리 신호에서는 어떨까요?
# 3. **직접 작성하기.** ``plain_step``\ 과 ``momentum_steps``\ 는 글에서 쓴 손실의 기울기를 직접
#    계산합니다. ``r = weird_function(x) - broken_image``\ 일 때
#    ``weird_function_adjoint(r / r.norm())``\ 입니다. ``torch.autograd.grad``\ 로
#    ``x = start``\ 에서 ``torch.dist(weird_function(x), broken_image)``\ 의 기울기를 구해 이
#    식과 비교해 보세요.
# 4. **예측한 뒤 실행하기.** 모멘텀의 속도는 :math:`v \leftarrow 0.9\,v + g`\ 입니다.
#    :math:`v = 0`\ 에서 출발해 매번 같은 기울기 :math:`g = 1`\ 로 50단계를 가면 :math:`v`\ 는
#    대략 얼마가 될까요? 기울기의 부호가 단계마다 바뀌면(1, -1, 1, ...) 어떨까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 앞의 것은 ``False``, 뒤의 것은 ``True``\ 입니다. 양변은 수학적으로는 같지만, 서로 다른 연산을
# 다른 순서로 해서 구합니다(신호를 먼저 합치거나, 함수를 먼저 적용합니다). 부동소수점 연산은
# 결과를 반올림하므로 결과가 계산 순서에 따라 달라지고, 그래서 많은 값이 마지막 자리에서
# 다릅니다. ``torch.equal``\ 은 모든 값이 정확히 같아야 ``True``\ 이고, ``torch.allclose``\ 는
# 작은 오차를 허용합니다. 계산으로 얻은 부동소수점 수를 비교할 때는 ``torch.allclose``\ 를
# 씁니다.
print(f"(0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3): {(0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3)}")
differing = (both != separately).sum().item()
print(f"다른 값: {differing:,}개 (전체 {both.numel():,}개 가운데)")
print(f"torch.equal: {torch.equal(both, separately)}, torch.allclose: {torch.allclose(both, separately)}")
assert (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3)
assert differing > 0 and not torch.equal(both, separately) and torch.allclose(both, separately)

# %%
# 풀이 2
# ^^^^^^
# 값 10,000개에서는 달라지지 않습니다. 5,000 + 5,000이 전체 길이이므로, 앞으로 5,000칸
# 굴리든 뒤로 5,000칸 굴리든 모든 값이 같은 자리에 갑니다. 값 7개에서는 ``half``\ 가 3이고,
# 앞으로 3칸과 뒤로 3칸은 다른 자리입니다. 책의 자리 바꾸기
# ``torch.cat((h[half:], h[:half]))``\ 와 같은 것은 ``-half``\ 뿐입니다.
def weird_function_other_way(x):
    half = x.shape[0] // 2
    h = x
    for i in range(5):
        padded = F.pad(h, (1, 1))
        h = padded[2:] - padded[1:-1] - padded[:-2]
        if i % 2 == 0:
            h = torch.roll(h, half)  # -half 대신 +half
    return h / 3**5


for length in (6, 7):
    values = torch.arange(length)
    print(f"arange({length}): roll +3 {torch.roll(values, 3).tolist()}, roll -3 {torch.roll(values, -3).tolist()}")
short = torch.randn(7, dtype=torch.float64)
matches = {}
for signal in (x, short):
    book_output = weird_function(signal)
    matches[signal.shape[0]] = (
        torch.allclose(weird_function_vectorised(signal), book_output),
        torch.allclose(weird_function_other_way(signal), book_output),
    )
    print(f"값 {signal.shape[0]:,}개, 책의 함수와 같은가: -half {matches[signal.shape[0]][0]}, +half {matches[signal.shape[0]][1]}")
assert matches[10000] == (True, True) and matches[7] == (True, False)

# %%
# 풀이 3
# ^^^^^^
# 둘은 같습니다. 손실은 :math:`r = Ax - b`\ 의 길이 :math:`\lVert r \rVert`\ 이고,
# :math:`r`\ 에 대한 기울기는 :math:`r / \lVert r \rVert`\ 입니다. 선형인 이상한 함수를
# 거슬러 가는 역전파는 여기에 전치 행렬 :math:`A^\top`, 곧 수반을 곱하는데, 그 곱셈이 바로
# ``weird_function_adjoint``\ 가 하는 계산입니다.
candidate = start.clone().requires_grad_(True)
(by_autograd,) = torch.autograd.grad(torch.dist(weird_function(candidate), broken_image), candidate)
r = weird_function(start) - broken_image
by_formula = weird_function_adjoint(r / r.norm())
print(f"가장 큰 차이: {(by_autograd - by_formula).abs().max():.1e}")
assert torch.allclose(by_autograd, by_formula)

# %%
# 풀이 4
# ^^^^^^
# 기울기가 매번 같으면 :math:`v = 1 + 0.9 + 0.9^2 + \dots`\ 이고,
# :math:`1 / (1 - 0.9) = 10`\ 을 향해 커집니다. 기울기가 더해져 쌓입니다. 부호가 바뀌면
# 항의 부호가 번갈아 나와 대부분 상쇄됩니다. :math:`v`\ 는 양쪽을 오가고, 그 크기는
# :math:`1 / (1 + 0.9) \approx 0.53` 근처에 자리 잡습니다(홀수 번째 단계 뒤에는 조금 크고,
# 짝수 번째 단계 뒤에는 조금 작습니다). 그리고 기울기 하나의 크기인 1보다 커지지 않습니다.
# 위에서 잰 지점(모멘텀이 40 dB에 도달한 단계 수만큼 간 뒤)에서 모멘텀 없는 반복문의 이웃한
# 두 걸음은 같은 쪽을 향했습니다(코사인이 1에 가깝습니다). 모멘텀이 도움이 되는 첫 번째
# 경우입니다.
same_sign, flipping = 0.0, 0.0
flipping_sizes = []
for k in range(50):
    same_sign = 0.9 * same_sign + 1.0
    flipping = 0.9 * flipping + (-1.0) ** k
    flipping_sizes.append(abs(flipping))
print(f"같은 기울기:          v = {same_sign:+.4f}   (1 / (1 - 0.9) = {1 / (1 - 0.9):.4f})")
print(f"부호가 바뀌는 기울기: v = {flipping:+.4f}   (1 / (1 + 0.9) = {1 / (1 + 0.9):.4f})")
print(
    f"부호가 바뀌는 기울기, 49번째와 50번째 단계 뒤 v의 크기: {flipping_sizes[-2]:.4f}, {flipping_sizes[-1]:.4f}"
)
print(f"부호가 바뀌는 기울기, 50단계 동안 v의 가장 큰 크기: {max(flipping_sizes):.4f}")
assert 9.9 < same_sign < 10 and flipping_sizes[-1] < 1 / (1 + 0.9) < flipping_sizes[-2]
assert max(flipping_sizes) <= 1 and abs(flipping_sizes[-1] - 1 / (1 + 0.9)) < 0.01
