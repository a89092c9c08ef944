r"""
PyTorch 모듈 지도
=================

지금까지 PyTorch 모듈 네 개를 써 보았습니다. 텐서(tensor)를 다루는 ``torch``, 기울기(gradient)를
계산하는 ``torch.autograd``, 모델과 손실 함수를 만드는 ``torch.nn``, 옵티마이저(optimizer)를
담은 ``torch.optim``\ 입니다. 글 :ref:`post-deep-learning-1`\ 은 PyTorch의 많은 모듈 가운데 이 네
개에 ``torch.utils``, ``torch.multiprocessing``, ``torch.onnx``\ 를 더해 일곱 개를
소개합니다. 이 페이지는 일곱 모듈을 한 바퀴 둘러봅니다. 이미 써 본 모듈과 앞으로 쓰게 될
모듈입니다. 모듈마다 역할, 그 모듈을 찾게 되는 상황(글의 표현 그대로), 한 줄 요약을
정리하고, 실제로 실행되는 작은 예제를 하나씩 보여 줍니다. 텐서 두 개를 더하는 것부터
모델을 ONNX로 내보내 PyTorch 밖에서 실행하는 것까지 다룹니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. ``load_example``\ 는 이 사이트의 패키지에 들어 있는 작은 함수로, 아래에서
# 워커(worker) 프로세스들이 실행합니다.
#
# 이 페이지는 *워커 프로세스*(worker process)도 띄웁니다. 워커 프로세스는 지금 실행 중인
# 파이썬 옆에서 함께 돌아가며 일을 나누어 맡는 또 하나의 파이썬입니다(아래
# ``torch.multiprocessing`` 절). 페이지를 내려받은 스크립트로 실행하면, 각 워커는 먼저
# 스크립트의 최상위 코드를 다시 실행합니다. 그래서 여기서 한 번만 실행되어야 하는 셀의
# 코드는 모두 ``if __name__ == "__main__":`` 아래에 두었습니다. 파이썬은 직접 실행한
# 스크립트에서 ``__name__``\ 을 ``"__main__"``\ 으로 정합니다(노트북에서도, 이 사이트를 만들
# 때도 마찬가지입니다). 워커에서는 ``"__mp_main__"``\ 이므로 워커는 이 블록들을 건너뜁니다.
# 이 조건문이 없으면 무엇이 잘못되는지는 아래의 선택 절에서 보여 줍니다.
import matplotlib.pyplot as plt
import torch
import torch.multiprocessing as mp
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.workers import load_example

use_site_style()
torch.manual_seed(0)

# %%
# 모듈들이 맞물리는 방식
# ----------------------
# 학습을 한 번 돌리면 거의 모든 모듈을 거칩니다. ``torch.utils.data``\ 가 데이터를 배치(batch)로
# 나누고(불러오기가 느리면 ``torch.multiprocessing`` 워커의 도움을 받습니다), ``torch.nn``
# 모델이 배치에서 예측값과 손실을 만들고, ``torch.autograd``\ 가 기울기를 계산하고,
# ``torch.optim``\ 이 파라미터(parameter)를 업데이트하며, ``torch.onnx``\ 는 학습된 모델을
# 다른 곳으로 옮겨 줍니다. 이 모든 계산은 ``torch`` 텐서 위에서 이루어집니다.
if __name__ == "__main__":
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    box = {"boxstyle": "round,pad=0.5", "facecolor": "#dbe9f6", "edgecolor": "#3a6ea5"}
    arrow = {"arrowstyle": "-|>", "color": "#444444", "lw": 1.5}
    note = {"ha": "center", "va": "center", "fontsize": 8, "color": "#444444"}
    ax.text(1.6, 5.0, "torch.utils.data\nDataLoader: 배치", ha="center", va="center", bbox=box)
    ax.text(5.0, 5.0, "torch.nn\n모델과 손실", ha="center", va="center", bbox=box)
    ax.text(8.4, 5.0, "torch.onnx\n모델 내보내기", ha="center", va="center", bbox=box)
    ax.text(1.6, 2.9, "torch.multiprocessing\n워커 프로세스", ha="center", va="center", bbox=box)
    ax.text(5.0, 2.9, "torch.autograd\n기울기", ha="center", va="center", bbox=box)
    ax.text(8.4, 2.9, "torch.optim\n파라미터 업데이트", ha="center", va="center", bbox=box)
    ax.text(
        5.0,
        1.3,
        "torch: 텐서와 텐서 연산 (모든 상자가 사용)",
        ha="center",
        va="center",
        bbox={**box, "facecolor": "#fde9c9", "edgecolor": "#b7791f"},
    )
    ax.annotate("", xy=(1.6, 4.45), xytext=(1.6, 3.45), arrowprops=arrow)
    ax.annotate("", xy=(4.05, 5.0), xytext=(2.85, 5.0), arrowprops=arrow)
    ax.annotate("", xy=(7.25, 5.0), xytext=(5.95, 5.0), arrowprops=arrow)
    ax.annotate("", xy=(5.0, 3.45), xytext=(5.0, 4.45), arrowprops=arrow)
    ax.annotate("", xy=(6.95, 2.9), xytext=(5.95, 2.9), arrowprops=arrow)
    ax.annotate("", xy=(5.6, 4.45), xytext=(7.9, 3.45), arrowprops=arrow)
    ax.text(0.75, 3.95, "병렬로\n불러오기", **note)
    ax.text(3.45, 5.35, "배치", **note)
    ax.text(6.6, 5.35, "학습된\n모델", **note)
    ax.text(4.3, 3.95, "loss.backward()", **note)
    ax.text(6.45, 2.6, ".grad", **note)
    ax.text(7.3, 4.1, "optimizer.step()", **note)
    ax.set_xlim(0, 10)
    ax.set_ylim(0.7, 5.8)
    ax.axis("off")
    ax.set_title("학습에서 PyTorch 모듈들이 함께 일하는 방식")
    describe_figure(
        fig,
        "PyTorch 모듈 일곱 개를 상자로, 모듈 사이를 오가는 것을 화살표로 그린 도식입니다. "
        "torch.multiprocessing의 워커 프로세스가 병렬로 불러온 데이터를 torch.utils.data의 "
        "DataLoader가 배치로 묶어 torch.nn의 모델과 손실로 보내고, loss.backward()로 "
        "torch.autograd가 기울기를 계산하면 torch.optim이 그 .grad로 optimizer.step()을 실행해 "
        "모델의 파라미터를 업데이트합니다. 학습된 모델은 torch.onnx로 내보내며, 맨 아래의 "
        "torch 상자는 모든 상자가 쓰는 텐서와 텐서 연산입니다.",
    )
    plt.show()

# %%
# 그림은 데이터(왼쪽 위)에서 업데이트된 모델까지 학습 한 단계가 지나가는 길과, 그 양쪽 끝에
# 있는 두 모듈을 보여 줍니다. 한쪽은 데이터를 대 주는 워커 프로세스이고, 다른 쪽은 학습된
# 모델을 PyTorch 밖으로 꺼내는 내보내기입니다.
#
# torch: 텐서와 텐서 연산
# -----------------------
# **역할.** PyTorch의 메인 네임스페이스(namespace)입니다. 숫자를 담는 그릇인 텐서를 만들고
# 그 텐서로 사칙연산을 합니다(:doc:`/auto_examples/tensors/index` 장). **상황:** "숫자들을 담은 그릇을 만들고
# 더하고 빼고 곱하고 나누고 싶다!" **한 줄 요약:** 텐서는 숫자 뭉치이고, ``torch``\ 는 그
# 숫자 뭉치를 다루는 NumPy와 비슷한 계산 도구입니다.
if __name__ == "__main__":
    numbers = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    print(f"numbers + 10:\n{numbers + 10}")
    print(f"numbers * numbers (요소별 곱):\n{numbers * numbers}")
    print(f"numbers / 2 - 1:\n{numbers / 2 - 1}")

# %%
# torch.autograd: 자동 미분 계산기
# --------------------------------
# **역할.** 기울기(미분)를 자동으로 계산합니다. ``.backward()``\ 가 실행하는 역전파가 바로
# 이 모듈이 하는 일입니다(:doc:`/auto_examples/autograd/index` 장). **상황:** "모델이 잘못
# 예측했을 때, 어떻게 고쳐야 할지 계산해 줘!" **한 줄 요약:** 학습 중의 기울기 자동
# 계산기입니다. 기울기를 ``.grad``\ 에 저장하는 ``.backward()`` 말고도, 기울기를 돌려주는
# ``torch.autograd.grad``\ 가 있습니다. 여기서는 가중치가 하나뿐인 모델이 :math:`x = 2`,
# :math:`w = 0.5`\ 일 때 :math:`wx`\ 를 예측합니다. 정답은 3이고 손실은
# :math:`(wx - 3)^2`\ 입니다. 손으로 계산하면
# :math:`\partial \text{loss} / \partial w = 2(wx - 3)x = -8`\ 입니다. 음수이므로
# :math:`w`\ 를 키우면 손실이 줄어듭니다.
if __name__ == "__main__":
    w = torch.tensor(0.5, requires_grad=True)
    x = torch.tensor(2.0)
    loss = (w * x - 3.0) ** 2
    (grad_w,) = torch.autograd.grad(loss, w)
    print(f"자동 미분: d loss / dw = {grad_w.item():.4f}")
    print(f"손 계산: 2 * (w * x - 3) * x = {(2 * (w * x - 3.0) * x).item():.4f}")

# %%
# torch.nn: 신경망 레고 블록
# --------------------------
# **역할.** 레이어(층), 활성화 함수(ReLU 등), 모델 구조, 손실 함수를 바로 조립해 쓸 수
# 있게 모아 둔 도구 모음입니다(:doc:`/auto_examples/models/index` 장). **상황:** "딥러닝 모델을
# 만들고 싶어요. 레고처럼 쌓고 싶어요!" **한 줄 요약:** 모델을 만들 때 쓰는 블록
# 모음집입니다. 여기서는 ``nn.Sequential``\ 이 선형 레이어, ReLU, 선형 레이어를 차례로
# 쌓습니다. 이 모델은 숫자 2개로 된 행 하나를 숫자 1개로 바꿉니다.
if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))
    print(model)
    print(f"파라미터 수: {sum(p.numel() for p in model.parameters())}")
    print(f"행 3개를 넣었을 때 출력 형태: {tuple(model(torch.randn(3, 2)).shape)}")

# %%
# torch.optim: 옵티마이저
# -----------------------
# **역할.** SGD, Adam처럼 학습 중에 모델의 파라미터를 바꾸는 알고리즘을 제공합니다.
# **상황:** "모델이 더 똑똑해지도록 파라미터를 어떻게 바꿀까요?" **한 줄 요약:** 학습의
# GPS입니다. 기울기를 보고 각 파라미터를 어디로 옮길지 정합니다(SGD는 기울기의 반대
# 방향, 곧 손실이 줄어드는 쪽으로 옮깁니다). 여기서는 예제 8개(정답은 두 입력의 합)로
# ``torch.optim.SGD``\ 를 한 걸음 실행하고, 모델의 손실이 줄어드는지 확인합니다.
if __name__ == "__main__":
    inputs = torch.randn(8, 2)
    targets = inputs.sum(dim=1, keepdim=True)
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_before = loss_fn(model(inputs), targets)
    optimizer.zero_grad()
    loss_before.backward()
    optimizer.step()
    with torch.no_grad():
        loss_after = loss_fn(model(inputs), targets)
    print(f"한 걸음 전 손실: {loss_before.item():.4f}, 후: {loss_after.item():.4f}")
    assert loss_after < loss_before

# %%
# torch.utils: 도구함과 DataLoader
# --------------------------------
# **역할.** 자주 쓰는 보조 기능을 모아 둔 곳입니다. 그중 으뜸은 ``torch.utils.data``\ 로,
# 데이터셋(dataset)을 만들고 나누고 배치로 묶습니다. **상황:** "데이터를 조금씩
# 나눠서 모델에 넣고 싶어요!" **한 줄 요약:** 데이터 다루기 도우미입니다.
# ``TensorDataset``\ 이 특성 2개짜리 예제 10개와 레이블 10개를 짝짓고, 데이터 로더(data
# loader) ``DataLoader``\ 가 이를 4개씩 배치로 내줍니다. 그래서 마지막 배치에는 남은 2개가
# 들어갑니다.
if __name__ == "__main__":
    features = torch.arange(20.0).reshape(10, 2)
    labels = torch.arange(10)
    dataset = TensorDataset(features, labels)
    loader = DataLoader(dataset, batch_size=4)
    print(f"예제 {len(dataset)}개, 배치 {len(loader)}개")
    for batch_features, batch_labels in loader:
        print(f"특성 {tuple(batch_features.shape)}, 레이블 {tuple(batch_labels.shape)}")

# %%
# torch.multiprocessing: 여러 일꾼이 동시에
# -----------------------------------------
# **역할.** 여러 프로세스에서 작업을 병렬로 처리합니다. 특히 데이터 로딩과 대규모 연산에
# 쓸모가 있습니다. **상황:** "CPU 여러 개를 써서 데이터를 빠르게 읽고 싶어요!" **한 줄
# 요약:** 데이터 로딩과 연산 속도를 높이기 위한 병렬 처리 도구입니다. 파이썬의
# ``multiprocessing``\ 에 PyTorch의 기능을 더한 모듈이며, 그중 가장 중요한 것은 이것입니다.
# 다른 프로세스로 보내는 텐서는 파이썬의 *피클*(pickle: 객체를 바이트로 바꾸는 방식)처럼
# 바이트 하나하나가 메시지에 복사되지 않습니다. 텐서의 데이터는 공유 메모리에 놓이고, 상대
# 프로세스는 그 메모리를 가리키는 핸들만 받습니다.
#
# 워커 2개짜리 풀(pool)이 ``load_example``\ 로 예제 6개를 불러옵니다. 워커를 띄우는 방식을
# *시작 방식*(start method)이라고 합니다. ``"spawn"``\ 은 워커를 새 파이썬으로 시작합니다.
# Windows에서는 유일한 시작 방식이고 macOS에서는 기본 방식입니다. Linux에서도 똑같이
# 동작하도록 이 페이지는 이 방식을 이름으로 지정합니다. 풀은 조건문 안에서 만들므로, 이
# 스크립트의 최상위 코드를 실행하는 워커가 자기 풀을 또 만들지 않습니다.
if __name__ == "__main__":
    context = mp.get_context("spawn")
    with context.Pool(processes=2) as pool:
        examples = pool.map(load_example, range(6))
    batch = torch.stack(examples)
    print(f"워커들이 만든 배치: {tuple(batch.shape)}")
    print(f"반복문과 같은 결과: {torch.equal(batch, torch.stack([load_example(i) for i in range(6)]))}")
    from_worker, made_here = examples[0].is_shared(), load_example(0).is_shared()
    print(f"공유 메모리에 있는가: 워커에서 온 텐서 {from_worker}, 여기서 만든 텐서 {made_here}")

# %%
# ``DataLoader``\ 도 같은 방식으로 워커를 씁니다. ``num_workers=2``\ 로 두면 워커 프로세스 두
# 개가 배치를 준비하고, ``multiprocessing_context=context``\ 가 이 워커들도 ``"spawn"``\ 으로
# 띄웁니다. 배치는 워커 없이 만들 때와 똑같고, 일만 나누어 할 뿐입니다. ``"spawn"``\ 이
# 기본인 macOS나 Windows의 노트북에서는 노트북 안에서 정의한 ``Dataset`` 클래스를 워커가 쓸
# 수 없어서, 데이터 로더가 "DataLoader worker ... exited unexpectedly" 오류를 내며 멈춥니다.
# ``TensorDataset``\ 은 PyTorch에 들어 있으므로 어디서나 동작합니다. 그 이유는 아래의 선택
# 절에서 보여 줍니다.
if __name__ == "__main__":
    parallel_loader = DataLoader(dataset, batch_size=4, num_workers=2, multiprocessing_context=context)
    parallel_batches = [batch_features for batch_features, _ in parallel_loader]
    print(f"배치 형태: {[tuple(b.shape) for b in parallel_batches]}")
    print(f"워커 없이 만든 것과 같은 예제: {torch.equal(torch.cat(parallel_batches), features)}")

# %%
# 조건문이 막는 일, 그리고 워커가 실행할 코드를 둘 곳 (선택)
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# 처음 읽을 때는 이 부분을 건너뛰어도 됩니다. 뒤의 내용은 이 부분에 기대지 않습니다. 먼저
# 조건문입니다. 여섯 줄짜리 스크립트로 시험해 봅니다. 이 스크립트는 자기 최상위 코드를
# 실행하는 프로세스의 이름을 출력하고, 실패할 일이 없는 작업 ``abs(-1)``\ 을 맡은
# ``"spawn"`` 워커 하나를 띄운 뒤, 워커의 종료 코드(exit code: 프로세스가 정상적으로 끝나면
# 0)를 출력합니다. 새 파이썬이 이 스크립트를 한 번은 그대로, 한 번은 워커 부분을 조건문
# 아래에 넣어 실행합니다.
if __name__ == "__main__":
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    unguarded = """import multiprocessing
print(multiprocessing.current_process().name)
worker = multiprocessing.get_context("spawn").Process(target=abs, args=(-1,))
worker.start()
worker.join()
print(worker.exitcode)
"""
    guarded = """import multiprocessing
