#!/usr/bin/env bash
# Writes .env for `docker compose up` from .env.example, every empty secret (a name with PASSWORD or SECRET)
# set to a fresh random value. Refuses to overwrite an existing .env. Local use; production secrets come
# from a secret store.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -e .env ] && { echo ".env exists; not overwritten" >&2; exit 1; }
random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 40; }
while IFS= read -r line; do
  if [[ "$line" =~ ^([A-Z0-9_]*(PASSWORD|SECRET)[A-Z0-9_]*)=$ ]]; then
    echo "${BASH_REMATCH[1]}=$(random)"
  else
    echo "$line"
  fi
done <.env.example >.env
chmod 600 .env
echo ".env written with random secrets"
