#!/usr/bin/env bash
# Provisions ProDvor's topics (services never create topics). Idempotent: --if-not-exists.
# Partitions bound the parallelism per consumer group; keys (room, match, aggregate id) keep order.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP:-kafka:9092}"
kt=/opt/kafka/bin/kafka-topics.sh
create() { # topic partitions retention-ms
  "$kt" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$1" \
    --partitions "$2" --replication-factor "${REPLICATION_FACTOR:-1}" \
    --config retention.ms="$3" --config min.insync.replicas="${MIN_INSYNC_REPLICAS:-1}"
}
week=604800000
month=2592000000
create chat.messages.v1 12 "$week"
create match.events.v1 6 "$month"
create user.events.v1 3 "$month"
create team.events.v1 3 "$month"
create tournament.events.v1 3 "$month"
for topic in chat.messages.v1 match.events.v1 user.events.v1 team.events.v1 tournament.events.v1; do
  create "$topic.dlq" 1 "$month"
done
"$kt" --bootstrap-server "$bootstrap" --list
