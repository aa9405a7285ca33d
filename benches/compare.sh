#!/usr/bin/env bash
# Whole-process comparisons of t3 with the sqlite3 shell on the large demo portfolio, for
# BENCHMARKS.md: each pair is run alternately, ROUNDS times, and the median wall times, their
# ratio and each side's peak memory are printed. Runs are alternated and compared within one
# run because the machines these run on are shared and noisy.
#
#   benches/compare.sh [DB]
#
# DB is the large portfolio (made with `t3 demo --scale large --today 2026-06-15 --db DB` if
# missing; default /tmp/t3-large.db). T3_BIN names the binary (default target/release/t3, built
# with `cargo build --release`); ROUNDS the runs of each side (default 5).
#
# Timing and memory come from /usr/bin/time -v (GNU time): hyperfine, where installed, is
# better at timing but says nothing of memory, so it is not used here.
set -euo pipefail

db=${1:-/tmp/t3-large.db}

for tool in sqlite3 /usr/bin/time; do
    if ! command -v "$tool" >/dev/null; then
        echo "compare.sh: $tool is not installed; it is the floor t3 is compared with" \
            "(Debian: apt-get install sqlite3 time)" >&2
        exit 1
    fi
done
script=compare.sh
# shellcheck source=benches/setup.sh
source "$(dirname "$0")/setup.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Wall seconds, peak resident kilobytes and CPU seconds (user and system) of one run of "$@",
# appended to the file $1. On a shared machine the CPU time is the steadier of the two.
measure() {
    local into=$1
    shift
    /usr/bin/time -f '%e %M %U %S' -o "$work/one" "$@" >/dev/null 2>"$work/stderr" || {
        echo "compare.sh: failed: $*" >&2
        cat "$work/stderr" >&2
        exit 1
    }
    cat "$work/one" >>"$into"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Prints one line: the name, both medians (wall and CPU), their ratios and both peaks.
report() {
    local name=$1 ours=$2 floor=$3
    local ours_s floor_s ours_cpu floor_cpu ours_kb floor_kb
    ours_s=$(cut -d' ' -f1 "$ours" | median)
    floor_s=$(cut -d' ' -f1 "$floor" | median)
    ours_cpu=$(awk '{ print $3 + $4 }' "$ours" | median)
    floor_cpu=$(awk '{ print $3 + $4 }' "$floor" | median)
    ours_kb=$(cut -d' ' -f2 "$ours" | sort -n | tail -1)
    floor_kb=$(cut -d' ' -f2 "$floor" | sort -n | tail -1)
    awk -v n="$name" -v a="$ours_s" -v b="$floor_s" -v ca="$ours_cpu" -v cb="$floor_cpu" \
        -v ma="$ours_kb" -v mb="$floor_kb" 'BEGIN {
        r = (b > 0) ? a / b : 0
        rc = (cb > 0) ? ca / cb : 0
        printf "%s\n  wall: t3 %.2f s, sqlite3 %.2f s, ratio %.1fx\n", n, a, b, r
        printf "  cpu:  t3 %.2f s, sqlite3 %.2f s, ratio %.1fx\n", ca, cb, rc
        printf "  peak memory: t3 %.0f MB, sqlite3 %.0f MB\n", ma / 1024, mb / 1024
    }'
}

# The floor for `t3 at-risk`: one aggregate query over the tables the rules read, finding the
# trainers gone dark, certifications expiring or lapsed, and syncs missed.
floor_query="
SELECT COUNT(*) FROM (
  SELECT t.id,
         (SELECT MAX(s.held_on) FROM training_session s WHERE s.trainer_id = t.id) AS last_session,
         (SELECT MAX(c.expires_on) FROM certification c WHERE c.trainer_id = t.id) AS expiry,
         (SELECT COUNT(*) FROM sync_invite i WHERE i.trainer_id = t.id
             AND i.attendance = 'absent') AS missed,
         (SELECT new_feature_adoption FROM account_snapshot n WHERE n.account_id = a.id
             ORDER BY as_of DESC LIMIT 1) AS adoption
  FROM trainer t JOIN account a ON a.id = t.account_id
  WHERE a.archived = 0 AND t.status IN ('certified', 'lapsed'))
WHERE last_session < date('$today', '-90 days') OR expiry < date('$today', '+60 days')
   OR missed >= 2 OR adoption < 30;"

echo "t3: $("$t3" --version)  sqlite3: $(sqlite3 --version | cut -d' ' -f1)  rounds: $rounds"
echo "database: $db ($(du -h "$db" | cut -f1))"

for _ in $(seq "$rounds"); do
    measure "$work/atrisk.t3" "$t3" --db "$db" --today "$today" at-risk --format json
    measure "$work/atrisk.sql" sqlite3 -readonly "$db" "$floor_query"
done
report "at-risk --format json" "$work/atrisk.t3" "$work/atrisk.sql"

for _ in $(seq "$rounds"); do
    measure "$work/export.t3" "$t3" --db "$db" export sessions
    measure "$work/export.sql" sqlite3 -readonly -csv -header "$db" \
        "SELECT t.name, t.email, a.name, s.held_on, s.topic, s.attendees, s.duration_minutes
         FROM training_session s JOIN trainer t ON t.id = s.trainer_id
         JOIN account a ON a.id = s.account_id ORDER BY s.held_on, s.id"
done
report "export sessions (1M rows)" "$work/export.t3" "$work/export.sql"

# A million new sessions in the columns `t3 import sessions` reads, by the portfolio's own
# trainers, each under a topic of its own so that every row is added.
sqlite3 -readonly -csv -header "$db" \
    "SELECT t.email AS email, s.held_on AS held_on, 'Imported session ' || s.id AS topic,
            s.attendees AS attendees, s.duration_minutes AS duration_min
     FROM training_session s JOIN trainer t ON t.id = s.trainer_id LIMIT 1000000" \
    >"$work/sessions.csv"
echo "import file: $(wc -l <"$work/sessions.csv") lines ($(du -h "$work/sessions.csv" | cut -f1))"
for _ in $(seq "$rounds"); do
    cp "$db" "$work/import.db"
    rm -f "$work/import.db-wal" "$work/import.db-shm"
    measure "$work/import.t3" "$t3" --db "$work/import.db" --today "$today" \
        import sessions "$work/sessions.csv"
    wal=$(stat -c %s "$work/import.db-wal" 2>/dev/null || echo 0)
    rm -f "$work/import.db" "$work/import.db-wal" "$work/import.db-shm" "$work/plain.db"
    measure "$work/import.sql" sqlite3 "$work/plain.db" \
        ".mode csv" ".import $work/sessions.csv sessions"
done
report "import sessions (1M rows)" "$work/import.t3" "$work/import.sql"
echo "WAL left after the last t3 import: $wal bytes"
