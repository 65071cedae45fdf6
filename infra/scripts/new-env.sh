#!/usr/bin/env bash
# Writes .env for `docker compose up` from .env.example, every empty secret (a name with PASSWORD or SECRET)
# set to a fresh random value. Refuses to overwrite an existing .env. Local use; production secrets come
# from a secret store.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -e .env ] && { echo ".env exists; not overwritten" >&2; exit 1; }
random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 40; }
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
# A P-256 key pair as VAPID wants it: from the SEC1 DER, the 32-byte private key and the 65-byte public point.
vapid_der=$(mktemp)
trap 'rm -f "$vapid_der"' EXIT
openssl ecparam -name prime256v1 -genkey -noout | openssl ec -outform DER -out "$vapid_der" 2>/dev/null
vapid_private=$(head -c 39 "$vapid_der" | tail -c 32 | b64url)
vapid_public=$(tail -c 65 "$vapid_der" | b64url)
while IFS= read -r line; do
  if [[ "$line" == 'WEB_PUSH_VAPID_PUBLIC_KEY=' ]]; then
    echo "WEB_PUSH_VAPID_PUBLIC_KEY=$vapid_public"
  elif [[ "$line" == 'WEB_PUSH_VAPID_PRIVATE_KEY=' ]]; then
    echo "WEB_PUSH_VAPID_PRIVATE_KEY=$vapid_private"
  elif [[ "$line" =~ ^([A-Z0-9_]*(PASSWORD|SECRET)[A-Z0-9_]*)=$ ]]; then
    echo "${BASH_REMATCH[1]}=$(random)"
  else
    echo "$line"
  fi
done <.env.example >.env
chmod 600 .env
echo ".env written with random secrets"
