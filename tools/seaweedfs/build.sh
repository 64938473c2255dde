#!/usr/bin/env bash
# Builds SeaweedFS's `weed` command from its Go module, at the version pinned in tools/seaweedfs/go.mod
# (a `tool` directive), into .engines/bin/weed (git-ignored). It is the S3 object store of `npm start`
# and the tests. Rebuilt only when go.mod, go.sum or this script change, so a second run returns at once.
# The first build takes about 11 minutes on 2 cores (SeaweedFS links in many storage back ends).
# Go is told not to phone home: no toolchain download, no telemetry; only the module proxy is used.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$root/.engines/bin"
out="$bin/weed"
stamp="$out.stamp"

say() { printf '[seaweedfs] %s\n' "$*"; }

want="$(cat "$here/go.mod" "$here/go.sum" "$here/build.sh" | sha256sum | cut -c1-16)"
if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

command -v go >/dev/null || { say "Go is required to build SeaweedFS (https://go.dev/doc/install)"; exit 1; }
# The pinned module needs Go 1.26.6 or newer (its go.mod); the local toolchain is used as it is.
export GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-mod=mod CGO_ENABLED=0
mkdir -p "$bin"
cd "$here"

# The module is pinned by a pseudo-version; its last part is the upstream commit, which `weed version`
# prints (SeaweedFS's release builds set the same variable).
module_version="$(go list -m -f '{{.Version}}' github.com/seaweedfs/seaweedfs)"
ldflags="-s -w -X github.com/seaweedfs/seaweedfs/weed/util/version.COMMIT=${module_version##*-}"

say "building SeaweedFS $module_version from its Go module (first time only, about 11 minutes on 2 cores)"
# Built beside the target and moved into place, so a concurrent run never sees half a binary.
tmp="$(mktemp "$bin/.weed.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
go build -trimpath -ldflags "$ldflags" -o "$tmp" github.com/seaweedfs/seaweedfs/weed
chmod 0755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "$want" > "$stamp"
say "SeaweedFS ready: $("$out" version 2>/dev/null | head -1)"
