#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with SharpFuzz and AFL++ (docs/fuzzing.md).
#
#   eng/fuzz.sh TARGET [MINUTES]     targets: conversation-json, import, template-json, realtime-server-frame
#
# Needs afl-fuzz (Debian: apt-get install afl++) and the sharpfuzz tool (installed here when missing). Seeds come from
# fuzz/corpus/TARGET; AFL's queue and any crashes land in artifacts/fuzz/TARGET. A crash is an input for which the
# reader threw something its contract does not allow: replay it with
#   dotnet run --project fuzz/AssistantKit.Fuzz -- TARGET artifacts/fuzz/TARGET/default/crashes/id:…
# (an uninstrumented build: the instrumented one only runs under afl-fuzz)
# and make it a regression test.
set -euo pipefail
target=${1:?usage: eng/fuzz.sh TARGET [MINUTES]}
minutes=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/artifacts/fuzz/bin
out=$root/artifacts/fuzz/$target

command -v afl-fuzz >/dev/null || { echo "afl-fuzz is not installed (Debian package afl++)" >&2; exit 2; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0 >/dev/null

# Build once, then instrument our assemblies (not the framework's, not the fuzz driver) for coverage.
if [ ! -f "$bin/.instrumented" ] || [ -n "$(find "$root/src" "$root/fuzz" -name '*.cs' -newer "$bin/.instrumented" -print -quit)" ]; then
  rm -rf "$bin"
  dotnet publish "$root/fuzz/AssistantKit.Fuzz" -c Release -o "$bin" --nologo -v quiet
  for dll in "$bin"/AssistantKit.*.dll; do
    [ "$(basename "$dll")" = "AssistantKit.Fuzz.dll" ] && continue
    sharpfuzz "$dll" >/dev/null
  done
  touch "$bin/.instrumented"
fi

mkdir -p "$out"
resume=-i
[ -d "$out/default/queue" ] && resume="-i -"   # continue an earlier run's queue
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_AUTORESUME=1
if [ "$resume" = "-i" ]; then
  afl-fuzz -i "$root/fuzz/corpus/$target" -x "$root/fuzz/json.dict" -o "$out" -V $((minutes * 60)) -t 5000 -m none -- dotnet "$bin/AssistantKit.Fuzz.dll" "$target"
else
  afl-fuzz -i - -x "$root/fuzz/json.dict" -o "$out" -V $((minutes * 60)) -t 5000 -m none -- dotnet "$bin/AssistantKit.Fuzz.dll" "$target"
fi
stats=$out/default/fuzzer_stats
[ -f "$stats" ] && grep -E '^(execs_done|execs_per_sec|corpus_count|bitmap_cvg|saved_crashes|saved_hangs|run_time) ' "$stats"
