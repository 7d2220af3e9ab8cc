"""This CPU as the trainer sees it: its physical cores, whether it computes bf16 natively, and how
its OpenMP threads should wait.

No torch import here: :func:`quiet_openmp` must run before torch loads its OpenMP runtime, so
``main.py`` and the benches import this module first.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

# bf16 instructions, best first, as /proc/cpuinfo names them: AMX tiles (Sapphire Rapids on),
# then AVX-512 dot products (Cooper Lake, Zen 4 on)
BF16_FLAGS = ("amx_bf16", "avx512_bf16")
# An OpenMP thread that finds no work sleeps instead of spinning for a while (libgomp's default
# spins about 300,000 times). A spinning thread holds a core that the rest of its team, the app
# drawing the plots, or another program needs: on a busy 2-core machine a 2-thread team then
# waits for its descheduled partner at every barrier and runs up to 40 times slower
# (bench/bench_cpu_options.py measures both ways).
QUIET_OPENMP = {"OMP_WAIT_POLICY": "PASSIVE"}


def quiet_openmp(environ: dict[str, str] | None = None) -> bool:
    """Make OpenMP threads sleep when idle (unless the user set a policy); False when torch has
    already loaded OpenMP in this process, so the setting reaches only processes started later."""
    environ = os.environ if environ is None else environ
    for key, value in QUIET_OPENMP.items():
        environ.setdefault(key, value)
    return "torch" not in sys.modules


def usable_cpus() -> list[int]:
    """The logical CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


def physical_cores(sysfs: Path = Path("/sys")) -> int:
    """Cores this process may use: its usable CPUs with SMT siblings counted once, capped by a
    container's CPU quota. Where the topology cannot be read (not Linux), the logical count."""
    cpus = usable_cpus()
    try:
        cores: set = {_core_of(cpu, sysfs) for cpu in cpus}
    except OSError:  # no topology to read: count logical CPUs
        cores = set(cpus)
    return max(1, min(len(cores), _quota_cpus(sysfs) or len(cores)))


def _core_of(cpu: int, sysfs: Path) -> tuple[str, str]:
    topology = sysfs / f"devices/system/cpu/cpu{cpu}/topology"
    return (topology / "physical_package_id").read_text(), (topology / "core_id").read_text()


def _quota_cpus(sysfs: Path) -> int | None:
    """A cgroup v2 CPU limit (``docker --cpus``), rounded up; None when unlimited or unknown."""
    try:
        quota, period = (sysfs / "fs/cgroup/cpu.max").read_text().split()[:2]
        return max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):  # no cgroup v2 file, or "max" (no limit)
        return None


def training_threads(leave: int = 0) -> int:
    """Intra-op threads for training: one per physical core, less ``leave`` cores kept for other
    work of ours (the app's drawing), at least one."""
    return max(1, physical_cores() - leave)


def native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> str | None:
    """The instruction set that computes bf16 natively on this CPU (``amx_bf16``,
    ``avx512_bf16``), None when it has none or cannot tell (read, never assumed)."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("flags"):
            flags = set(line.partition(":")[2].split())
            return next((flag for flag in BF16_FLAGS if flag in flags), None)
    return None
