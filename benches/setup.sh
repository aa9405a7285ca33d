# Shared by the whole-process benchmark scripts: sourced after `set -euo pipefail` with
# `script` set to the caller's name and `db` to the large portfolio's path. Sets `today`,
# `rounds` and `t3`, checks the binary is built, and builds the portfolio if it is missing.

today=2026-06-15
rounds=${ROUNDS:-5}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
t3=${T3_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/t3}

if [[ ! -x $t3 ]]; then
    echo "$script: no t3 binary at $t3; run cargo build --release or set T3_BIN" >&2
    exit 1
fi
if [[ ! -f $db ]]; then
    echo "$script: building the large portfolio at $db" >&2
    "$t3" demo --scale large --today "$today" --db "$db"
fi
