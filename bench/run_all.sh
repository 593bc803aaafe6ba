#!/usr/bin/env bash
# Run every benchmark, one after the other (never two at once: they would share the CPUs), each
# with its own Dovecot and SMTP server on loopback. Output: OUTDIR/<benchmark>.txt (the markdown
# block docs/benchmarks.md quotes) and OUTDIR/<benchmark>.json (every run's raw figures).
#
#   bench/run_all.sh [--quick] [OUTDIR]
#
# Default sizes take hours on a 2-core machine, most of it backlog intake and the first pass over
# 100,000 mails; --quick runs small sizes and 3 runs each for a smoke test (minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
if [[ "${1:-}" == "--quick" ]]; then
    quick=1
    shift
fi
out="${1:-${TMPDIR:-/tmp}/mailbot-bench-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"

run() {
    local name="$1"
    shift
    echo "== $name $* ($(date -Is))" | tee "$out/$name.txt"
    python3 "bench/$name.py" --json "$out/$name.json" "$@" | tee -a "$out/$name.txt"
}

if ((quick)); then
    run scheduling --sizes 10000,30000 --runs 3
    run large_attachment --mb 20 --runs 3
    run latency --messages 20 --runs 3
    run backlog --n 500 --runs 3 --drafts-runs 1
    run reading --n 300 --runs 3
    run first_pass --n 2000 --runs 3
else
    run scheduling
    run large_attachment
    run latency
    run backlog
    run reading
    run first_pass
fi
echo "== done ($(date -Is)); results in $out"
