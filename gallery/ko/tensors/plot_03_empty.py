r"""
torch.empty와 쓰레기값
======================

``torch.empty`` 함수는 텐서(tensor)를 만들면서 값을 하나도 쓰지 않습니다. 그래서 각
요소에는 초기화되지 않은 메모리(uninitialised memory)에 원래 있던 값, 곧
쓰레기값(garbage value)이 남고, 그 값이 우연히 0처럼 보일 수도 있습니다. 이
페이지에서는 일부러 예전 값이 되살아나게 해 보고, 0은 어디서 오는지 확인하고,
초기화(initialisation)를 건너뛰면 시간을 얼마나 아끼는지 재 본 다음, ``empty`` 함수를
안전하게 쓰는 방법으로 마무리합니다. 글 :ref:`post-deep-learning-1`\ 에는 ``empty``\ 가 한
번은 0을, 다음번에는 예전 숫자를 돌려주는 모습이 나옵니다. 이 페이지는 두 경우를 모두
설명합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림 글꼴을 설정하고,
# 난수 시드를 고정합니다. 다만 이 페이지에 출력되는 숫자는 대부분 실행하는 컴퓨터에
# 따라 달라집니다. ``empty``\ 가 돌려주는 값과 측정한 시간이 모두 그렇습니다.
import subprocess
import sys
import timeit

import matplotlib.pyplot as plt
import torch
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.tensors import describe

use_site_style()
torch.manual_seed(0)

# %%
# torch.empty가 약속하는 것
# -------------------------
# PyTorch 문서에 따르면 ``torch.empty``\ 는 "초기화되지 않은 데이터로 채운 텐서를
# 돌려줍니다(returns a tensor filled with uninitialized data)". 형태(shape)와 데이터
# 타입(dtype)은 정해지지만 값은 정해지지 않습니다. 이런 값은 페이지를 빌드할 때마다
# 달라질 수 있으므로, 이 페이지는 직접 세거나 확인한 것만 출력합니다. (글
# :ref:`post-deep-learning-1`\ 은 "The values in the tensor are uninitialized. You
# should not use them before overwriting."이라는 경고를 공식 문서의 말로 인용하지만,
# ``torch.empty`` 문서에는 그런 문장이 없습니다. 다만 그 조언 자체는 옳으며, 이
# 페이지에서 그 까닭을 확인합니다.)
unset = torch.empty((2, 3))
print(describe(unset))

# %%
# 예전 값이 되살아납니다
# ----------------------
# 텐서를 지우면 그 메모리는 메모리 할당자(allocator)로 돌아갑니다. 리눅스에서는 보통
# C 라이브러리인 glibc의 ``malloc``\ 이 할당자입니다. 할당자는 나중에 비슷한 크기의
# 요청이 오면 그 메모리를 다시 내줍니다. 어떤 요청이 어떤 블록을 받을지는 프로그램이
# 앞서 할당한 모든 것에 달려 있습니다. 그래서 실험은 이 페이지에서 한 일이 끼어들 수
# 없도록 새 파이썬 프로세스에서 실행합니다.
experiment = """
import sys
import torch

