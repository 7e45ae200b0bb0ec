#!/usr/bin/env bash
# Builds a RabbitMQ container image from the RabbitMQ that Debian installed on this machine, for Testcontainers over
# podman where no registry can be reached (so the official image cannot be pulled). The image is named honestly
# (localhost/rehab-rabbitmq-debian) and built once: an existing image is kept.
#   rabbitmq-image.sh IMAGE_NAME
set -euo pipefail

image=${1:-localhost/rehab-rabbitmq-debian:3.10}
if podman image exists "$image"; then
  echo "image $image already built"
  exit 0
fi
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { echo "rabbitmq-server is not installed: run install-prerequisites.sh first" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,usr/bin,usr/lib,etc/rabbitmq,var/lib/rabbitmq,var/log/rabbitmq,tmp,lib64,lib/x86_64-linux-gnu}
chmod 1777 "$root/tmp"
cp -a /usr/lib/erlang /usr/lib/rabbitmq "$root/usr/lib/"
ln -s ../lib/erlang/bin/erl "$root/usr/bin/erl"
ln -s ../lib/erlang/bin/epmd "$root/usr/bin/epmd"

# A shell and the few tools RabbitMQ's scripts call, with every library they and the Erlang runtime link to.
tools=(sh bash dash cat dirname basename mkdir rm sed grep head tail tr cut env id hostname uname sleep ls readlink chmod touch expr printf)
for tool in "${tools[@]}"; do
  path=$(command -v "$tool" || true)
  [[ "$path" == /* ]] && cp -L "$path" "$root/bin/"
done
binaries=("$root"/bin/* /usr/lib/erlang/erts-*/bin/* $(find /usr/lib/erlang/lib -name '*.so'))
for binary in "${binaries[@]}"; do
  { ldd "$binary" 2>/dev/null || true; } | awk '/=> \// { print $3 } /^\s*\/lib/ { print $1 }'
done | sort -u | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
# The dynamic loader itself, as a file (the host's is a symlink).
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"

cat > "$root/etc/rabbitmq/rabbitmq.conf" <<'CONF'
listeners.tcp.default = 5672
management.tcp.port = 15672
# Connections arrive through the container's port mapping, never from loopback inside it.
loopback_users = none
CONF
echo '[rabbitmq_management,rabbitmq_shovel,rabbitmq_shovel_management].' > "$root/etc/rabbitmq/enabled_plugins"
echo 'rehab:x:0:0:root:/var/lib/rabbitmq:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
cat > "$root/usr/bin/start-rabbitmq" <<'START'
#!/bin/sh
# The official image's user settings, so Testcontainers' RabbitMqBuilder works unchanged.
if [ -n "$RABBITMQ_DEFAULT_USER" ]; then
  printf 'default_user = %s\ndefault_pass = %s\n' "$RABBITMQ_DEFAULT_USER" "$RABBITMQ_DEFAULT_PASS" >> /etc/rabbitmq/rabbitmq.conf
fi
exec /usr/lib/rabbitmq/bin/rabbitmq-server
START
chmod +x "$root/usr/bin/start-rabbitmq"

tar -C "$root" -cf "$root.tar" .
podman import \
  --change 'CMD=["/usr/bin/start-rabbitmq"]' \
  --change 'ENV=PATH=/usr/lib/rabbitmq/bin:/usr/lib/erlang/bin:/bin:/usr/bin' \
  --change 'ENV=HOME=/var/lib/rabbitmq' \
  --change 'ENV=RABBITMQ_CONFIG_FILE=/etc/rabbitmq/rabbitmq.conf' \
  --change 'ENV=RABBITMQ_ENABLED_PLUGINS_FILE=/etc/rabbitmq/enabled_plugins' \
  --change 'ENV=RABBITMQ_MNESIA_BASE=/var/lib/rabbitmq/mnesia' \
  --change 'ENV=RABBITMQ_LOG_BASE=/var/log/rabbitmq' \
  --change 'ENV=RABBITMQ_LOGS=-' \
  --change 'EXPOSE=5672' --change 'EXPOSE=15672' \
  "$root.tar" "$image" > /dev/null
rm -f "$root.tar"
echo "image $image built from Debian's RabbitMQ"
