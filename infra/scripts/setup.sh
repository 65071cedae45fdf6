#!/usr/bin/env bash
# Makes a machine ready to build, test and run ProDvor: system servers (ensure-system.sh), the Keycloak
# and Kafka engines from Maven Central (infra/engines/fetch.sh, offline once cached), npm dependencies
# (skipped when package-lock.json has not changed since the last install) and a build.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash infra/scripts/ensure-system.sh
echo "--- engines (Keycloak, Kafka)"
bash infra/engines/fetch.sh >/dev/null
export PRISMA_SKIP_POSTINSTALL_GENERATE=1 PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1
stamp=node_modules/.prodvor-lock.sha256
if [ ! -f "$stamp" ] || [ "$(sha256sum package-lock.json | cut -d' ' -f1)" != "$(cat "$stamp")" ]; then
  # `npm install` honours package-lock.json like `npm ci`, but the registry reachable here lacks
  # other platforms' optional packages (e.g. @swc/core-darwin-*), which makes `npm ci` reject
  # any lock file as out of sync. It leaves the lock file unchanged when it is in sync.
  echo "--- npm install (locked)"
  npm install --no-audit --no-fund --loglevel=error
  sha256sum package-lock.json | cut -d' ' -f1 >"$stamp"
fi
echo "--- build"
npx turbo run build --output-logs=errors-only
