#!/usr/bin/env bash
# Builds the `helm` command from its Go module, at the version pinned in tools/helm/go.mod (a `tool`
# directive), into .engines/bin/helm (git-ignored). The chart tests run `helm lint` and `helm template`
# with it. Rebuilt only when go.mod, go.sum or this script change, so a second run returns at once.
# Go is told not to phone home: no toolchain download, no telemetry; only the module proxy is used.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$root/.engines/bin"
out="$bin/helm"
stamp="$out.stamp"

say() { printf '[helm] %s\n' "$*"; }

want="$(cat "$here/go.mod" "$here/go.sum" "$here/build.sh" | sha256sum | cut -c1-16)"
if [ -x "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

command -v go >/dev/null || { say "Go is required to build helm (https://go.dev/doc/install)"; exit 1; }
export GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-mod=mod CGO_ENABLED=0
mkdir -p "$bin"
cd "$here"

# The same link-time values helm's own Makefile sets: its version, and the Kubernetes version that
# `helm template` and `helm lint` assume (derived from the client-go it is built with, v0.31 -> 1.31).
helm_version="$(go list -m -f '{{.Version}}' helm.sh/helm/v3)"
k8s_minor="$(go list -m -f '{{.Version}}' k8s.io/client-go | cut -d. -f2)"
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version"
for pkg in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
  ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
done

say "building helm $helm_version from its Go module (first time only, about a minute)"
# Built beside the target and moved into place, so a concurrent run never sees half a binary.
tmp="$(mktemp "$bin/.helm.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
go build -trimpath -ldflags "$ldflags" -o "$tmp" helm.sh/helm/v3/cmd/helm
chmod 0755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "$want" > "$stamp"
say "helm $helm_version ready: $("$out" version --short)"
