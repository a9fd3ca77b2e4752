#!/usr/bin/env bash
# Runs Node.js 24 (>= 24.9, what the tests need) with the given arguments: the `node` on PATH when
# it is recent enough, otherwise the official binary that the npm registry ships as
# node-linux-<arch>@24, installed once into ${XDG_CACHE_HOME:-$HOME/.cache}/plenary/node-24.
#
#   tools/node.sh ARGS...    run that node with ARGS (npm test does)
#   tools/node.sh --bin-dir  print the folder of that node, to put first on PATH (.ci/run does)
#
# Progress goes to stderr.
set -euo pipefail

MAJOR=24
MIN_MINOR=9

log() { printf 'node.sh: %s\n' "$*" >&2; }

recent_enough() {
  [[ "$("$1" --version 2>/dev/null || true)" =~ ^v$MAJOR\.([0-9]+)\. ]] && ((BASH_REMATCH[1] >= MIN_MINOR))
}

# Prints the bin folder of a suitable node, installing the registry's package when needed.
bin_dir() {
  local current
  current="$(command -v node 2>/dev/null || true)"
  if [[ -n "$current" ]] && recent_enough "$current"; then
    dirname "$current"
    return 0
  fi
  local arch
  case "$(uname -s)/$(uname -m)" in
    Linux/x86_64 | Linux/amd64) arch=x64 ;;
    Linux/aarch64 | Linux/arm64) arch=arm64 ;;
    *)
      log "Node.js $MAJOR.$MIN_MINOR or later is needed (found: ${current:+$("$current" --version)}${current:-none}); install it (.nvmrc) and put it first on PATH"
      return 1
      ;;
  esac
  local pkg="node-linux-$arch"
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/plenary/node-$MAJOR"
  local bin="$dir/node_modules/$pkg/bin"
  if ! recent_enough "$bin/node"; then
    command -v npm >/dev/null 2>&1 || {
      log "npm is needed to install $pkg@$MAJOR"
      return 1
    }
    log "the node on PATH is ${current:+$("$current" --version)}${current:-missing}: installing $pkg@$MAJOR from the npm registry into $dir (once)"
    mkdir -p "$(dirname "$dir")"
    # Install beside the cache, then swap it in, so that an interrupted install is never used.
    local stage
    stage="$(mktemp -d "$dir.partial.XXXXXX")"
    if ! npm install --prefix "$stage" --no-save --no-audit --no-fund "$pkg@$MAJOR" >&2; then
      rm -rf "$stage"
      return 1
    fi
    rm -rf "$dir"
    mv "$stage" "$dir"
    recent_enough "$bin/node" || {
      log "$bin/node is not a working Node.js $MAJOR.$MIN_MINOR+"
      return 1
    }
  fi
  printf '%s\n' "$bin"
}

if [[ "${1:-}" == "--bin-dir" ]]; then
  bin_dir
  exit 0
fi
dir="$(bin_dir)"
exec "$dir/node" "$@"
