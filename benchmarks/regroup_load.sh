#!/bin/bash
# Interleaved load runs for the regroup check and SPEEDUPS off/on (docs/benchmarks.md,
# "The regroup, and the speed-ups off and on"). Needs worktrees of the two commits:
#   git worktree add /tmp/wt_old 0541fa1 && git worktree add /tmp/wt_new 477c414
export HF_HUB_OFFLINE=1 MODELS_DIR=/work/main/models ADMIT_USER_BURST=100000 ADMIT_GROUP_BURST=100000 ADMIT_USER_PER_MINUTE=100000 ADMIT_GROUP_PER_MINUTE=100000
PY=/work/main/.venv/bin/python
run() { # dir label extra-env...
  local dir=$1 label=$2; shift 2
  echo "=== $label $(date -u +%H:%M:%S)"
  (cd $dir && env "$@" timeout 300 $PY benchmarks/load.py "${ARGS[@]}" 2>&1 | grep -v "^running" | tail -6)
}
ARGS=(--runs lifted --rate 300 --messages 3000 --groups 200)
for i in 1 2; do
  run /tmp/wt_old "before-regroup 0541fa1 (speed-ups always on) 300/s" MODEL=base
  run /tmp/wt_new "regroup 477c414 SPEEDUPS=true 300/s" MODEL=base SPEEDUPS=true
done
ARGS=(--runs lifted --rate 30 --messages 900 --groups 200)
for i in 1 2; do
  run /work/main "HEAD SPEEDUPS=false 30/s" SPEEDUPS=false
  run /work/main "HEAD SPEEDUPS=true 30/s" SPEEDUPS=true
done
ARGS=(--runs lifted --rate 300 --messages 3000 --groups 200)
run /work/main "HEAD SPEEDUPS=false 300/s" SPEEDUPS=false
run /work/main "HEAD SPEEDUPS=true 300/s" SPEEDUPS=true
