#!/usr/bin/env bash
# Installs (Debian apt) and starts what ProDvor needs on a machine without containers:
# PostgreSQL, Redis, RabbitMQ (+ management plugin), a JDK and Maven (Keycloak and Kafka run on the JVM
# and come from Maven Central, see infra/engines/fetch.sh), deck, ffmpeg, Chromium (the browser test) and
# LuaJIT with lua-cjson (the gateway test runs kong.yaml's function-plugin Lua).
# Idempotent and quick when everything is already there. Needs root for apt-get.
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v rabbitmq-server >/dev/null 2>&1 || need+=(rabbitmq-server)
# Kafka 4 and Keycloak 26 need Java 17 or newer.
java_ok() { command -v java >/dev/null 2>&1 && [ "$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" -ge 17 ] 2>/dev/null; }
java_ok || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v deck >/dev/null 2>&1 || need+=(deck)
command -v curl >/dev/null 2>&1 || need+=(curl)
# storage's video worker (ffprobe metadata, ffmpeg poster frames)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
# the browser test (infra/local/test/browser.e2e-spec.ts) drives Debian's Chromium through playwright-core
[ -x /usr/bin/chromium ] || need+=(chromium)
# kong.yaml's pre/post-function Lua runs under LuaJIT with cjson in infra/local/src/edge/kong-functions.spec.ts
command -v luajit >/dev/null 2>&1 || need+=(luajit)
{ command -v luajit >/dev/null 2>&1 && luajit -e 'require("cjson.safe")' >/dev/null 2>&1; } || need+=(lua-cjson)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port seconds name
  for _ in $(seq 1 $(($2 * 4))); do port_open "$1" && return 0; sleep 0.25; done
  echo "$3 did not come up on port $1" >&2
  return 1
}

if ! port_open 5432; then
  version=$(ls /etc/postgresql | sort -n | tail -n 1)
  [ -d "/etc/postgresql/$version/main" ] || pg_createcluster "$version" main >/dev/null
  # Local development trusts loopback connections, as the test machines do.
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_port 5432 30 PostgreSQL
fi
if ! port_open 6379; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/prodvor.log
  wait_port 6379 10 Redis
fi
if ! port_open 5672; then
  rabbitmq-server -detached
  wait_port 5672 90 RabbitMQ
fi
if ! port_open 15672; then
  rabbitmq-plugins enable rabbitmq_management >/dev/null
  wait_port 15672 60 "RabbitMQ management"
fi
echo "system ready: postgresql redis rabbitmq java maven deck ffmpeg chromium luajit lua-cjson"
