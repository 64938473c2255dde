#!/usr/bin/env bash
# Builds the chart tests' PromQL checker (main.go: Prometheus's own parser, at the version pinned in
# go.mod) into bin/promql (git-ignored). Rebuilt only when its sources change, so a second run returns
# at once. Go is told not to phone home: no toolchain download, no telemetry; only the module proxy.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/bin/promql"
stamp="$out.stamp"

want="$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" "$here/build.sh" | sha256sum | cut -c1-16)"
if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

command -v go >/dev/null || { echo "[promql] Go is required to build the PromQL checker (https://go.dev/doc/install)" >&2; exit 1; }
export GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-mod=mod CGO_ENABLED=0
mkdir -p "$here/bin"
cd "$here"
echo "[promql] building the PromQL checker from Prometheus's parser (first time only, about a minute)"
# Built beside the target and moved into place, so a concurrent run never sees half a binary.
tmp="$(mktemp "$here/bin/.promql.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
go build -trimpath -ldflags "-s -w" -o "$tmp" .
chmod 0755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "$want" > "$stamp"
