#!/usr/bin/env bash
# Every image deploy/docker-compose.yml needs, built here without a registry (none can be reached):
#   localhost/rehab-base:bookworm          Debian bookworm made with debootstrap (minbase, plus what .NET links to),
#                                          imported into podman; built once, kept while it exists
#   localhost/rehab-rabbitmq:bookworm      base + Debian's rabbitmq-server      (deploy/docker/local/Containerfile.*)
#   localhost/rehab-postgres:bookworm      base + Debian's postgresql-15
#   localhost/rehab-prometheus:bookworm    base + Debian's prometheus
#   localhost/rehabplatform/<app>:local    base + the app's self-contained `dotnet publish` output (linux-x64)
# Grafana is not packaged by Debian, so it has no image here.
#   container-images.sh [WORK_DIR]         WORK_DIR (default /var/tmp/rehab-containers) keeps the rootfs and publish output
# Needs root (debootstrap, rootful podman with runc). Prints one line per image with its size and build time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/var/tmp/rehab-containers}
mkdir -p "$work"
export CONTAINERS_CONF="$work/containers.conf"
# crun fails on this machine's hybrid cgroups, and the ulimits cannot be raised here.
printf '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n[engine]\nruntime = "runc"\n' > "$CONTAINERS_CONF"

missing=()
for tool in podman runc debootstrap podman-compose; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${missing[*]} and this is not root" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

report() { echo "image $1: $(podman image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'), $2"; }

base=localhost/rehab-base:bookworm
started=$SECONDS
if ! podman image exists "$base"; then
  rootfs="$work/rootfs"
  rm -rf "$rootfs"
  # What a self-contained .NET app links to: ICU (globalisation), OpenSSL, CA certificates, time zones.
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata \
    bookworm "$rootfs" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1 \
    || { echo "debootstrap failed; see $work/debootstrap.log" >&2; exit 1; }
  # The apps' user (the aspnet images' uid) and the folders they write to: /tmp, and /keys for the portal's cookie keys.
  echo 'app:x:1654:1654:app:/app:/usr/sbin/nologin' >> "$rootfs/etc/passwd"
  echo 'app:x:1654:' >> "$rootfs/etc/group"
  mkdir -p "$rootfs/app" "$rootfs/keys"
  chown 1654:1654 "$rootfs/keys"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --change 'CMD=["/bin/bash"]' --change 'ENV=LANG=C.UTF-8' - "$base" > /dev/null
  rm -rf "$rootfs"
  report "$base" "debootstrap and import in $((SECONDS - started)) s"
else
  report "$base" "kept from an earlier run"
fi

for infrastructure in rabbitmq postgres prometheus; do
  started=$SECONDS
  podman build --quiet --layers -f "$root/deploy/docker/local/Containerfile.$infrastructure" \
    -t "localhost/rehab-$infrastructure:bookworm" "$root/deploy/docker/local" > /dev/null
  report "localhost/rehab-$infrastructure:bookworm" "built in $((SECONDS - started)) s"
done

for project in services/Intake services/Programs services/Sessions services/Form gateway/Gateway gateway/Portal; do
  started=$SECONDS
  app=$(basename "$project")
  name=$(echo "$app" | tr '[:upper:]' '[:lower:]')
  out="$work/publish/$name"
  rm -rf "$out"
  dotnet publish "$root/$project" -c Release -r linux-x64 --self-contained -p:UseAppHost=true -o "$out" --nologo -v quiet > "$work/publish-$name.log" 2>&1 \
    || { echo "dotnet publish $project failed; see $work/publish-$name.log" >&2; exit 1; }
  podman build --quiet --layers -f "$root/deploy/docker/local/Containerfile.app" --build-arg "APP=$app" \
    -t "localhost/rehabplatform/$name:local" "$out" > /dev/null
  report "localhost/rehabplatform/$name:local" "published and built in $((SECONDS - started)) s"
done
