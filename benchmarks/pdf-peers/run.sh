#!/usr/bin/env bash
# Whole-process PDF comparison on one conversation, runs alternating, medians: the assistantkit tool as dotnet tool
# install gives it (native code for this machine) and its portable build (IL on the .NET runtime, what other platforms
# get), the pdfkit peer (pdfkit.js, Node), and Chromium printing AssistantKit's HTML export of the same conversation.
# Usage (from the repository root): benchmarks/pdf-peers/run.sh [MESSAGES=2000] [ROUNDS=5]
# Needs: node and npm (npm install runs here once), chromium, poppler-utils (pdfinfo).
set -euo pipefail
messages=${1:-2000}; rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd); work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -d "$here/node_modules" ] || (cd "$here" && npm install --no-audit --no-fund --silent)
python3 "$here/generate.py" "$messages" > "$work/conv.json"
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
dotnet publish "$root/src/AssistantKit.Cli" -c Release -r "$rid" -o "$work/cli" >/dev/null
dotnet publish "$root/src/AssistantKit.Cli" -c Release -p:PublishAot=false -o "$work/portable" >/dev/null
cli="$work/cli/AssistantKit.Cli"
"$cli" export "$work/conv.json" --format html --out "$work/conv.html" -q
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
for ((i = 0; i < rounds; i++)); do
  echo "assistantkit $(seconds "$cli" export "$work/conv.json" --format pdf --out "$work/ours.pdf" -q)" >> "$work/times"
  echo "portable $(seconds "$work/portable/AssistantKit.Cli" export "$work/conv.json" --format pdf --out "$work/portable.pdf" -q)" >> "$work/times"
  echo "pdfkit $(seconds node "$here/pdfkit.js" "$work/conv.json" "$work/pdfkit.pdf" "$root/src/AssistantKit.Export.Pdf/Fonts")" >> "$work/times"
  echo "chromium $(seconds chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$work/profile" --print-to-pdf="$work/chromium.pdf" "file://$work/conv.html")" >> "$work/times"
done
for name in ours portable pdfkit chromium; do echo "$name $(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ {print $2}') $(stat -c %s "$work/$name.pdf")"; done > "$work/pages"
python3 - "$work/times" "$work/pages" "$messages" <<'P'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    name, value = line.split()
    times.setdefault(name, []).append(float(value))
pages = {n: (p, s) for n, p, s in (l.split() for l in open(sys.argv[2]))}
pages["assistantkit"] = pages.pop("ours")
ours = statistics.median(times["assistantkit"])
print(f"{sys.argv[3]} messages, {len(times['assistantkit'])} runs each, medians:")
for name, values in times.items():
    m = statistics.median(values)
    print(f"  {name:12} {m:6.2f} s  (min {min(values):.2f}, max {max(values):.2f})  {pages[name][0]:>5} pages  {int(pages[name][1]) / 1e6:5.1f} MB  assistantkit is {m / ours:.2f}x faster")
P
