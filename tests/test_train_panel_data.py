"""The training panel's data side, without Qt widgets: curve buffers, CSV, run folders, BN
history arithmetic and the mapping of layers to diagram boxes."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from models.training.bnhistory import BNHistory
from models.training.curves import (
    RunCurves,
    RunFolderError,
    Series,
    read_run,
    smoothed,
)
from models.training.events import BNEvent, BNStats, EpochEvent, StepEvent
from netgraph.layout.geometry import Box, Diagram
from netgraph.layout.marks import box_norms, log_positions


def test_series_grows_past_its_capacity_and_keeps_order():
    series = Series(capacity=2)
    for i in range(5):
        series.append(i, i * i)
    assert len(series) == 5
    assert series.x.tolist() == [0, 1, 2, 3, 4]
    assert series.y.tolist() == [0, 1, 4, 9, 16]


def test_run_curves_follow_the_books_animator_and_export_csv():
    curves = RunCurves()
    curves.add_event(StepEvent(2, 1, 0.5, 2.4, 0.2, 0.1, 100.0, mean_loss=2.0, mean_acc=0.3))
    curves.add_event(StepEvent(4, 1, 1.0, 1.1, 0.6, 0.1, 110.0, mean_loss=1.5, mean_acc=0.5))
    curves.add_event(EpochEvent(1, 3, 1.5, 0.5, 0.6, 1.0, 120.0))
    s = curves.series
    # the book's animator: running means against fractional epochs
    assert s["train_loss"].x.tolist() == [0.5, 1.0] and s["train_loss"].y.tolist() == [2.0, 1.5]
    assert s["train_acc"].y.tolist() == [0.3, 0.5]
    assert s["test_acc"].x.tolist() == [1] and s["test_acc"].y.tolist() == [0.6]
    # the step plot: each step's own batch, and the epoch's mean at its last step
    assert s["step_loss"].x.tolist() == [2, 4] and s["step_loss"].y.tolist() == [2.4, 1.1]
    assert s["epoch_loss"].x.tolist() == [4] and s["epoch_loss"].y.tolist() == [1.5]
    assert curves.revision == 3
    rows = list(csv.DictReader(io.StringIO(curves.to_csv())))
    assert [r["kind"] for r in rows] == ["step", "step", "epoch"]
    assert float(rows[2]["test_acc"]) == 0.6 and rows[2]["loss"] == ""
    assert float(rows[0]["loss"]) == 2.4 and float(rows[0]["mean_loss"]) == 2.0


def test_a_run_from_before_the_means_were_recorded_draws_its_loss_as_the_mean():
    curves = RunCurves.from_records(
        [{"kind": "step", "step": 1, "epoch": 1, "frac_epoch": 1.0, "loss": 2.0, "acc": 0.4}]
    )
    assert curves.series["train_loss"].y.tolist() == [2.0]
    assert curves.series["train_acc"].y.tolist() == [0.4]


def test_smoothing_is_tensorboards_debiased_moving_average():
    values = np.array([1.0, 3.0, np.nan, 2.0])
    assert smoothed(values, 0.0)[[0, 1, 3]].tolist() == [1.0, 3.0, 2.0]
    out = smoothed(values, 0.5)
    assert out[0] == 1.0  # debiased: the first point is the first value, not half of it
    assert out[1] == pytest.approx((0.25 * 1 + 0.5 * 3) / 0.75)
    assert np.isnan(out[2])  # a non-finite loss is a gap and leaves the average alone
    assert out[3] == pytest.approx((0.125 * 1 + 0.25 * 3 + 0.5 * 2) / 0.875)


def test_read_run_gives_the_same_curves_as_the_live_events(tmp_path):
    live = RunCurves()
    live.add_event(StepEvent(1, 1, 0.5, 2.0, 0.3, 0.1, 100.0))
    live.add_event(EpochEvent(1, 1, 2.0, 0.3, 0.4, 1.0, 100.0))
    lines = [json.dumps(r) for r in live.records] + [json.dumps({"kind": "done", "x": 1})]
    (tmp_path / "metrics.jsonl").write_text("\n".join(lines) + "\n")
    read = read_run(tmp_path)
    for name in RunCurves.CURVES:
        assert read.series[name].x.tolist() == live.series[name].x.tolist()
        assert read.series[name].y.tolist() == live.series[name].y.tolist()


def test_read_run_names_a_missing_or_damaged_folder(tmp_path):
    with pytest.raises(RunFolderError, match="no readable metrics.jsonl"):
        read_run(tmp_path / "nowhere")
    (tmp_path / "metrics.jsonl").write_text('{"kind": "step"\n')
    with pytest.raises(RunFolderError, match="damaged"):
        read_run(tmp_path)


def _stats(mean, var, running_mean=(0.0, 0.0)) -> BNStats:
    ones = np.ones(2, np.float32)
    return BNStats(np.array(mean), np.array(var), np.array(running_mean), ones, ones, 0 * ones)


def test_bn_history_pools_the_channels_by_the_law_of_total_variance():
    history = BNHistory()
    history.add(BNEvent(1, {"1": _stats([0.0, 2.0], [1.0, 3.0])}))
    history.add(BNEvent(3, {"1": _stats([1.0, 1.0], [1.0, 1.0], (0.5, 1.5))}))
    layer = history.layers["1"]
    assert layer.steps == [1, 3]
    # mean of means 1, mean of variances 2, variance of means 1 -> std sqrt(3)
    assert layer.input_mean[0] == pytest.approx(1.0)
    assert layer.input_std[0] == pytest.approx(np.sqrt(3.0))
    assert layer.input_std[1] == pytest.approx(1.0)
    assert layer.heatmap("running_mean").shape == (2, 2)
    centre, spread = layer.spread("running_mean")
    assert centre.tolist() == [0.0, 1.0] and spread.tolist() == [0.0, 0.5]
    assert history.revision == 2


BOXES = [
    Box("_0", "conv", 0, 0, 10, 10, "conv", module_path="0"),
    Box("_1", "bn", 0, 20, 10, 10, "bn", module_path="1"),
    Box("b2", "block", 0, 40, 10, 10, "block", module_path="b2"),
]


def test_layers_map_to_their_box_or_the_collapsed_block_holding_them():
    diagram = Diagram(boxes=BOXES)
    assert diagram.box_for_module("1").id == "_1"
    assert diagram.box_for_module("b2.0.bn1").id == "b2"
    assert diagram.box_for_module("b20.conv") is None  # a prefix of the name is not a parent
    norms = box_norms(diagram, {"0": 3.0, "b2.0.conv": 3.0, "b2.1.conv": 4.0, "gone": 1.0})
    assert norms == {"_0": 3.0, "b2": 5.0}


def test_gradient_colours_are_placed_on_a_log_scale():
    where = log_positions({"a": 0.01, "b": 0.1, "c": 1.0, "zero": 0.0})
    assert where == pytest.approx({"a": 0.0, "b": 0.5, "c": 1.0})


def test_a_run_names_the_layers_it_differs_in():
    from models.training.model_runs import ModelRun

    run = ModelRun("net.py:Net", module_paths=frozenset({"", "conv", "bn", "fc"}))
    assert run.mismatch({"", "conv", "bn", "fc"}) == ""
    assert run.mismatch({"", "conv", "norm", "fc"}) == (
        "the run has 'bn' and the model shown has 'norm'"
    )
    assert ModelRun("lenet").mismatch({"", "0"}) == ""  # paths not known yet: the run just began
