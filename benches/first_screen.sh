#!/usr/bin/env bash
# Whole-process time from launching t3 to its first screen, for BENCHMARKS.md: t3 runs in a
# 200×50 tmux pane (a real pseudo-terminal) and the pane is read every 5 ms until the key hints
# at the bottom of the first screen are drawn. Also prints the ordinary demo's time, which is
# the cost of starting a process, tmux and the polling, for comparison.
#
#   benches/first_screen.sh [DB]
#
# DB is the large portfolio (default /tmp/t3-large.db, made with `t3 demo --scale large` if
# missing); it is opened --readonly, so the file is left as it was. T3_BIN names the binary
# (default target/release/t3); ROUNDS the runs (default 5). Needs tmux.
set -euo pipefail

db=${1:-/tmp/t3-large.db}

if ! command -v tmux >/dev/null; then
    echo "first_screen.sh: tmux is not installed (Debian: apt-get install tmux)" >&2
    exit 1
fi
script=first_screen.sh
# shellcheck source=benches/setup.sh
source "$(dirname "$0")/setup.sh"

home=$(mktemp -d)
session=t3-first-screen-$$
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$home"' EXIT

# Prints the median of the first-screen times, in milliseconds, of t3 run with "$@".
first_screen() {
    local times=()
    for _ in $(seq "$rounds"); do
        tmux kill-session -t "$session" 2>/dev/null || true
        local start end
        start=$(date +%s%N)
        tmux new-session -d -s "$session" -x 200 -y 50 \
            "HOME=$home XDG_STATE_HOME=$home/state XDG_DATA_HOME=$home/data $t3 --today $today $*"
        until tmux capture-pane -p -t "$session" 2>/dev/null | grep -q "q quit"; do
            sleep 0.005
        done
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
        tmux kill-session -t "$session"
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

"$t3" --today "$today" --db "$home/demo.db" demo >/dev/null 2>&1
echo "ordinary demo:   $(first_screen --readonly --db "$home/demo.db") ms to the first screen (median of $rounds)"
echo "large portfolio: $(first_screen --readonly --db "$db") ms to the first screen (median of $rounds)"
