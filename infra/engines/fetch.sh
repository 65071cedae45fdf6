#!/usr/bin/env bash
# Fetches the real engines the tests and the local run use, from Maven Central through Maven, into
# .cache/engines/ (or $PRODVOR_ENGINES_DIR): the Keycloak server distribution (unpacked) and the Apache
# Kafka broker's runtime jars. Versions are pinned here and nowhere else (docker-compose.yml's images
# are checked against them by infra/local/test/compose.int-spec.ts). Offline and instant once cached.
# Prints the engines folder on its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."

KEYCLOAK_VERSION=26.4.7
KAFKA_VERSION=4.1.1
LOG4J_VERSION=2.24.3

dir="${PRODVOR_ENGINES_DIR:-$PWD/.cache/engines}"
mkdir -p "$dir"
mvn_quiet() { mvn -B -q --no-transfer-progress -f infra/engines/pom.xml "$@" >/dev/null; }

keycloak="$dir/keycloak-$KEYCLOAK_VERSION"
if [ ! -f "$keycloak/.complete" ]; then
  echo "fetching Keycloak $KEYCLOAK_VERSION (Maven Central)" >&2
  # The unpack goal skips an artifact whose marker (under infra/engines/target) says it was unpacked.
  rm -rf "$keycloak" "$dir/keycloak-unpack" infra/engines/target
  mvn_quiet dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$dir/keycloak-unpack" -Dkafka.version="$KAFKA_VERSION" -Dlog4j.version="$LOG4J_VERSION"
  mv "$dir/keycloak-unpack/keycloak-$KEYCLOAK_VERSION" "$keycloak"
  rm -rf "$dir/keycloak-unpack" infra/engines/target
  chmod +x "$keycloak"/bin/*.sh
  touch "$keycloak/.complete"
fi

kafka="$dir/kafka-$KAFKA_VERSION"
if [ ! -f "$kafka/.complete" ]; then
  echo "fetching Apache Kafka $KAFKA_VERSION (Maven Central)" >&2
  rm -rf "$kafka"
  mvn_quiet dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$kafka/libs" \
    -Dkafka.version="$KAFKA_VERSION" -Dlog4j.version="$LOG4J_VERSION"
  touch "$kafka/.complete"
fi

printf 'KEYCLOAK_HOME=%s\nKAFKA_HOME=%s\n' "$keycloak" "$kafka" >"$dir/engines.env"
echo "$dir"
