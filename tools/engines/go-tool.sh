# Sourced by the scripts that build a command from its pinned Go module (tools/nats, tools/helm,
# tools/seaweedfs, the chart tests' PromQL checker): the version is pinned in the script's own go.mod,
# the binary goes where the script says (git-ignored) with a stamp of what it was built from, and Go is told not to phone
# home (no toolchain download, no telemetry; only the module proxy is used).

# A hash of what a build in <dir> depends on: its go.mod, go.sum, build.sh and Go sources, and this file.
go_tool_stamp() {
  local files=("$1/go.mod" "$1/go.sum" "$1/build.sh") source
  for source in "$1"/*.go; do [ -e "$source" ] && files+=("$source"); done
  cat "${files[@]}" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16
}

# True when <out> exists and was built from <dir> as it is now: a second run returns at once.
go_tool_current() {
  [ -x "$2" ] && [ "$(cat "$2.stamp" 2>/dev/null)" = "$(go_tool_stamp "$1")" ]
}

# Checks that Go is there, sets the build environment and enters <dir> (version queries run there).
go_tool_prepare() {
  local dir=$1 out=$2 name=$3
  command -v go >/dev/null || { say "Go is required to build $name (https://go.dev/doc/install)"; exit 1; }
  export GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-mod=mod CGO_ENABLED=0
  mkdir -p "$(dirname "$out")"
  cd "$dir"
}

# Builds <package> with <ldflags> beside <out> and moves it into place (a concurrent run never sees half
# a binary), then stamps it. Run after go_tool_prepare.
go_tool_build() {
  local dir=$1 out=$2 package=$3 ldflags=$4
  # Global, so the exit trap still sees it if the build fails.
  go_tool_tmp="$(mktemp "$(dirname "$out")/.$(basename "$out").XXXXXX")"
  trap 'rm -f "$go_tool_tmp"' EXIT
  go build -trimpath -ldflags "$ldflags" -o "$go_tool_tmp" "$package"
  chmod 0755 "$go_tool_tmp"
  mv -f "$go_tool_tmp" "$out"
  trap - EXIT
  go_tool_stamp "$dir" > "$out.stamp"
}
