#!/usr/bin/env bash
# Installs or builds every engine the platform runs on, once; later runs only check and return.
#   NATS (JetStream): built from its Go module, pinned in tools/nats/go.mod (Debian's 2.9 is too old).
#   Redis: Debian package.
#   PostgreSQL: Debian package; FerretDB runs a private server of it per engine instance.
#   FerretDB 1.x (MongoDB wire protocol over PostgreSQL): built from its Go module, pinned in tools/ferretdb/go.mod,
#   by tools/ferretdb/build.sh.
#   Elasticsearch 8: assembled from Maven Central by tools/elasticsearch/build.sh.
#   SeaweedFS (object storage, S3 API): built from its Go module by tools/seaweedfs/build.sh.
#   helm (the chart tests of `npm test`): built from its Go module; `--without-helm` skips it for the
#   commands that run no chart test (`npm start`, the benchmarks).
# Binaries go to .engines/ (git-ignored). Nothing here contacts anything but the package registries.
set -euo pipefail
with_helm=1
for arg in "$@"; do
  case "$arg" in
    --without-helm) with_helm=0 ;;
    *) printf '[engines] unknown option: %s\n' "$arg" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
engines="$root/.engines"
mkdir -p "$engines/bin"

say() { printf '[engines] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; exit 1; fi
}

apt_packages=()
command -v redis-server >/dev/null || apt_packages+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || apt_packages+=(postgresql)
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "installing ${apt_packages[*]} from Debian packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  # The packages start system-wide servers on the default ports; the platform runs its own.
  as_root service redis-server stop >/dev/null 2>&1 || true
  as_root service postgresql stop >/dev/null 2>&1 || true
fi

# NATS: rebuilt only when its pinned module version changes.
bash "$root/tools/nats/build.sh"

# FerretDB: rebuilt only when its pinned module versions or its wrapper change.
bash "$root/tools/ferretdb/build.sh"

if [ -f "$root/tools/elasticsearch/build.sh" ]; then
  bash "$root/tools/elasticsearch/build.sh"
else
  say "Elasticsearch 8: no runner can be assembled here yet (see tools/elasticsearch/README.md); search will report it down"
fi
# SeaweedFS: rebuilt only when its pinned module versions change (the first build takes minutes).
bash "$root/tools/seaweedfs/build.sh"
# --- helm (deploy/helm chart tests): built from its Go module, see tools/helm/build.sh ---
if [ "$with_helm" = 1 ]; then bash "$root/tools/helm/build.sh"; fi
# --- end helm ---
say "engines ready"
