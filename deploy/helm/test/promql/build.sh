#!/usr/bin/env bash
# Builds the chart tests' PromQL checker (main.go: Prometheus's own parser, at the version pinned in
# go.mod) into bin/promql (git-ignored), with tools/engines/go-tool.sh. Rebuilt only when its sources
# change, so a second run returns at once.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/bin/promql"
say() { printf '[promql] %s\n' "$*" >&2; }
source "$here/../../../../tools/engines/go-tool.sh"

go_tool_current "$here" "$out" && exit 0
go_tool_prepare "$here" "$out" "the PromQL checker"
say "building the PromQL checker from Prometheus's parser (first time only, about a minute)"
go_tool_build "$here" "$out" . "-s -w"
