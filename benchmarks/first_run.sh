#!/usr/bin/env bash
# The README's first command on a fresh venv, timed: install from the lock, then `python run.py`
# until the first page is served. Three runs; prints each and the machine's load.
#   bash benchmarks/first_run.sh [runs]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
for i in $(seq "$runs"); do
  work="$(mktemp -d)"
  git clone -q "$repo" "$work/app"
  cd "$work/app"
  python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
  start=$(date +%s.%N)
  pip install -q -c constraints.txt -e . >"$work/install.log" 2>&1
  installed=$(date +%s.%N)
  FACILITATOR_PORT=$port FACILITATOR_DB="$work/f.db" python run.py >"$work/run.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/run.log"; exit 1; }
    sleep 0.05
  done
  served=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  deactivate
  cd "$repo"; rm -rf "$work"
  printf 'run %d: install %.1f s, start to first page %.1f s (load %s)\n' "$i" \
    "$(echo "$installed - $start" | bc)" "$(echo "$served - $installed" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
