#!/usr/bin/env bash
# Builds our FerretDB wrapper (main.go, postgres.go: FerretDB at the version pinned in tools/ferretdb/go.mod)
# into .engines/bin/ferretdb (tools/engines/go-tool.sh). Rebuilt only when go.mod, go.sum, the Go
# sources or the build scripts change.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "$here/../.." && pwd)/.engines/bin/ferretdb"
say() { printf '[ferretdb] %s\n' "$*"; }
source "$here/../engines/go-tool.sh"

go_tool_current "$here" "$out" && exit 0
go_tool_prepare "$here" "$out" FerretDB
say "building FerretDB $(go list -m -f '{{.Version}}' github.com/FerretDB/FerretDB) from its Go module (first time only, about a minute)"
go_tool_build "$here" "$out" . "-s -w"
say "FerretDB ready"
