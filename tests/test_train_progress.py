"""The CLI progress line: redrawn in place on a terminal, periodic plain lines in a log."""

from __future__ import annotations

import io

from models.training.events import DoneEvent, EpochEvent, StartEvent, StepEvent
from models.training.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


CONFIG = {"model": "lenet", "dataset": "synthetic", "epochs": 2, "batch_size": 100, "lr": 0.9,
          "precision_used": "fp32"}  # fmt: skip


def _feed(progress: Progress) -> None:
    progress(StartEvent(CONFIG, "cpu", 10, 0, ("a note",)))
    # the line shows the epoch's running means, not the step's own batch (2.5, 0.1)
    progress(StepEvent(5, 1, 0.5, 2.5, 0.1, 0.9, 1000.0, mean_loss=1.5, mean_acc=0.4))
    progress(StepEvent(10, 1, 1.0, 0.9, 0.7, 0.9, 1000.0, mean_loss=1.2, mean_acc=0.5))
    progress(EpochEvent(1, 2, 1.2, 0.5, 0.55, 1.0, 1000.0))
    progress(DoneEvent("completed", 2, 20, 0.8, 0.7, 0.65, 1234.5, "cpu"))


def test_terminal_gets_a_bar_redrawn_in_place_with_eta():
    out = Terminal()
    _feed(Progress(out))
    text = out.getvalue()
    assert "note: a note\n" in text
    assert "training lenet on synthetic (cpu, fp32): 2 epochs × 10 steps, batch 100" in text
    assert (
        "\r[#####...............] epoch 1/2 step 5/20 loss 1.500 acc 0.400 1,000 ex/s ETA 0:01"
        in text
    )
    assert "\nepoch 1/2: loss 1.200, train acc 0.500, test acc 0.550 (1.0 s)\n" in text
    assert text.endswith(
        "loss 0.800, train acc 0.700, test acc 0.650\n1234.5 examples/sec on cpu\n"
    )


def test_log_file_gets_plain_lines_at_most_every_interval():
    out = io.StringIO()
    _feed(Progress(out, interval=3600))
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert sum(line.startswith("epoch 1/2 step") for line in lines) == 1  # the second is too soon
    assert lines[-2:] == [
        "loss 0.800, train acc 0.700, test acc 0.650",
        "1234.5 examples/sec on cpu",
    ]


def test_steps_replayed_as_cuda_graphs_are_named_after_the_books_lines():
    out = io.StringIO()
    progress = Progress(out)
    progress(StartEvent(CONFIG, "cuda", 10, 0))
    progress(DoneEvent("completed", 2, 20, 0.8, 0.7, 0.65, 91234.5, "cuda", "CUDA graphs"))
    assert out.getvalue().endswith("91234.5 examples/sec on cuda\nsteps: CUDA graphs\n")


def test_the_first_line_says_how_a_cpu_run_trains():
    out = io.StringIO()
    config = {**CONFIG, "threads_used": 2, "channels_last_used": True}
    Progress(out)(StartEvent(config, "cpu", 10, 0))
    assert "training lenet on synthetic (cpu, 2 threads, fp32, channels-last): 2 epochs" in (
        out.getvalue()
    )


def test_one_epoch_a_blown_up_loss_and_a_stop_before_any_epoch_read_right():
    out = io.StringIO()
    progress = Progress(out, interval=0)
    progress(StartEvent({**CONFIG, "epochs": 1}, "cpu", 1, 0))
    progress(StepEvent(1, 1, 1.0, 5.1e31, 0.1, 0.9, 1000.0, mean_loss=5.1e31, mean_acc=0.1))
    progress(DoneEvent("stopped", 0, 1, 5.1e31, 0.1, 0.1, 1000.0, "cpu"))
    text = out.getvalue()
    assert "1 epoch × 1 step, batch 100" in text
    assert "loss 5.1e+31 acc" in text and "51000000000" not in text
    assert "stopped; the run folder holds no finished epoch yet" in text