n, tries = int(sys.argv[1]), int(sys.argv[2])
missed = []
for _ in range(tries):
    old = torch.full((n,), 7.0)
    del old
    b = torch.empty(n)
    if b[n // 2].item() == 7.0:
        break
    missed.append(b)
sys.stdout.buffer.write(b.numpy().tobytes())
"""


def run_experiment(n, tries):
    command = [sys.executable, "-c", experiment, str(n), str(tries)]
    result = subprocess.run(command, capture_output=True, check=True)
    return torch.frombuffer(bytearray(result.stdout), dtype=torch.float32)


# %%
# 이 실험은 요소 ``n``\ 개를 7.0으로 채우고, 지운 다음, ``empty``\ 로 요소 ``n``\ 개를
# 요청합니다. 다른 블록을 받을 때도 있습니다. 그러면 그 블록을 ``missed`` 리스트에
# 넣어 두어 다음 시도에서 같은 블록을 다시 받지 않게 하고, 가운데 요소가 7.0이 될
# 때까지 최대 ``tries``\ 번 다시 시도합니다(``.item()``\ 은 요소가 하나인 텐서를
# 파이썬 숫자로 바꿉니다). 그런 다음 메모리의 바이트를 그대로 돌려보냅니다.
# ``sys.executable``\ 은 이 페이지를 실행하는 파이썬이고, ``torch.frombuffer``\ 는 받은
# 바이트를 다시 텐서로 바꿉니다. 먼저 요소 1000개로 해 봅니다.
b = run_experiment(1000, tries=100)

# %%
# 이제 ``empty``\ 가 돌려준 값을 세어 봅니다. 블록이 비어 있는 동안 할당자는 블록의
# 첫 몇 바이트에 관리용 정보(빈 블록을 추적하는 데 쓰는 메모리 주소)를 적어 둘 수
# 있습니다. 그래서 앞쪽 요소 ``b[:8]``\ 은 따로 셉니다. 실행할 때마다, 또 할당자에 따라
# 이 자리에는 나머지처럼 7.0이 있기도 하고, 일부나 전부에 그런 주소가 있기도 합니다.
matches = b == 7.0
print(f"예전 값이 되살아났는가: {bool(matches.any())}")
print(f"0번부터 7번 요소 중 7.0인 것: {int(matches[:8].sum())} / 8")
print(f"8번부터 999번 요소 중 7.0인 것: {int(matches[8:].sum())} / {matches[8:].numel()}")
print(f"b[8:16] = {b[8:16]}")

# %%
# 요소 1000개를 모두 그림으로 그리면 패턴이 한눈에 보입니다.
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.pcolormesh(
    matches.reshape(25, 40).numpy(),
    cmap=ListedColormap(["tab:orange", "tab:blue"]),
    vmin=0,
    vmax=1,
    edgecolors="white",
    linewidth=0.3,
)
ax.invert_yaxis()
ax.set_aspect("equal")
ax.set_title("torch.empty(1000)이 돌려준 값, 한 줄에 요소 40개")
ax.set_xticks([])
ax.set_yticks([])
ax.legend(
    handles=[
        Patch(color="tab:blue", label="7.0, 지운 텐서가 남긴 값"),
        Patch(color="tab:orange", label="그 밖의 값"),
    ],
    loc="upper center",
    bbox_to_anchor=(0.5, -0.02),
    ncol=2,
)
describe_figure(
    fig,
    "torch.empty가 돌려준 텐서의 요소 1000개를 한 줄에 40개씩, 25줄의 작은 네모로 그린 "
    "격자입니다. 왼쪽 위부터 한 줄씩 읽으며, 파란색은 지운 텐서의 7.0이 그대로 남은 요소, "
    f"주황색은 그 밖의 값이 든 요소입니다. 파란 네모는 {int(matches.sum())}개, 주황 네모는 "
    f"{int((~matches).sum())}개이고, 할당자가 관리 정보를 적을 수 있는 맨 앞 여덟 개 가운데 "
    f"파란 네모는 {int(matches[:8].sum())}개입니다.",
)
plt.show()

# %%
# 네모 하나가 새 텐서의 요소 하나이고, 왼쪽 위부터 한 줄씩 읽습니다. 파란색은 지운
# 텐서의 7.0이 그대로 남은 요소이고, 주황색은 그 밖의 값이 든 요소입니다(할당자가 관리
# 정보를 적은 실행이라면 맨 앞의 몇 요소). 이렇게 된 것은 ``torch.empty``\ 가 무언가를
# 해서가 아닙니다. 아무것도 쓰지 않았을 뿐입니다. 어느 시도에서도 예전 블록을 다시 받지
# 못했다면 네모가 모두 주황색입니다. 그래도 쓰레기값이기는 마찬가지이고, 다른 무언가가
# 남긴 값일 뿐입니다.
#
# 새 메모리는 0으로 채워져 있습니다
# ---------------------------------
# glibc의 ``malloc``\ 은 40 MB처럼 아주 큰 블록은 다시 쓰려고 모아 둔 블록에서 꺼내지
# 않습니다. 매번 운영체제에서 새 메모리를 받아 오고, 블록이 해제되면 운영체제에 돌려줍니다.
# 운영체제는 다른 프로그램의 데이터를 읽을 수 없도록 새 메모리를 0으로 채워서 줍니다.
# 이번에도 새 프로세스에서, 요소 천만 개(40 MB)로 한 번만 시도해 봅니다.
big = run_experiment(10_000_000, tries=1)
print(f"7.0인 요소: {int((big == 7.0).sum())}")
print(f"0.0인 요소: {int((big == 0.0).sum())} / {big.numel()}")

# %%
# 모든 요소가 0이어도 ``torch.empty``\ 가 0으로 채운 것은 아닙니다. 메모리를 마침
# 그런 곳에서 받아 왔을 뿐입니다. ``empty``\ 가 돌려준 0도 쓰레기값입니다. 크기가
# 다르거나, 운영체제나 할당자가 다르면 같은 코드가 예전 숫자를 돌려줄 수 있습니다. (어떤
# 리눅스 환경은 glibc의 ``malloc`` 대신 tcmalloc을 씁니다. tcmalloc은 큰 블록도 재사용하려고
# 남겨 두므로, 그런 환경에서는 이 실험의 모든 요소에 7.0이 되살아납니다.)
#
# empty가 있는 이유: 속도
# -----------------------
# 모든 요소에 값을 쓰는 데는 시간이 듭니다. ``torch.zeros``\ 는 그 일을 하고
# ``torch.empty``\ 는 건너뜁니다. 요소 천만 개로 둘의 실행 시간(run time)을 재고,
# ``zeros``\ 의 시간 중 ``empty``\ 가 아끼는 비율을 계산합니다. 측정값은 컴퓨터마다,
# 실행할 때마다 다르며, 각 값은 세 번 잰 것 중 가장 짧은 시간입니다.
n = 10_000_000


def milliseconds(make, runs=2):
    return min(timeit.repeat(make, number=runs, repeat=3)) / runs * 1e3


empty_ms = milliseconds(lambda: torch.empty(n))
zeros_ms = milliseconds(lambda: torch.zeros(n))
print(f"torch.empty(n): {empty_ms:.4f} ms")
print(f"torch.zeros(n): {zeros_ms:.4f} ms")
print(f"empty가 아끼는 시간: {1 - empty_ms / zeros_ms:.2%}")

# %%
# 이렇게 아낀 시간의 일부는 나중으로 미뤄질 뿐입니다. glibc가 받아 오는 40 MB 블록처럼
# 새 메모리라면, 운영체제는 무언가가 처음 값을 쓸 때가 되어서야 그 메모리 페이지를 실제로
# 내줍니다. 곧 값을 채울 텐서라면 그 비용을 그때 치릅니다. 실제 코드처럼 두 텐서를
# 곧바로 1로 채워 봅니다. 이제 둘 다 메모리 페이지 비용을 치르므로, ``empty``\ 가 아끼는
# 시간은 ``zeros``\ 가 0을 한 번 써 넣는 시간뿐입니다. 아끼는 비율은 훨씬 작아지고, 바쁜
# 컴퓨터에서는 측정 오차에 묻혀 보이지 않을 수도 있습니다.
empty_filled_ms = milliseconds(lambda: torch.empty(n).fill_(1.0))
zeros_filled_ms = milliseconds(lambda: torch.zeros(n).fill_(1.0))
print(f"torch.empty(n).fill_(1.0): {empty_filled_ms:.4f} ms")
print(f"torch.zeros(n).fill_(1.0): {zeros_filled_ms:.4f} ms")
print(f"empty가 아끼는 시간: {1 - empty_filled_ms / zeros_filled_ms:.2%}")

# %%
# empty를 안전하게 쓰는 법
# ------------------------
# ``empty``\ 는 무언가가 텐서를 읽기 전에 모든 요소를 한꺼번에 덮어쓸 때 알맞습니다.
# 흔한 경우가 두 가지 있습니다. 연산이 결과 전체를 써 넣는 ``out=`` 텐서, 그리고 같은
# 형태의 텐서에서 값을 복사해 오는 ``copy_``\ 입니다.
x = torch.arange(5.0)
doubled = torch.empty(5)
torch.mul(x, 2, out=doubled)
buffer = torch.empty(5)
buffer.copy_(x)
print(f"doubled: {doubled}, x * 2와 같은가: {torch.equal(doubled, x * 2)}")
print(f"buffer:  {buffer}, x와 같은가: {torch.equal(buffer, x)}")

# %%
# PyTorch의 난수 함수도 이렇게 동작합니다. ``torch.rand``\ 는 ``empty`` 뒤에 모든
# 요소를 덮어쓰는 ``uniform_``\ 을 부른 것과 같아서, 시드가 같으면 두 방법이 똑같은
# 숫자를 줍니다.
torch.manual_seed(1)
by_rand = torch.rand(5)
torch.manual_seed(1)
by_empty = torch.empty(5).uniform_()
print(f"torch.rand(5):            {by_rand}")
print(f"torch.empty(5).uniform_(): {by_empty}")
print(f"완전히 같은가: {torch.equal(by_rand, by_empty)}")

# %%
# 디버깅할 때는 ``torch.use_deterministic_algorithms(True)``\ 로 ``empty``\ 가 텐서를
# 채우게 할 수 있습니다(``torch.utils.deterministic.fill_uninitialized_memory``\ 가
# 기본값 ``True``\ 로 남아 있을 때). 부동소수점 텐서는 NaN("숫자가 아님", not a number)으로, 정수
# 텐서는 그 타입의 가장 큰 값으로 채우므로, 잘못해서 그 값을 읽으면 바로 눈에 띕니다.
# 이 설정은 프로그램 전체에 적용되므로 다 쓴 뒤에는 다시 끕니다.
torch.use_deterministic_algorithms(True)
print(f"torch.empty(3):                    {torch.empty(3)}")
print(f"torch.empty(3, dtype=torch.int64): {torch.empty(3, dtype=torch.int64)}")
torch.use_deterministic_algorithms(False)

# %%
# 정리
# ----
# - ``torch.empty``\ 는 형태와 데이터 타입만 정합니다. 값은 메모리에 있던 그대로이고,
#   같은 프로그램이 남긴 예전 숫자일 수도, 새 메모리의 0일 수도 있습니다.
# - 이 함수는 초기화를 건너뛰어 시간을 아끼려고 있습니다. 곧바로 값을 채울 텐서라면
#   메모리 전체에 값을 한 번 쓰는 시간만큼 아낍니다.
# - 보통은 ``torch.zeros``, ``torch.ones``, ``torch.rand``\ 를 씁니다. ``empty``\ 는
#   모든 요소를 한꺼번에 덮어쓸 때만 씁니다. ``out=``, ``copy_``, ``uniform_``\ 이
#   그런 경우입니다.
# - 디버깅할 때는 ``torch.use_deterministic_algorithms(True)``\ 로 ``empty``\ 가 텐서를
#   NaN(정수라면 가장 큰 값)으로 채우게 할 수 있습니다. 잘못해서 그 값을 읽으면 바로
#   눈에 띕니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_tensors_plot_04_dtypes.py`
#
# PyTorch 문서:
# `torch.empty <https://docs.pytorch.org/docs/stable/generated/torch.empty.html>`_,
# `torch.zeros <https://docs.pytorch.org/docs/stable/generated/torch.zeros.html>`_,
# `torch.Tensor.copy_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.copy_.html>`_,
# `torch.Tensor.uniform_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.uniform_.html>`_,
# `torch.use_deterministic_algorithms <https://docs.pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html>`_

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 아래 코드는 ``empty``\ 로 만든 텐서의 앞쪽 세 요소만 채웁니다.
#    ``partial``\ 의 요소 다섯 개 가운데 믿고 읽을 수 있는 것은 어느 것일까요?
#
#    .. code-block:: python
#
#       partial = torch.empty(5)
#       partial[:3] = x[:3]
#
# 2. **하나만 바꾸고 설명하기.** 아래 코드에서 ``torch.zeros(3)``\ 을 ``torch.empty(3)``\ 으로
#    바꾸면 ``total``\ 은 어떻게 될까요? 위에서 본 디버깅 설정으로 확인해 보세요.
#
#    .. code-block:: python
#
#       total = torch.zeros(3)
#       for _ in range(4):
#           total += torch.ones(3)
#
# 3. **직접 작성하기.** ``torch.empty``\ 로 요소 5개짜리 텐서 ``squares``\ 를 만들고,
#    ``out=``\ 을 써서 ``x``\ 의 각 요소를 제곱한 값으로 채워 보세요. 모든 요소가
#    채워졌는지도 확인해 보세요.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 앞쪽 세 요소뿐입니다. ``partial[:3] = x[:3]``\ 은 그 세 자리에만 값을 쓰고, 나머지 두
# 요소에는 메모리에 있던 쓰레기값이 그대로 남습니다. 디버깅 설정을 켜고 실행하면 채우지 않은
# 두 자리가 NaN으로 드러납니다.
torch.use_deterministic_algorithms(True)
partial = torch.empty(5)
partial[:3] = x[:3]
torch.use_deterministic_algorithms(False)
print(f"partial: {partial}")
assert torch.equal(partial[:3], x[:3])
assert torch.isnan(partial[3:]).all()

# %%
# 풀이 2
# ^^^^^^
# ``+=`` 연산은 ``total``\ 이 원래 담고 있던 값에 더하므로, 시작 값이 쓰레기값이면 합계도
# 쓰레기값입니다. 설정 없이 실행하면 쓰레기값이 마침 0일 때 4.0이 나와 문제가 없어 보이지만,
# 디버깅 설정에서는 시작 값이 NaN이고 NaN에 무엇을 더해도 NaN이므로 바로 드러납니다.
# ``torch.zeros``\ 로 시작하면 1을 네 번 더한 4.0이 나옵니다.
torch.use_deterministic_algorithms(True)
total = torch.empty(3)
for _ in range(4):
    total += torch.ones(3)
torch.use_deterministic_algorithms(False)
total_from_zeros = torch.zeros(3)
for _ in range(4):
    total_from_zeros += torch.ones(3)
print(f"empty로 시작한 합계: {total}")
print(f"zeros로 시작한 합계: {total_from_zeros}")
assert torch.isnan(total).all()
assert torch.equal(total_from_zeros, torch.full((3,), 4.0))

# %%
# 풀이 3
# ^^^^^^
# ``torch.mul(x, x, out=squares)``\ 는 결과 전체를 ``squares``\ 에 써 넣으므로 ``empty``\ 를
# 써도 안전합니다. 디버깅 설정을 켠 채로 만들면 채우지 않은 요소는 NaN으로 남으므로, NaN이
# 하나도 없다는 것은 모든 요소가 채워졌다는 뜻입니다.
torch.use_deterministic_algorithms(True)
squares = torch.empty(5)
torch.mul(x, x, out=squares)
torch.use_deterministic_algorithms(False)
print(f"squares: {squares}")
print(f"NaN인 요소: {int(torch.isnan(squares).sum())}개")
assert not torch.isnan(squares).any()
assert torch.equal(squares, x * x)
