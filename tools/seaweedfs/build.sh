#!/usr/bin/env bash
# Builds SeaweedFS's `weed` command from its Go module, at the version pinned in tools/seaweedfs/go.mod
# (a `tool` directive), into .engines/bin/weed (tools/engines/go-tool.sh). It is the S3 object store of
# `npm start` and the tests. Rebuilt only when go.mod, go.sum or the build scripts change.
# The first build takes about 11 minutes on 2 cores (SeaweedFS links in many storage back ends).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "$here/../.." && pwd)/.engines/bin/weed"
say() { printf '[seaweedfs] %s\n' "$*"; }
source "$here/../engines/go-tool.sh"

go_tool_current "$here" "$out" && exit 0
# The pinned module needs Go 1.26.6 or newer (its go.mod); the local toolchain is used as it is.
go_tool_prepare "$here" "$out" SeaweedFS

# The module is pinned by a pseudo-version; its last part is the upstream commit, which `weed version`
# prints (SeaweedFS's release builds set the same variable).
module_version="$(go list -m -f '{{.Version}}' github.com/seaweedfs/seaweedfs)"
ldflags="-s -w -X github.com/seaweedfs/seaweedfs/weed/util/version.COMMIT=${module_version##*-}"

say "building SeaweedFS $module_version from its Go module (first time only, about 11 minutes on 2 cores)"
go_tool_build "$here" "$out" github.com/seaweedfs/seaweedfs/weed "$ldflags"
say "SeaweedFS ready: $("$out" version 2>/dev/null | head -1)"
