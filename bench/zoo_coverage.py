"""How much of the model zoo NetAtlas draws, and how right its MACs are.

For every torchvision model (all of its modules) and a set of timm architectures (all of timm with
``--timm-all``): how it was recorded (a complete fx trace, fx with opaque boxes, forward hooks
with fx inside, or a failure, with the reason), the time it took, whether the parameters equal
``sum(p.numel())``, and — wherever the graph is a complete fx trace — the MACs of the ops torch's
FLOP counter counts (convolutions, matrix products, attention) against
``torch.utils.flop_counter.FlopCounterMode`` (FLOPs / 2) on the same model and input.

Run: ``.venv/bin/python bench/zoo_coverage.py [--timm-all] [--only torchvision.r3d_18 …]``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def flop_counter_macs(spec) -> int:  # noqa: ANN001
    """FLOPs / 2 of one forward of the spec's model on meta tensors, by torch's own counter."""
    from models.inputs import make_tensor
    from netgraph.measure import reference_macs
    from netgraph.meta_build import build_on_meta

    model = build_on_meta(spec).eval()
    return reference_macs(model, [make_tensor(i, "meta") for i in spec.inputs])


def survey(name: str) -> dict:
    from errors import NetAtlasError
    from models.registry import get_spec
    from netgraph import build_graph
    from netgraph.costs import torch_counted_macs
    from netgraph.meta_build import build_on_meta

    row: dict = {"name": name, "group": name.partition(".")[0]}
    start = time.perf_counter()
    try:
        spec = get_spec(name)
        row["group"] = spec.group
        graph = build_graph(spec)
    except NetAtlasError as exc:
        row.update(result="fails", why=str(exc), seconds=time.perf_counter() - start)
        return row
    except Exception as exc:  # a bug: the sweep goes on and says so
        why = f"unexpected {type(exc).__name__}: {str(exc)[:200]}"
        row.update(result="fails", why=why, seconds=time.perf_counter() - start)
        return row
    row["seconds"] = time.perf_counter() - start
    complete = graph.method == "fx" and not graph.opaque_modules
    row["result"] = "complete fx" if complete else f"fallback ({graph.method})"
    row["why"] = graph.method_note
    row["traced"] = len(graph.traced_modules)
    params = sum(p.numel() for p in build_on_meta(spec).parameters())
    row["params_ok"] = graph.total_params + graph.unused_params == params
    if complete:
        try:
            reference = flop_counter_macs(spec)
        except Exception as exc:  # torch's counter itself cannot run this model
            row["why"] = f"FlopCounterMode failed: {type(exc).__name__}: {str(exc)[:80]}"
            return row
        ours = torch_counted_macs(graph.ops)
        row["mac_ratio"] = ours / reference if reference else float("nan")
        row["unknown"] = len(graph.unknown_cost_modules)
    return row


def _too_long(*_: object) -> None:
    raise TimeoutError


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timm-all", action="store_true", help="every timm architecture")
    parser.add_argument("--no-timm", action="store_true")
    parser.add_argument("--only", nargs="*", help="these names only")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per model at most")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    signal.signal(signal.SIGALRM, _too_long)

    from models.registry import timm_names, torchvision_names
    from models.zoo import TIMM_SAMPLE

    names = args.only or torchvision_names()
    if not args.only and not args.no_timm:
        available = set(timm_names())
        wanted = timm_names() if args.timm_all else [f"timm.{n}" for n in TIMM_SAMPLE]
        names += [n for n in wanted if n in available]
    rows = []
    for name in names:
        signal.alarm(args.timeout)
        try:
            row = survey(name)
        except TimeoutError:
            row = {"name": name, "group": name.partition(".")[0], "result": "fails"}
            row["why"] = f"took over {args.timeout} s"
        signal.alarm(0)
        rows.append(row)
        ratio = f"{row['mac_ratio']:.4f}" if "mac_ratio" in row else "     -"
        print(
            f"{name:<52} {row['result']:<17} {row.get('seconds', 0):6.1f} s  "
            f"MACs/torch {ratio}  params {'ok' if row.get('params_ok') else '--'}  "
            f"{row.get('why', '')[:110]}",
            flush=True,
        )
    groups: dict[str, Counter] = defaultdict(Counter)
    ratios: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        group = row.get("group") or "?"
        groups[group][row["result"].split(" (")[0]] += 1
        if "mac_ratio" in row:
            ratios[group].append(row["mac_ratio"])
    print("\ngroup            models  complete fx  fallback  fails   MACs/torch (min … max)")
    for group, counts in groups.items():
        found = ratios[group]
        span = f"{min(found):.4f} … {max(found):.4f}" if found else "-"
        total = sum(counts.values())
        print(
            f"{group:<16} {total:6d} {counts['complete fx']:12d} {counts['fallback']:9d} "
            f"{counts['fails']:6d}   {span}"
        )


if __name__ == "__main__":
    main()
