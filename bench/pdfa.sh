#!/usr/bin/env bash
# bench/pdfa.sh [ISSUE.yaml] [RUNS] — wall time, peak memory and size of one build,
# normal vs PDF/A-1b vs PDF/A-2b, each a fresh `weekly-pdf build` measured with
# /usr/bin/time (Python start-up and font loading included). Median of RUNS (default 5)
# for wall-clock and for CPU (user + system) seconds: on a shared machine the CPU
# time is the steadier of the two.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
issue=${1:-$here/issues/2023/2023-20.yaml}
runs=${2:-5}
exe=$here/.venv/bin/weekly-pdf
[ -x "$exe" ] || exe=weekly-pdf
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf "%-8s %8s %8s %12s %9s %6s\n" mode "wall s" "CPU s" "peak RSS MB" "size KB" pages
for mode in normal 1b 2b; do
  case $mode in normal) flag=--no-pdfa ;; 1b) flag=--pdfa ;; 2b) flag=--pdfa=2b ;; esac
  : > "$tmp/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -o "$tmp/t" "$exe" build "$issue" $flag -o "$tmp/$mode.pdf" > "$tmp/out"
    cat "$tmp/t" >> "$tmp/times"
  done
  median=$(sort -n "$tmp/times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(awk '{printf "%.2f\n", $3 + $4}' "$tmp/times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  rss=$(sort -k2 -n "$tmp/times" | tail -1 | awk '{printf "%.0f", $2/1024}')
  size=$(( $(stat -c %s "$tmp/$mode.pdf") / 1024 ))
  pages=$(grep -o '[0-9]* 页' "$tmp/out" | grep -o '[0-9]*')
  printf "%-8s %8s %8s %12s %9s %6s\n" "$mode" "$median" "$cpu" "$rss" "$size" "$pages"
done
