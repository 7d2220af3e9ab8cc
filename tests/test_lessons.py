"""Lessons as data and their runner: every network builds and trains, the closing table holds
the lesson's own measure, the narration speaks both languages."""

from __future__ import annotations

import io

import pytest
import torch

from models.data.synthetic import synthetic
from models.lessons.catalog import LESSONS, LessonError, Scale, get_lesson, lesson_keys
from models.lessons.runner import run_lesson
from models.registry import get_spec
from models.training.config import LIVE_CAPTURE_EVERY


def test_four_lessons_with_narration_in_both_languages():
    assert lesson_keys() == ["bn", "shortcuts", "1x1", "dropout"]
    for lesson in LESSONS:
        assert len(lesson.runs) == 2 and lesson.section.startswith("7.")
        for lang in ("en", "zh"):
            assert len(lesson.text("narration", lang)) > 80 and lesson.text("title", lang)
        assert "reduced" in lesson.scale_note(False) and "full" in lesson.scale_note(True)
        assert "缩减" in lesson.scale_note(False, "zh")
    with pytest.raises(LessonError, match="choose one of bn, shortcuts"):
        get_lesson("nope")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_each_network_builds_for_its_settings(lesson):
    for run, config in zip(lesson.runs, lesson.configs(full=False), strict=True):
        spec = get_spec(run.model)
        assert spec.input_size == (1, 28, 28)
        assert (config.lr, config.batch_size) == (run.lr, run.batch_size)
        assert config.capture_every == LIVE_CAPTURE_EVERY
        assert spec.build()(torch.zeros(2, *spec.input_size)).shape == (2, 10)
    full = lesson.configs(full=True)
    assert all(c.epochs >= 10 for c in full)


def test_the_pairs_differ_only_in_their_idea():
    plain, res = (get_spec(f"lesson.{n}").build() for n in ("plain-20", "resnet-20"))
    convs = [m for m in plain.modules() if isinstance(m, torch.nn.Conv2d)]
    # 19 convolutions + the dense output = 20 layers; the ResNet adds only its 1×1 shortcuts
    assert len(convs) == 19
    assert len([m for m in res.modules() if isinstance(m, torch.nn.Conv2d)]) == 19 + 2
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in [*plain.modules(), *res.modules()])
    small, wide = (get_spec(f"lesson.{n}").build() for n in ("inception-1x1", "inception-no1x1"))
    assert small[3].p2_1.kernel_size == (1, 1) and not hasattr(wide[3], "p2_1")
    assert wide[3].p2_2.in_channels == 48 and small[3].p2_2.in_channels == 24


@pytest.mark.parametrize("key", ["1x1", "dropout"])
def test_runner_trains_each_run_and_prints_the_lesson_measure(key, tmp_path):
    lesson = get_lesson(key).with_scale(Scale(epochs=1, train_limit=64, test_limit=32))
    out = io.StringIO()
    results = run_lesson(
        lesson, full=False, stream=out, root=tmp_path, data=synthetic(train=64, test=32, seed=2)
    )
    text = out.getvalue()
    assert lesson.text("narration") in text and "reduced for a CPU: 1 epochs" in text
    assert [r.label for r in results] == [run.label for run in lesson.runs]
    assert all(r.done is not None and r.done.reason == "completed" for r in results)
    assert all((r.folder / "metrics.jsonl").exists() for r in results)
    table = text.rsplit("\n\n", 1)[-1]
    if key == "1x1":
        assert "MACs" in table and results[1].macs > 2 * results[0].macs > 0
    else:
        assert "train − test" in table
