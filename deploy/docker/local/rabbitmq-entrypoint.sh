#!/bin/sh
# The official image's user settings; the data folder (a fresh volume is root's) handed to the rabbitmq user.
set -e
printf 'loopback_users = none\n' > /etc/rabbitmq/conf.d/00-container.conf
if [ -n "$RABBITMQ_DEFAULT_USER" ]; then
  printf 'default_user = %s\ndefault_pass = %s\n' "$RABBITMQ_DEFAULT_USER" "$RABBITMQ_DEFAULT_PASS" >> /etc/rabbitmq/conf.d/00-container.conf
fi
[ -f /etc/rabbitmq/enabled_plugins ] || echo '[rabbitmq_management,rabbitmq_prometheus].' > /etc/rabbitmq/enabled_plugins
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
exec /usr/sbin/rabbitmq-server
