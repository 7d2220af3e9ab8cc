#!/usr/bin/env bash
# Everything the training engine needs a GPU for, as one command (about 7 minutes on an H100):
# the CUDA-graph self-check, then the trainer against the book's loop on the 8 book networks.
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
exit $((check || bench))
