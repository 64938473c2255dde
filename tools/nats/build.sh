#!/usr/bin/env bash
# Builds `nats-server` from its Go module, at the version pinned in tools/nats/go.mod (a `tool`
# directive), into .engines/bin/nats-server (tools/engines/go-tool.sh). Debian's package is 2.9, and
# consumers with several filter subjects (each service is delivered only the event types it handles)
# need 2.10. Rebuilt only when go.mod, go.sum or the build scripts change.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "$here/../.." && pwd)/.engines/bin/nats-server"
say() { printf '[nats] %s\n' "$*"; }
source "$here/../engines/go-tool.sh"

go_tool_current "$here" "$out" && exit 0
go_tool_prepare "$here" "$out" nats-server
version="$(go list -m -f '{{.Version}}' github.com/nats-io/nats-server/v2)"
say "building nats-server $version from its Go module (first time only, under a minute)"
go_tool_build "$here" "$out" github.com/nats-io/nats-server/v2 "-s -w"
say "nats-server ready: $("$out" --version)"
