#!/usr/bin/env bash
# Build and run the embedded FerretDB (tools/ferretdb/main.go) for local
# development and CI.
#
#   ferretdb.sh build  [--required]
#   ferretdb.sh start  [--port N] [--data DIR] [--handler sqlite|postgresql]
#                      [--postgresql-url URL] [--log-level LEVEL]
#   ferretdb.sh stop   [--data DIR]
#   ferretdb.sh status [--data DIR]
#
# Relative paths are resolved against the repository root, whatever the
# caller's working directory. Progress messages go to stderr; `start` and
# `status` print only `MONGODB_URI=mongodb://127.0.0.1:PORT/` on stdout.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SRC_DIR="$ROOT/tools/ferretdb"
BIN="$SRC_DIR/bin/ferretdb"

DEFAULT_PORT=27017
DEFAULT_DATA=".data/ferretdb"

log() { printf 'ferretdb: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

# --- helpers -----------------------------------------------------------------

find_go() {
  local candidate
  if candidate="$(command -v go 2>/dev/null)" && [[ -n "$candidate" ]]; then
    printf '%s\n' "$candidate"
    return 0
  fi
  for candidate in \
    "${GOROOT:+$GOROOT/bin/go}" \
    /usr/local/go/bin/go \
    /usr/lib/go/bin/go \
    "$HOME/go/bin/go" \
    "$HOME/sdk/go/bin/go"; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

abs_path() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$ROOT/$1" ;;
  esac
}

# True when TCP port $1 on 127.0.0.1 accepts connections.
port_open() {
  local port="$1"
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# True when pid $1 is a live (non-zombie) process.
pid_alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/stat" ]]; then
    # Third field of /proc/PID/stat is the state; Z = zombie (not reaped yet).
    state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null || true)"
    [[ "$state" == "Z" || "$state" == "X" ]] && return 1
  fi
  return 0
}

# True when pid $1 is alive and (where /proc allows checking) is our binary.
pid_is_ferretdb() {
  local pid="$1"
  pid_alive "$pid" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'ferretdb' || return 1
  fi
  return 0
}

read_pid() {
  local file="$1" pid=""
  [[ -f "$file" ]] && pid="$(tr -dc '0-9' <"$file" 2>/dev/null || true)"
  printf '%s\n' "$pid"
}

# The URL $1 with any password replaced by ***.
redact_url() {
  printf '%s\n' "$1" | sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#g'
}

validate_port() {
  if [[ ! "$1" =~ ^[0-9]+$ ]] || ((10#$1 < 1 || 10#$1 > 65535)); then
    die "invalid port: $1"
  fi
}

needs_build() {
  [[ -x "$BIN" ]] || return 0
  local f
  for f in main.go go.mod go.sum; do
    [[ -f "$SRC_DIR/$f" && "$SRC_DIR/$f" -nt "$BIN" ]] && return 0
  done
  return 1
}

# --- build -------------------------------------------------------------------

cmd_build() {
  local required=0
  while (($#)); do
    case "$1" in
      --required) required=1 ;;
      -h | --help) usage; exit 0 ;;
      *) die "build: unknown option: $1" ;;
    esac
    shift
  done

  local go_bin
  if ! go_bin="$(find_go)"; then
    if ((required)); then
      log "error: no Go toolchain found (install Go >= 1.24 or put it on PATH); cannot build FerretDB"
      exit 1
    fi
    log "no Go toolchain found, skipping the FerretDB build (the app falls back to mongodb-memory-server or MONGODB_URI)"
    exit 0
  fi

  if ! needs_build; then
    log "up to date ($BIN)"
    return 0
  fi

  mkdir -p "$SRC_DIR/bin"
  local tmp_bin="$SRC_DIR/bin/.ferretdb.tmp.$$"
  log "building with $("$go_bin" version 2>/dev/null || echo "$go_bin") (first build downloads modules and takes about a minute)"
  if ! (
    cd "$SRC_DIR"
    export GOFLAGS=-mod=mod GOTELEMETRY=off
    "$go_bin" build -trimpath -o "$tmp_bin" .
  ); then
    rm -f "$tmp_bin"
    die "go build failed"
  fi
  mv -f "$tmp_bin" "$BIN"
  log "built $BIN"
}

# --- start / stop / status ---------------------------------------------------

cmd_start() {
  local port="$DEFAULT_PORT" data="$DEFAULT_DATA" handler="sqlite" pg_url="" level="warn"
  while (($#)); do
    case "$1" in
      --port) port="${2:?--port needs a value}"; shift ;;
      --port=*) port="${1#*=}" ;;
      --data) data="${2:?--data needs a value}"; shift ;;
      --data=*) data="${1#*=}" ;;
      --handler) handler="${2:?--handler needs a value}"; shift ;;
      --handler=*) handler="${1#*=}" ;;
      --postgresql-url) pg_url="${2:?--postgresql-url needs a value}"; shift ;;
      --postgresql-url=*) pg_url="${1#*=}" ;;
      --log-level) level="${2:?--log-level needs a value}"; shift ;;
      --log-level=*) level="${1#*=}" ;;
      -h | --help) usage; exit 0 ;;
      *) die "start: unknown option: $1" ;;
    esac
    shift
  done
  validate_port "$port"
  port=$((10#$port))
  case "$handler" in
    sqlite) ;;
    postgresql) [[ -n "$pg_url" ]] || die "--handler postgresql needs --postgresql-url URL" ;;
    *) die "invalid --handler '$handler' (use sqlite or postgresql)" ;;
  esac

  data="$(abs_path "$data")"
  mkdir -p "$data"
  local pid_file="$data/ferretdb.pid" port_file="$data/ferretdb.port" log_file="$data/ferretdb.log"

  local pid
  pid="$(read_pid "$pid_file")"
  if [[ -n "$pid" ]] && pid_is_ferretdb "$pid"; then
    local running_port
    running_port="$(tr -dc '0-9' <"$port_file" 2>/dev/null || true)"
    running_port="${running_port:-$port}"
    log "already running (pid $pid, port $running_port, data $data)"
    if [[ "$running_port" != "$port" ]]; then
      log "warning: requested port $port but the running instance listens on $running_port"
    fi
    printf 'MONGODB_URI=mongodb://127.0.0.1:%s/\n' "$running_port"
    return 0
  fi
  rm -f "$pid_file" "$port_file"

  if port_open "$port"; then
    die "port $port on 127.0.0.1 is already in use by another process (choose another with --port)"
  fi

  # FerretDB listens even when PostgreSQL is unreachable and fails only on the
  # first query, so check the URL up front (when psql is installed).
  if [[ "$handler" == "postgresql" ]] && command -v psql >/dev/null 2>&1; then
    local pg_err
    if ! pg_err="$(PGCONNECT_TIMEOUT=5 psql -X -q -A -t -d "$pg_url" -c 'SELECT 1' 2>&1 >/dev/null)"; then
      die "cannot use PostgreSQL at $(redact_url "$pg_url"): ${pg_err:-psql failed}"
    fi
  fi

  cmd_build --required

  local args=(-listen-addr "127.0.0.1:$port" -handler "$handler" -log-level "$level")
  if [[ "$handler" == "sqlite" ]]; then
    args+=(-sqlite-dir "$data")
  else
    args+=(-postgresql-url "$pg_url")
  fi

  printf '\n--- %s start: %s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$BIN" "$(redact_url "${args[*]}")" >>"$log_file"
  # Detach from the caller's stdio so that a caller capturing our stdout
  # (e.g. `uri=$(ferretdb.sh start)`) does not wait for the server to exit.
  nohup "$BIN" "${args[@]}" </dev/null >>"$log_file" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$pid_file"
  printf '%s\n' "$port" >"$port_file"

  local deadline=$((SECONDS + 30))
  while :; do
    if ! pid_alive "$pid"; then
      rm -f "$pid_file" "$port_file"
      log "error: FerretDB exited during startup; last lines of $log_file:"
      tail -n 20 "$log_file" >&2 || true
      exit 1
    fi
    if port_open "$port"; then
      break
    fi
    if ((SECONDS >= deadline)); then
      log "error: FerretDB did not accept connections on port $port within 30 s; stopping it. Last lines of $log_file:"
      tail -n 20 "$log_file" >&2 || true
      stop_pid "$pid"
      rm -f "$pid_file" "$port_file"
      exit 1
    fi
    sleep 0.2
  done

  log "started (pid $pid, port $port, handler $handler, data $data, log $log_file)"
  printf 'MONGODB_URI=mongodb://127.0.0.1:%s/\n' "$port"
}

