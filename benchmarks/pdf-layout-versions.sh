#!/usr/bin/env bash
# Compares the PDF export of two commits on the same machine in the same run: builds the benchmark program of each into a
# temporary directory and runs `pdf-memory MESSAGES` (whole process: start-up, fonts, JIT, both passes; peak working set)
# alternately, ROUNDS times each, then prints the median time and memory of each.
# Usage: benchmarks/pdf-layout-versions.sh BASELINE_COMMIT [CANDIDATE_COMMIT=HEAD] [MESSAGES=2000] [ROUNDS=5]
set -euo pipefail
baseline=$1; candidate=${2:-HEAD}; messages=${3:-2000}; rounds=${4:-5}
root=$(git rev-parse --show-toplevel); work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/baseline" >/dev/null 2>&1 || true; git -C "$root" worktree remove --force "$work/candidate" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
for name in baseline candidate; do
  commit=$([ $name = baseline ] && echo "$baseline" || echo "$candidate")
  git -C "$root" worktree add --detach "$work/$name" "$commit" >/dev/null 2>&1
  dotnet build -c Release "$work/$name/benchmarks/AssistantKit.Benchmarks" -o "$work/$name-bin" >/dev/null
done
for ((i = 0; i < rounds; i++)); do
  for name in baseline candidate; do
    (cd "$work" && dotnet "$work/$name-bin/AssistantKit.Benchmarks.dll" pdf-memory "$messages") | sed "s/^/$name /" | tee -a "$work/results"
  done
done
python3 - "$work/results" <<'P'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.search(r"^(\w+) pdf: ([\d,]+) messages, ([\d,]+) pages.* in ([\d.]+) s.*peak working set ([\d,]+) MB", line)
    if m:
        rows.setdefault(m[1], []).append((float(m[4]), int(m[5].replace(",", "")), m[3]))
for name, values in rows.items():
    print(f"{name:9} median {statistics.median(v[0] for v in values):.2f} s, peak {statistics.median(v[1] for v in values):.0f} MB, pages {values[0][2]} ({len(values)} runs)")
if len(rows) == 2:
    print(f"candidate / baseline time: {statistics.median(v[0] for v in rows['candidate']) / statistics.median(v[0] for v in rows['baseline']):.2f}")
P
