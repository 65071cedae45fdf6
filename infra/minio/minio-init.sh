#!/bin/sh
# compose's minio-init (image minio/mc): the media bucket, private, with staging/ objects expiring after a
# day, and storage-service's own user whose policy (storage-policy.json) reaches that bucket only. The root
# credentials are used here and nowhere else. Idempotent: re-running updates the policy and the secret.
set -eu
bucket="${MINIO_BUCKET:?}"
mc alias set local http://minio:9000 "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" >/dev/null
mc mb --ignore-existing "local/$bucket"
mc anonymous set none "local/$bucket"
mc ilm rule ls "local/$bucket" 2>/dev/null | grep -q staging/ ||
  mc ilm rule add --prefix staging/ --expire-days 1 "local/$bucket"
sed "s/\${MINIO_BUCKET}/$bucket/g" /init/storage-policy.json >/tmp/storage-policy.json
mc admin policy create local prodvor-storage /tmp/storage-policy.json
mc admin user add local "${MINIO_STORAGE_ACCESS_KEY:?}" "${MINIO_STORAGE_SECRET_KEY:?}"
mc admin policy entities local --user "$MINIO_STORAGE_ACCESS_KEY" | grep -q prodvor-storage ||
  mc admin policy attach local prodvor-storage --user "$MINIO_STORAGE_ACCESS_KEY"
echo "minio-init: bucket $bucket, user $MINIO_STORAGE_ACCESS_KEY with policy prodvor-storage"
