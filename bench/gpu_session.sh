#!/usr/bin/env bash
# Everything the training engine needs a GPU for, as one command (about 7 minutes on an H100):
# the CUDA-graph self-check, the trainer against the book's loop on the 8 book networks, and
# (with 2 or more GPUs) data-parallel scaling under torchrun.
# Logs go to $OUT (or the current folder) as they grow, so a cut-short run still reports.
# Usage: bash bench/gpu_session.sh        (PYTHON=... to pick the interpreter; default python3)
set -o pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
out=${OUT:-.}
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "$out/gpu.txt"
"$python" bench/cuda_check.py 2>&1 | tee "$out/cuda_check.txt"
check=$?
"$python" bench/bench_train.py --cuda --budget 420 2>&1 | tee "$out/bench_train.txt"
bench=$?
# data-parallel scaling with torchrun (skipped on a machine with one GPU)
if [ "$(nvidia-smi --list-gpus | wc -l)" -gt 1 ]; then
  "$python" bench/bench_scaling.py 2>&1 | tee "$out/bench_scaling.txt"
  scaling=$?
else
  echo "one GPU: no scaling to measure" | tee "$out/bench_scaling.txt"
  scaling=0
fi
exit $((check || bench || scaling))
