#!/usr/bin/env bash
# srt's performance benchmark. It builds release, generates deterministic journals of 1, 10
# and 100 years through srt's own store (examples/bench_journal.rs), times each command with
# hyperfine against two floors measured in the same run (a release hello-world, and
# examples/floor.rs, which parses the same check-ins with serde_json and averages the
# alarm), measures peak memory with /usr/bin/time, and writes bench/RESULTS.md.
#
#   bench/run.sh                # srt and the floors (a few minutes)
#   bench/run.sh --with-jrnl    # also jrnl, the popular command-line journal, on the same
#                               # entries (installs it from PyPI into a temporary virtualenv)
#   RUNS=20 bench/run.sh        # more runs per figure (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."

with_jrnl=false
for arg in "$@"; do
  case "$arg" in
    --with-jrnl) with_jrnl=true ;;
    *) echo "usage: bench/run.sh [--with-jrnl]" >&2; exit 2 ;;
  esac
done
runs=${RUNS:-10}

# The tools: hyperfine and GNU time, from Debian's packages if they are missing.
if ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ]; then
  if command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null
  else
    echo "bench/run.sh needs hyperfine and GNU time (/usr/bin/time)" >&2; exit 1
  fi
fi

cargo build --release --locked --bin srt --examples
srt=$PWD/target/release/srt
examples=$PWD/target/release/examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results
mkdir -p "$results"

# Every srt command runs on the last generated day, with both check-ins of it done.
export SRT_NOW=2026-11-23T21:00:00+11:00 SRT_DEVICE=bench-runner NO_COLOR=1
sizes=(1 10 100)
for years in "${sizes[@]}"; do
  # It says "N check-ins from FIRST to LAST"; the whole-journal summary starts on FIRST.
  # (Not `tee /dev/stderr`: that reopens a redirected log file and writes over its start.)
  generated=$("$examples/bench_journal" "$work/y$years" "$years" --jrnl "$work/jrnl-$years.txt")
  echo "$generated"
  sed -n 's/.* from \([0-9-]*\) to .*/\1/p' <<<"$generated" > "$work/first-$years"
done

# measure NAME YEARS COMMAND...: hyperfine's figures (wall and CPU time) and the peak RSS of
# three runs. With PREPARE set, that command runs (untimed) before each run.
measure() {
  local name=$1 years=$2; shift 2
  local prepare=()
  [ -n "${PREPARE:-}" ] && prepare=(--prepare "$PREPARE")
  hyperfine -N --warmup 3 --runs "$runs" "${prepare[@]}" --export-json "$results/$name-$years.json" "$*" >/dev/null
  local peak=0 rss
  for _ in 1 2 3; do
    [ -n "${PREPARE:-}" ] && $PREPARE >/dev/null 2>&1
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
    rss=$(tail -n 1 "$work/rss")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  echo "$peak" > "$results/$name-$years.rss"
  echo "  $name ($years y) done"
}

for years in "${sizes[@]}"; do
  data=$work/y$years
  echo "== $years year(s): $(find "$data/log" -name '*.jsonl' -path '*checkins*' -exec cat {} + | wc -l) check-in lines"
  measure hello "$years" "$examples/hello"
  measure floor "$years" "$examples/floor" "$data"
  measure version "$years" "$srt" --version
  measure summary_all "$years" "$srt" --data-dir "$data" summary --since "$(cat "$work/first-$years")"
  measure summary_default "$years" "$srt" --data-dir "$data" summary
  measure list_30d "$years" "$srt" --data-dir "$data" list --last 30d --json
  measure status_quiet "$years" "$srt" --data-dir "$data" status --quiet
  measure export_all "$years" "$srt" --data-dir "$data" export --format json --all
  # Importing the journal's own export: every record read, compared and found unchanged. A
  # century's export is over import's 32 MiB limit (and no childhood lasts a century).
  if [ "$years" -le 10 ]; then
    "$srt" --data-dir "$data" export --format json --all -o "$work/export-$years.json" >/dev/null
    measure import_again "$years" "$srt" --data-dir "$data" import "$work/export-$years.json"
  fi
  # Each run changes today's morning back (a save that changes nothing writes nothing), so
  # every timed run appends a revision: a real save, fsync included.
  PREPARE="$srt --data-dir $data am 4 --replace --yes --note prepared" \
    measure add "$years" "$srt" --data-dir "$data" am 5 --replace --yes --note "bench"
done

if $with_jrnl; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet jrnl
  jrnl_version=$("$work/venv/bin/jrnl" --version | head -n 1)
  echo "$jrnl_version" > "$results/jrnl-version"
  for years in 1 10; do
    config=$work/jrnl-$years.yaml
    cat > "$config" <<YAML
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $work/jrnl-$years.txt
linewrap: 79
tagsymbols: '@'
template: false
timeformat: '%Y-%m-%d %I:%M:%S %p'
version: v4.2
YAML
    jrnl="$work/venv/bin/jrnl --config-file $config"
    measure jrnl_version "$years" "$work/venv/bin/jrnl" --version
    measure jrnl_last "$years" $jrnl -n 1
    measure jrnl_month "$years" $jrnl -from 2026-10-25 -to 2026-11-23
    measure jrnl_tag "$years" $jrnl @weighted_blanket
    measure jrnl_export "$years" $jrnl --format json
    measure jrnl_add "$years" $jrnl "Morning check-in: alarm 5. bench"
  done
fi

{
  echo "- $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "- $(free -g | awk '/Mem:/ {print $2}') GiB memory; Linux $(uname -r)"
  echo "- $(rustc --version); hyperfine $(hyperfine --version | cut -d' ' -f2); $runs runs per figure after 3 warm-ups"
  echo "- run on $(date -u +%Y-%m-%d) with: RUNS=$runs bench/run.sh $*"
} > "$results/machine"

cargo run --release --locked --quiet --example bench_report -- "$results" > bench/RESULTS.md
cat bench/RESULTS.md
