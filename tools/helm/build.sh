#!/usr/bin/env bash
# Builds the `helm` command from its Go module, at the version pinned in tools/helm/go.mod (a `tool`
# directive), into .engines/bin/helm (tools/engines/go-tool.sh). The chart tests run `helm lint` and
# `helm template` with it. Rebuilt only when go.mod, go.sum or the build scripts change.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "$here/../.." && pwd)/.engines/bin/helm"
say() { printf '[helm] %s\n' "$*"; }
source "$here/../engines/go-tool.sh"

go_tool_current "$here" "$out" && exit 0
go_tool_prepare "$here" "$out" helm

# The same link-time values helm's own Makefile sets: its version, and the Kubernetes version that
# `helm template` and `helm lint` assume (derived from the client-go it is built with, v0.31 -> 1.31).
helm_version="$(go list -m -f '{{.Version}}' helm.sh/helm/v3)"
k8s_minor="$(go list -m -f '{{.Version}}' k8s.io/client-go | cut -d. -f2)"
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version"
for pkg in helm.sh/helm/v3/pkg/chartutil helm.sh/helm/v3/pkg/lint/rules; do
  ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
done

say "building helm $helm_version from its Go module (first time only, about a minute)"
go_tool_build "$here" "$out" helm.sh/helm/v3/cmd/helm "$ldflags"
say "helm $helm_version ready: $("$out" version --short)"
