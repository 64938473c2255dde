#!/usr/bin/env bash
# Builds one container image per service from deploy/docker/Dockerfile, all with the same tag.
#   tools/docker/build-images.sh [--tag TAG] [--prefix REGISTRY/PATH/] [--push] [--skip-build] [--dry-run] [service…]
# Images are named <prefix><service>:<tag> (default prefix `omnibox/`, default tag: the short git
# commit, with `-dirty` when the tree has changes). The chart's image.registry, image.repositoryPrefix
# and image.tag take the same values. First runs `nx run-many -t build` (the images copy dist/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
all=(gateway conversations contacts search calls notifications)

tag="${TAG:-}"
prefix="${IMAGE_PREFIX:-omnibox/}"
push=false
build=true
dry_run=false
services=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --push) push=true; shift ;;
    --skip-build) build=false; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) services+=("$1"); shift ;;
  esac
done
[ ${#services[@]} -gt 0 ] || services=("${all[@]}")
for service in "${services[@]}"; do
  [[ " ${all[*]} " == *" $service "* ]] || { echo "unknown service $service; services: ${all[*]}" >&2; exit 2; }
done

if [ -z "$tag" ]; then
  tag="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo dev)"
  [ -z "$(git -C "$root" status --porcelain 2>/dev/null)" ] || tag="$tag-dirty"
fi
# An image tag: letters, digits, _ . - (at most 128, not starting with . or -).
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "bad image tag: $tag" >&2; exit 2; }

run() {
  printf '+ %s\n' "$*"
  if ! $dry_run; then "$@"; fi
}

cd "$root"
if $build; then
  projects="$(IFS=,; echo "${services[*]}")"
  NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false run npx nx run-many -t build --projects="$projects" --parallel=3
fi
for service in "${services[@]}"; do
  run docker build -f deploy/docker/Dockerfile --build-arg "SERVICE=$service" --build-arg "VERSION=$tag" \
    -t "$prefix$service:$tag" .
done
if $push; then
  for service in "${services[@]}"; do run docker push "$prefix$service:$tag"; done
fi
echo "images: ${services[*]/#/$prefix} tagged $tag"
