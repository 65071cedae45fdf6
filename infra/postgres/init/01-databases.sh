#!/usr/bin/env bash
# Runs once, on the first start of the compose PostgreSQL: one database and one role per service
# (and one for Keycloak), each role owning only its own database.
set -euo pipefail
for name in keycloak user team tournament chat storage ai; do
  var="DB_PASSWORD_$(echo "$name" | tr '[:lower:]' '[:upper:]')"
  password="${!var:?$var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE "$name" LOGIN PASSWORD '$password';
CREATE DATABASE "$name" OWNER "$name";
REVOKE ALL ON DATABASE "$name" FROM PUBLIC;
SQL
done
