"""The inspector dock: what the selected layer or block is, what it costs, what it holds.

Numbers come from the traced NetGraph (meta tensors, so no weights); BatchNorm's γ/β and running
statistics need real tensors, which the window computes off-thread from a real CPU model and
hands over through :meth:`Inspector.show_tensor_stats`. Rows are kept by stable keys
(``hparam:kernel_size``, ``tensor:weight``); what they are called is the user's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netgraph.formatting import (
    format_calls,
    format_count,
    format_exact,
    format_outputs,
    format_paths,
    format_shape,
)

if TYPE_CHECKING:
    from models.tensor_stats import TensorSummary
    from netgraph.model import NetGraph


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def unused_summary(graph: NetGraph) -> str | None:
    """ "+6.38 M params in aux1, aux2 — used only in training mode", or None if all are used:
    the parameters that live in modules the graph never calls (status bar, root inspector)."""
    if not graph.unused_params:
        return None
    holders = [path for path in graph.unused_modules if graph.modules[path].params]
    return (
        QCoreApplication.translate("Inspector", "+%1 params in %2 — %3")
        .replace("%1", format_count(graph.unused_params))
        .replace("%2", format_paths(holders))
        .replace("%3", graph.unused_reason)
    )


class Inspector(QWidget):
    """A title and a two-column table of (property, value) rows.

    ``value(key)`` reads a row by its stable key (not its translated label), for tests and for
    anyone scripting the app.
    """

    tensor_stats_wanted = Signal(str)  # module path of a BN layer whose tensors we want

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("inspectorTitle")
        self.title.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # drawn muted
        self.table = QTableWidget(0, 2)
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        self._rows: list[tuple[str, str]] = []  # (key, value)
        self._subject: tuple[NetGraph, str] | None = None
        self.retranslate()

    # public -----------------------------------------------------------------------------
    def value(self, key: str) -> str | None:
        return next((v for k, v in self._rows if k == key), None)

    def clear_subject(self) -> None:
        self._subject = None
        self._set_rows(self.tr("Nothing selected"), [])

    def show_subject(self, graph: NetGraph, ident: str) -> None:
        """Show the op ``ident`` or the module at path ``ident``."""
        self._subject = (graph, ident)
        if ident in graph.ops:
            self._show_op(graph, ident)
        elif ident in graph.modules:
            self._show_module(graph, ident)
        else:
            self._set_rows(ident, [])

    def show_tensor_stats(self, module_path: str, summaries: list[TensorSummary]) -> None:
        """Append the real tensors' summaries if the layer is still the one shown."""
        if self._subject is None or self._module_of(*self._subject) != module_path:
            return
        self._rows = [r for r in self._rows if not r[0].startswith("tensor:")]
        self._rows += [(f"tensor:{t.name}", self._summary_text(t)) for t in summaries]
        self._fill_table()

    def _summary_text(self, t: TensorSummary) -> str:
        return (
            self.tr("mean %1, std %2, min %3, max %4 (%5)")
            .replace("%1", f"{t.mean:.4g}")
            .replace("%2", f"{t.std:.3g}")
            .replace("%3", f"{t.min:.4g}")
            .replace("%4", f"{t.max:.4g}")
            .replace("%5", format_exact(t.count))
        )

    # rows -------------------------------------------------------------------------------
    @staticmethod
    def _module_of(graph: NetGraph, ident: str) -> str:
        if ident in graph.ops:
            attrs = graph.ops.nodes[ident]
            return str(attrs["target"]) if attrs.get("op") == "call_module" else ""
        return ident

    def _show_op(self, graph: NetGraph, op: str) -> None:
        a = graph.ops.nodes[op]
        inputs = [
            format_shape(graph.ops.edges[p, op].get("shape")) for p in graph.ops.predecessors(op)
        ]
        rows = [
            ("kind", a.get("kind", "")),
            ("type", a.get("module_type", "")),
            ("module", self._module_of(graph, op) or a.get("module_path", "") or self.root()),
            ("op", f"{a.get('op', '')} {a.get('target', '')}"),
        ]
        rows += [(f"hparam:{k}", str(v)) for k, v in (a.get("hparams") or {}).items()]
        rows += [
            ("input", ", ".join(inputs) or "–"),
            ("output", self._op_outputs(a)),
            ("dtype", a.get("dtype", "")),
            ("params", format_exact(a.get("params", 0))),
            ("params_share", share(a.get("params", 0), graph.total_params)),
            ("macs", self._macs_text(a.get("macs", 0), a)),
            ("macs_share", share(a.get("macs", 0), graph.total_macs)),
        ]
        module = graph.modules.get(str(a.get("target"))) if a.get("op") == "call_module" else None
        if module is not None and module.calls > 1:  # a layer called again: one node per call
            calls = sorted(
                (n for n, b in graph.ops.nodes(data=True) if b.get("op") == "call_module"
                 and b.get("target") == module.path),
                key=lambda n: graph.ops.nodes[n]["order"],
            )  # fmt: skip
            rows.insert(
                3, ("call", self._call_text(calls.index(op) + 1, module.calls, module.path))
            )
        self._set_rows(a.get("label") or op, rows)
        if a.get("kind") == "bn":
            self._set_pending_stats()
            self.tensor_stats_wanted.emit(self._module_of(graph, op))

    def _call_text(self, number: int, calls: int, module: str) -> str:
        return (
            self.tr("call %1 of %2 of %3 (the same weights)")
            .replace("%1", str(number))
            .replace("%2", str(calls))
            .replace("%3", module)
        )

    @staticmethod
    def _op_outputs(attrs: dict) -> str:
        """All the op returns (an LSTM's output and state), else its shape."""
        outputs = attrs.get("outputs")
        if isinstance(outputs, list | dict):
            return format_outputs(outputs)
        return format_shape(attrs.get("shape"))

    def _macs_text(self, macs: int, attrs: dict) -> str:
        """The count, and how it was found where no formula gave it."""
        if attrs.get("cost_unknown"):
            return self.tr("unknown (it computes, but no MAC was counted)")
        if attrs.get("measured"):
            return self.tr("%1 (measured by running it)").replace("%1", format_exact(macs))
        return format_exact(macs)

    def _show_module(self, graph: NetGraph, path: str) -> None:
        m = graph.modules[path]
        never = any(path == u or path.startswith(u + ".") for u in graph.unused_modules)
        params = graph.total_params if not path else m.params  # the root: what the graph calls
        if never:
            output = self.tr("never called")
        elif m.outputs:  # every output of every call: a tuple, a dict, "called 3×"
            output = format_calls(m.outputs)
        else:
            output = format_shape(m.output_shape)
        rows = [
            ("type", m.type_name),
            ("module", path or self.root()),
            ("structure", m.structure or "–"),
            ("children", str(len(m.children))),
            ("layers", str(len(m.ops))),
            ("output", output),
            ("params", format_exact(params)),
            ("params_share", share(params, graph.total_params)),
        ]
        if m.call_of:  # a later call of a block: its own ops, its module's weights
            module = graph.modules.get(m.call_of)
            number = int(path.rpartition("@")[2].partition(".")[0])
            rows.insert(
                2, ("call", self._call_text(number, module.calls if module else 0, m.call_of))
            )
            rows = [r for r in rows if r[0] != "params_share"]
        elif m.calls > 1:
            rows.insert(2, ("call", self._call_text(1, m.calls, path)))
        if not path and graph.unused_params:
            rows.append(("unused", unused_summary(graph) or ""))
        rows += [
            ("macs", format_exact(m.macs)),
            ("macs_share", share(m.macs, graph.total_macs)),
        ]
        if path in graph.opaque_modules:
            rows.append(("note", self.tr("drawn as one box: not traced inside")))
        if path in graph.unknown_cost_modules:
            rows.append(("note", self.tr("MACs unknown: it computes, but none was counted")))
        self._set_rows(f"{m.type_name} {path}".strip(), rows)

    def _set_pending_stats(self) -> None:
        self._rows.append(("tensor:…", self.tr("computing from the model's initialisation…")))
        self._fill_table()

    def _set_rows(self, title: str, rows: list[tuple[str, str]]) -> None:
        self.title.setText(title)
        self.hint.setVisible(self._subject is None)
        self._rows = rows
        self._fill_table()

    def _label(self, key: str) -> str:
        labels = {
            "kind": self.tr("Kind"),
            "type": self.tr("Type"),
            "module": self.tr("Module path"),
            "op": self.tr("Operation"),
            "input": self.tr("Input shape"),
            "output": self.tr("Output shape"),
            "dtype": self.tr("Data type"),
            "params": self.tr("Parameters"),
            "params_share": self.tr("Share of parameters"),
            "macs": self.tr("MACs"),
            "macs_share": self.tr("Share of MACs"),
            "unused": self.tr("Not in the graph"),
            "call": self.tr("Call"),
            "note": self.tr("Note"),
            "structure": self.tr("Structure"),
            "children": self.tr("Child modules"),
            "layers": self.tr("Layers inside"),
        }
        group, _, name = key.partition(":")
        if group == "hparam":
            return self._hparam_names().get(name, name)
        if group == "tensor":
            return self._tensor_names().get(name, name)
        return labels.get(key, key)

    def root(self) -> str:
        return self.tr("(root)")

    def _hparam_names(self) -> dict[str, str]:
        """PyTorch's own argument names; a translation adds the word for it in the language."""
        return {
            "in_channels": self.tr("in_channels"),
            "out_channels": self.tr("out_channels"),
            "kernel_size": self.tr("kernel_size"),
            "stride": self.tr("stride"),
            "padding": self.tr("padding"),
            "dilation": self.tr("dilation"),
            "groups": self.tr("groups"),
            "in_features": self.tr("in_features"),
            "out_features": self.tr("out_features"),
            "num_features": self.tr("num_features"),
            "normalized_shape": self.tr("normalized_shape"),
            "num_groups": self.tr("num_groups"),
            "num_channels": self.tr("num_channels"),
            "size": self.tr("size"),
            "p": self.tr("p"),
            "output_size": self.tr("output_size"),
            "embed_dim": self.tr("embed_dim"),
            "num_heads": self.tr("num_heads"),
            "ceil_mode": self.tr("ceil_mode"),
            "start_dim": self.tr("start_dim"),
            "end_dim": self.tr("end_dim"),
            "dim": self.tr("dim"),
            "negative_slope": self.tr("negative_slope"),
            "transposed": self.tr("transposed"),
            "batch_first": self.tr("batch_first"),
        }

    def _tensor_names(self) -> dict[str, str]:
        return {
            "weight": self.tr("γ (weight)"),
            "bias": self.tr("β (bias)"),
            "gamma": self.tr("γ (gamma)"),
            "beta": self.tr("β (beta)"),
            "running_mean": self.tr("running_mean"),
            "running_var": self.tr("running_var"),
            "moving_mean": self.tr("moving_mean"),
            "moving_var": self.tr("moving_var"),
        }

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self._rows))
        for row, (key, value) in enumerate(self._rows):
            label = QTableWidgetItem(self._label(key))
            label.setForeground(self.palette().placeholderText())
            self.table.setItem(row, 0, label)
            cell = QTableWidgetItem(value)
            cell.setToolTip(value)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, cell)
        self.table.resizeRowsToContents()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Click a layer or block to see its numbers."))
        if self._subject is None:
            self.clear_subject()
        else:
            self._fill_table()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