print(multiprocessing.current_process().name)
if __name__ == "__main__":
    worker = multiprocessing.get_context("spawn").Process(target=abs, args=(-1,))
    worker.start()
    worker.join()
    print(worker.exitcode)
"""
    for under_guard, script in [(False, unguarded), (True, guarded)]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "tiny.py"
            path.write_text(script)
            run = subprocess.run([sys.executable, "-u", str(path)], capture_output=True, text=True)
        *top_level_ran_in, exit_code = run.stdout.split()
        error = run.stderr.partition("RuntimeError:")[2]
        first_sentence = " ".join(error.split(".")[0].split())
        print(f"워커 부분이 조건문 아래에 있는가: {under_guard}")
        print(f"  최상위 코드를 실행한 프로세스: {top_level_ran_in}, 워커의 종료 코드: {exit_code}")
        if first_sentence:
            print(f"  워커의 오류: RuntimeError: {first_sentence}.")

# %%
# 두 번 모두 워커가 스크립트의 최상위 코드를 실행했습니다(``SpawnProcess-1``\ 이 워커의
# 이름입니다). 조건문이 없으면 그 최상위 코드가 이어서 자기 워커를 또 띄우려 하고,
# ``multiprocessing``\ 이 위의 오류로 이를 막습니다. 그래서 워커는 맡은 일을 하지 못합니다.
# 워커 하나 대신 풀을 쓰면 더 나쁩니다. 새로 띄운 워커마다 같은 식으로 실패하고 스크립트가
# 끝나지 않습니다. 조건문이 있으면 워커는 그 블록을 건너뜁니다.
#
# 두 번째는 워커가 실행할 코드를 둘 곳입니다. 풀은 워커에게 함수를 *이름으로* 보냅니다.
# ``load_example``\ 를 피클하면 모듈 이름과 함수 이름만 남고, 워커는 그 모듈을 import해서
# 함수를 찾습니다. 이 페이지에서 정의한 함수는 ``__main__`` 모듈에 속합니다. 그런데 spawn으로
# 띄운 워커 같은 새 파이썬에는 자기만의 ``__main__``\ 이 있고, 거기서는 ``double``\ 이 한
# 번도 정의되지 않았습니다(스크립트에서는 조건문 안에 있고, 노트북에는 워커가 import할 파일이
# 없습니다). 그래서 ``load_example``\ 는 찾지만 ``double``\ 은 찾지 못합니다. 아래에서
# 피클한 함수를 새 파이썬이 하나씩 풀어 봅니다.
if __name__ == "__main__":
    import pickle

    def double(value):
        return 2 * value

    unpickle = "import pickle, sys; print(pickle.loads(sys.stdin.buffer.read()).__name__)"
    for function in (load_example, double):
        pickled = pickle.dumps(function)
        fresh = subprocess.run([sys.executable, "-c", unpickle], input=pickled, capture_output=True)
        found = fresh.returncode == 0
        error = "" if found else fresh.stderr.decode().strip().splitlines()[-1]
        print(f"{function.__module__}.{function.__name__} ({len(pickled)}바이트): 찾음 {found} {error}")

# %%
# 이 페이지의 워커가 사이트 패키지의 ``load_example``\ 를 실행하는 이유가 이것입니다.
# 노트북에서 정의한 함수나 ``Dataset`` 클래스는 spawn으로 띄운 워커에 보낼 수 없습니다.
# (파이썬 3.13까지 Linux의 기본 시작 방식인 ``"fork"``\ 는 실행 중인 프로세스를 그대로
# 복제하므로 워커에도 페이지의 함수가 있습니다. 하지만 Windows에는 ``"fork"``\ 가 없습니다.)
#
# torch.onnx: 모델 번역기
# -----------------------
# **역할.** PyTorch 모델을 모델용 공개 파일 형식인 `ONNX <https://onnx.ai/>`_ (Open Neural
# Network Exchange)로 바꿉니다. **상황:** "PyTorch로 학습시켰는데, 이걸 모바일 앱이나 다른
# 시스템에서 쓰고 싶어요!" **한 줄 요약:** 다른 시스템에서도 PyTorch 모델을 쓸 수 있게
# 해 주는 번역기입니다. 글 :ref:`post-deep-learning-1`\ 은 옮겨 갈 곳으로 TensorFlow와
# Caffe를 들지만, 요즘에는 ONNX 파일을 `ONNX Runtime <https://onnxruntime.ai/>`_ 같은
# 런타임이 서버, 휴대폰, 브라우저에서 직접 실행하는 일이 많습니다.
#
# 내보내기에는 PyTorch 말고도 ``onnx``\ 와 ``onnxscript``\ 가 필요하고, 내보낸 파일을
# 실행하려면 ``onnxruntime``\ 이 필요합니다. 세 패키지 모두 이 사이트의 패키지를 설치할 때
# 함께 설치됩니다. ``torch.onnx.export``\ 는 먼저 ``torch.export``\ 로 모델을 포착한 뒤
# 번역하는데, 번역은 ``onnxscript``\ 가 맡습니다.
import logging
import tempfile
import warnings
from pathlib import Path

if __name__ == "__main__":
    import onnx
    import onnxruntime

# %%
# 내보내기 도구가 내는 메시지 중 두 가지는 이 모델과 관계가 없으므로 정확히 그 두 가지만
# 숨깁니다. torch 2.13은 이 모델이 쓰지 않는 이미지 연산자에 대해 "torchvision is not
# installed"라는 로그를 남기고, 내보내기 도구가 스스로 지원 중단(deprecated)한 내부 클래스
# (``LeafSpec``)의 객체를 복사하면서 PyTorch 내부에서 ``FutureWarning``\ 을 냅니다. 다른
# 메시지는 모두 그대로 나타납니다.
logging.getLogger("torch.onnx._internal.exporter._registration").addFilter(
    lambda record: not record.getMessage().startswith("torchvision is not installed")
)
warnings.filterwarnings(
    "ignore", message=r"`isinstance\(treespec, LeafSpec\)` is deprecated", category=FutureWarning
)

# %%
# 내보내기는 ``model.onnx``\ 를 임시 폴더에 쓰고, 이 폴더는 ``with`` 블록이 끝날 때 파일과
# 함께 지워집니다. ``external_data=False``\ 는 가중치를 파일 하나 안에 담고,
# ``verbose=False``\ 는 진행 상황 출력을 끕니다. 그다음 파일을 다시 읽습니다.
# ``onnx.checker``\ 가 파일이 올바른지 검사하고, PyTorch를 전혀 모르는 ONNX Runtime이 이
# 파일만으로 모델의 출력을 계산합니다.
if __name__ == "__main__":
    model.eval()
    sample = torch.randn(3, 2)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.onnx"
        torch.onnx.export(
            model,
            (sample,),
            path,
            input_names=["x"],
            output_names=["y"],
            dynamo=True,
            external_data=False,
            verbose=False,
        )
        print(f"만들어진 파일: {sorted(p.name for p in Path(folder).iterdir())}")
        exported = onnx.load(path)
        onnx.checker.check_model(exported)
        session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        (onnx_output,) = session.run(None, {"x": sample.numpy()})
    print(f"임시 폴더가 남아 있는가: {Path(folder).exists()}")
    print(f"내보낸 그래프의 연산자: {[node.op_type for node in exported.graph.node]}")

# %%
# 내보낸 그래프는 모델을 그대로 풀어 쓴 것입니다. 선형 레이어마다 ``Gemm``\ (일반 행렬 곱,
# :math:`xW^T + b`)이 하나씩 있고 그 사이에 ``Relu``\ 가 있습니다. ONNX Runtime은 반올림
# 오차(:math:`10^{-6}` 이내)를 빼면 PyTorch와 같은 값을 냅니다.
if __name__ == "__main__":
    with torch.no_grad():
        torch_output = model(sample)
    print(f"ONNX Runtime:\n{onnx_output}")
    print(f"PyTorch:\n{torch_output}")
    print(f"같은 출력: {torch.allclose(torch.from_numpy(onnx_output), torch_output, atol=1e-6)}")

# %%
# 정리
# ----
# ``torch``\ 는 텐서를 담고, ``torch.autograd``\ 는 미분하고, ``torch.nn``\ 은 모델을
# 만들고, ``torch.optim``\ 은 모델을 업데이트합니다. 지금까지의 장에서 쓴 네 모듈입니다.
# ``torch.utils.data``\ 는 모델에 배치를 대 주고, ``torch.multiprocessing``\ 은 일을 여러
# 프로세스에 나누고, ``torch.onnx``\ 는 결과를 내보냅니다. 데이터가 텐서 하나에 다 들어가지
# 않고 모델이 PyTorch 밖으로 나가야 할 때 앞으로 찾게 될 모듈입니다.
#
# 모듈별 PyTorch 공식 문서:
# `torch <https://docs.pytorch.org/docs/stable/torch.html>`_,
# `torch.autograd <https://docs.pytorch.org/docs/stable/autograd.html>`_,
# `torch.nn <https://docs.pytorch.org/docs/stable/nn.html>`_,
# `torch.optim <https://docs.pytorch.org/docs/stable/optim.html>`_,
# `torch.utils.data <https://docs.pytorch.org/docs/stable/data.html>`_,
# `torch.multiprocessing <https://docs.pytorch.org/docs/stable/multiprocessing.html>`_,
# `torch.onnx <https://docs.pytorch.org/docs/stable/onnx.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_questions_plot_01_open_questions.py`

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** ``torch.utils`` 절의 ``dataset``\ 을
#    ``DataLoader(dataset, batch_size=3)``\ 으로 나누면 배치는 몇 개이고, 마지막 배치의
#    특성과 레이블은 형태가 무엇일까요?
# 2. **예측한 뒤 실행하기.** ``torch.autograd`` 절의 예제에서
#    ``torch.autograd.grad(loss, w)``\ 를 부른 뒤 ``w.grad``\ 는 무엇일까요? 같은
#    ``loss``\ 로 ``torch.autograd.grad``\ 를 한 번 더 부르면 어떻게 될까요?
# 3. **하나만 바꾸고 설명하기.** ``torch.nn`` 절의 모델에서 두 선형 레이어 사이의 숫자 4를
#    8로 바꿔 ``nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))``\ 로 만들면
#    파라미터는 몇 개가 되고, 행 3개를 넣었을 때 출력 형태는 무엇일까요?
# 4. **직접 작성하기.** 배치 크기가 4인 ``loader``\ 로 ``nn.Linear(2, 1)``\ 을 한 에포크 동안
#    학습시키세요. 배치마다 학습 반복문의 다섯 단계를 실행하고, 옵티마이저는 학습률 0.001의
#    SGD, 손실 함수는 ``nn.MSELoss``\ 를 씁니다. 레이블 배치는 형태가 ``(4,)``\ 처럼
#    1차원인 정수 텐서입니다. ``.float().unsqueeze(1)``\ 로 모델의 출력과 같은 형태
#    ``(4, 1)``\ 의 실수 텐서로 바꿔서 쓰세요. 한 에포크에 ``optimizer.step()``\ 은 몇 번
#    실행될까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 예제 10개를 3개씩 묶으면 3개짜리 배치 3개와 남은 1개를 담은 배치 하나가 생기므로, 배치는
# 4개입니다. 마지막 배치의 특성은 형태가 ``(1, 2)``, 레이블은 ``(1,)``\ 입니다.
if __name__ == "__main__":
    loader_of_3 = DataLoader(dataset, batch_size=3)
    print(f"배치 {len(loader_of_3)}개")
    for batch_features, batch_labels in loader_of_3:
        print(f"특성 {tuple(batch_features.shape)}, 레이블 {tuple(batch_labels.shape)}")
    assert len(loader_of_3) == 4
    assert batch_features.shape == (1, 2) and batch_labels.shape == (1,)

# %%
# 풀이 2
# ^^^^^^
# ``torch.autograd.grad``\ 는 기울기를 돌려줄 뿐 ``.grad``\ 에 저장하지 않으므로 ``w.grad``\ 는
# ``None``\ 으로 남습니다. 또 ``backward()``\ 처럼 계산을 마치면 그래프를 해제하므로, 같은
# ``loss``\ 로 다시 부르면 ``RuntimeError``\ 가 납니다. 첫 호출에 ``retain_graph=True``\ 를
# 주면 두 번째 호출도 성공합니다.
if __name__ == "__main__":
    w = torch.tensor(0.5, requires_grad=True)
    loss = (w * x - 3.0) ** 2
    (grad_w,) = torch.autograd.grad(loss, w)
    print(f"d loss / dw = {grad_w.item():.4f}, w.grad = {w.grad}")
    assert w.grad is None
    try:
        torch.autograd.grad(loss, w)
    except RuntimeError as error:
        print(f"{type(error).__name__}: {str(error).split('.')[0]}")
    else:
        raise AssertionError("a second torch.autograd.grad through a freed graph should fail")
    loss = (w * x - 3.0) ** 2
    torch.autograd.grad(loss, w, retain_graph=True)
    (grad_again,) = torch.autograd.grad(loss, w)
    print(f"retain_graph=True 뒤의 두 번째 호출: d loss / dw = {grad_again.item():.4f}")
    assert grad_again == grad_w

# %%
# 풀이 3
# ^^^^^^
# ``nn.Linear(2, 8)``\ 에는 가중치 8 × 2 = 16개와 편향 8개, ``nn.Linear(8, 1)``\ 에는 가중치
# 8개와 편향 1개가 있고 ``nn.ReLU``\ 에는 파라미터가 없으므로 모두 33개입니다(이름의 0과 2는
# ``nn.Sequential`` 안의 순서이고, 1번인 ReLU는 목록에 없습니다). 출력 형태는 마지막 레이어가
# 정하므로 그대로 ``(3, 1)``\ 입니다.
if __name__ == "__main__":
    wider = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
    for name, parameter in wider.named_parameters():
        print(f"{name}: 형태 {tuple(parameter.shape)}")
    wider_size = sum(p.numel() for p in wider.parameters())
    wider_shape = tuple(wider(torch.randn(3, 2)).shape)
    print(f"파라미터 수: {wider_size}, 행 3개를 넣었을 때 출력 형태: {wider_shape}")
    assert wider_size == 33 and wider_shape == (3, 1)

# %%
# 풀이 4
# ^^^^^^
# ``loader``\ 는 배치 3개(예제 4개, 4개, 2개)를 내주므로 ``optimizer.step()``\ 은 한 에포크에
# 세 번 실행됩니다. 예제 전체를 한꺼번에 쓸 때는 한 에포크가 한 걸음이었지만, 미니배치를 쓰면
# 한 에포크가 여러 걸음입니다. 걸음마다 출력한 손실은 서로 다른 배치에서 잰 값이라 커지기도
# 하지만, 예제 10개 전체의 손실은 에포크 전보다 크게 줄었습니다.
if __name__ == "__main__":
    line = nn.Linear(2, 1)
    line_optimizer = torch.optim.SGD(line.parameters(), lr=0.001)
    all_labels = labels.float().unsqueeze(1)
    with torch.no_grad():
        loss_before_epoch = loss_fn(line(features), all_labels).item()
    steps_taken = 0
    for batch_features, batch_labels in loader:
        line_optimizer.zero_grad()
        prediction = line(batch_features)
        batch_loss = loss_fn(prediction, batch_labels.float().unsqueeze(1))
        batch_loss.backward()
        line_optimizer.step()
        steps_taken += 1
        print(f"걸음 {steps_taken}: 예제 {len(batch_labels)}개, 손실 {batch_loss.item():.4f}")
    print(f"한 에포크의 걸음 수: {steps_taken}, 배치 수: {len(loader)}")
    with torch.no_grad():
        loss_after_epoch = loss_fn(line(features), all_labels).item()
    print(f"예제 10개 전체의 손실: 에포크 전 {loss_before_epoch:.4f}, 뒤 {loss_after_epoch:.4f}")
    assert steps_taken == len(loader) == 3
    assert loss_after_epoch < loss_before_epoch / 10