# SIGTERM, wait up to 10 s, then SIGKILL.
stop_pid() {
  local pid="$1" i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.2
  done
  log "pid $pid did not stop within 10 s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 25; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.2
  done
  log "warning: pid $pid is still alive after SIGKILL"
}

parse_data_only() {
  local data="$DEFAULT_DATA"
  while (($#)); do
    case "$1" in
      --data) data="${2:?--data needs a value}"; shift ;;
      --data=*) data="${1#*=}" ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown option: $1" ;;
    esac
    shift
  done
  abs_path "$data"
}

cmd_stop() {
  local data pid_file port_file pid
  data="$(parse_data_only "$@")"
  pid_file="$data/ferretdb.pid"
  port_file="$data/ferretdb.port"
  pid="$(read_pid "$pid_file")"
  if [[ -z "$pid" ]] || ! pid_is_ferretdb "$pid"; then
    rm -f "$pid_file" "$port_file"
    log "not running (data $data)"
    return 0
  fi
  stop_pid "$pid"
  rm -f "$pid_file" "$port_file"
  log "stopped (pid $pid)"
}

cmd_status() {
  local data pid_file port_file pid port
  data="$(parse_data_only "$@")"
  pid_file="$data/ferretdb.pid"
  port_file="$data/ferretdb.port"
  pid="$(read_pid "$pid_file")"
  if [[ -n "$pid" ]] && pid_is_ferretdb "$pid"; then
    port="$(tr -dc '0-9' <"$port_file" 2>/dev/null || true)"
    port="${port:-$DEFAULT_PORT}"
    if port_open "$port"; then
      log "running (pid $pid, port $port, data $data)"
    else
      log "running (pid $pid, data $data) but port $port does not accept connections"
    fi
    printf 'MONGODB_URI=mongodb://127.0.0.1:%s/\n' "$port"
    return 0
  fi
  log "not running (data $data)"
  if [[ -x "$BIN" ]]; then
    if needs_build; then
      log "binary $BIN is out of date (run: npm run ferretdb:build)"
    fi
  else
    log "binary $BIN not built (run: npm run ferretdb:build)"
  fi
  return 1
}

main() {
  local cmd="${1:-}"
  (($#)) && shift
  case "$cmd" in
    build) cmd_build "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    -h | --help | help) usage ;;
    "") usage; exit 2 ;;
    *) log "unknown command: $cmd"; usage; exit 2 ;;
  esac
}

main "$@"
