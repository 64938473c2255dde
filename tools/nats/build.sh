#!/usr/bin/env bash
# Builds `nats-server` from its Go module, at the version pinned in tools/nats/go.mod (a `tool`
# directive), into .engines/bin/nats-server (git-ignored). Debian's package is 2.9, and consumers with
# several filter subjects (each service is delivered only the event types it handles) need 2.10.
# Rebuilt only when go.mod, go.sum or this script change, so a second run returns at once. Go is told
# not to phone home: no toolchain download, no telemetry; only the module proxy is used.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$root/.engines/bin"
out="$bin/nats-server"
stamp="$out.stamp"

say() { printf '[nats] %s\n' "$*"; }

want="$(cat "$here/go.mod" "$here/go.sum" "$here/build.sh" | sha256sum | cut -c1-16)"
if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

command -v go >/dev/null || { say "Go is required to build nats-server (https://go.dev/doc/install)"; exit 1; }
export GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-mod=mod CGO_ENABLED=0
mkdir -p "$bin"
cd "$here"
version="$(go list -m -f '{{.Version}}' github.com/nats-io/nats-server/v2)"
say "building nats-server $version from its Go module (first time only, under a minute)"
# Built beside the target and moved into place, so a concurrent run never sees half a binary.
tmp="$(mktemp "$bin/.nats-server.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
go build -trimpath -ldflags "-s -w" -o "$tmp" github.com/nats-io/nats-server/v2
chmod 0755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "$want" > "$stamp"
say "nats-server ready: $("$out" --version)"
