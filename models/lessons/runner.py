"""``main.py lesson NAME``: a lesson's runs one after another, then the numbers side by side.

Every run is an ordinary run folder (the app's run library lists them). The closing table holds
what the lesson is about: final accuracies, examples per second and wall time for all; the
multiply-accumulates and parameters of each network (``1x1``), the gap between training and
test accuracy (``dropout``), the first and last layers' median gradient norms (``shortcuts``),
each measured, never quoted.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from models.lessons.catalog import Lesson
from models.training.events import DoneEvent, Event, GradEvent
from models.training.runs import new_run_dir


@dataclass
class LessonResult:
    """What one run of a lesson measured."""

    label: str
    model: str
    folder: Path
    seconds: float = 0.0
    done: DoneEvent | None = None
    macs: int = 0
    params: int = 0
    grads: list[dict[str, float]] = field(default_factory=list)  # each capture's norms

    def __call__(self, event: Event) -> None:
        if isinstance(event, DoneEvent):
            self.done = event
        elif isinstance(event, GradEvent) and event.norms:
            self.grads.append(event.norms)

    def grad_ends(self) -> tuple[float, float]:
        """Median gradient norm of the first and of the last layer with parameters."""
        if not self.grads:
            return float("nan"), float("nan")
        names = list(self.grads[0])
        first = statistics.median(g[names[0]] for g in self.grads if names[0] in g)
        last = statistics.median(g[names[-1]] for g in self.grads if names[-1] in g)
        return first, last


def uses_full_recipe() -> bool:
    """The book's recipe where a GPU is there to run it."""
    import torch

    return torch.cuda.is_available()


def measure_cost(result: LessonResult) -> None:
    """MACs and parameters of the run's network for one image, from its traced graph."""
    from models.registry import get_spec
    from netgraph import build_graph

    graph = build_graph(get_spec(result.model))
    result.macs, result.params = graph.total_macs, graph.total_params


def run_lesson(
    lesson: Lesson,
    *,
    full: bool | None = None,
    lang: str = "en",
    stream: TextIO | None = None,
    root: Path | None = None,
    data: object = None,
) -> list[LessonResult]:
    """Train the lesson's runs in turn, printing progress and the closing table."""
    from models.training.progress import Progress
    from models.training.trainer import Trainer

    out = stream or sys.stdout
    full = uses_full_recipe() if full is None else full
    print(f"§{lesson.section} {lesson.text('title', lang)}", file=out)
    print(lesson.text("narration", lang), file=out)
    print(f"({lesson.scale_note(full, lang)})\n", file=out, flush=True)
    results = []
    for run, config in zip(lesson.runs, lesson.configs(full), strict=True):
        result = LessonResult(run.label, run.model, new_run_dir(run.model, root))
        print(f"== {run.label}: {result.folder}", file=out, flush=True)
        started = time.perf_counter()
        trainer = Trainer(config, result.folder, data=data)
        trainer.subscribe(result)
        trainer.subscribe(Progress(out))
        trainer.run()
        result.seconds = time.perf_counter() - started
        if lesson.watch == "macs":
            measure_cost(result)
        results.append(result)
    print("\n" + summary_table(lesson, results), file=out, flush=True)
    return results


def summary_table(lesson: Lesson, results: list[LessonResult]) -> str:
    """One row a run: the numbers every lesson shows, then the lesson's own."""
    from netgraph.formatting import format_count, format_macs

    head = ["run", "train acc", "test acc", "ex/s", "wall s"]
    extra = {
        "macs": ["MACs", "params"],
        "gap": ["train − test"],
        "grads": ["‖grad‖ first", "‖grad‖ last"],
    }.get(lesson.watch, [])
    rows = []
    for r in results:
        d = r.done
        row = [r.label]
        row += (
            [f"{d.train_acc:.3f}", f"{d.test_acc:.3f}", f"{d.examples_per_sec:,.0f}"]
            if d
            else ["—"] * 3
        )
        row.append(f"{r.seconds:.1f}")
        if lesson.watch == "macs":
            row += [format_macs(r.macs), format_count(r.params)]
        elif lesson.watch == "gap":
            row.append(f"{d.train_acc - d.test_acc:+.3f}" if d else "—")
        elif lesson.watch == "grads":
            row += [f"{v:.3g}" for v in r.grad_ends()]
        rows.append(row)
    table = [head + extra, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(
        zip(row, widths, strict=True))) for row in table]  # fmt: skip
    return "\n".join(lines)
