#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build, run and test the project.
# Safe to run again: it installs only what is missing.
set -euo pipefail

debs=(pkg-config libhiredis-dev libpq-dev libwebsockets-dev libcrypt-dev zlib1g-dev redis-server redis-tools
      postgresql postgresql-client curl ca-certificates python3 python3-pip docker-compose
      chromium-headless-shell faketime slowhttptest protobuf-compiler)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the packaged servers; the project runs its own on its own ports.
  $sudo_cmd service redis-server stop >/dev/null 2>&1 || true
  $sudo_cmd service postgresql stop >/dev/null 2>&1 || true
fi

# Independent test clients: a WebSocket client, OpenAPI validators, an API fuzzer and a gRPC client.
pips=(websockets openapi-spec-validator openapi-schema-validator schemathesis grpcio grpcio-tools)
modules=(websockets openapi_spec_validator openapi_schema_validator schemathesis grpc grpc_tools)
for i in "${!pips[@]}"; do
  if ! python3 -c "import ${modules[$i]}" 2>/dev/null; then
    echo "setup: installing Python ${pips[$i]}"
    python3 -m pip install -q "${pips[$i]}" 2>/dev/null || python3 -m pip install -q --break-system-packages "${pips[$i]}"
  fi
done

command -v swift >/dev/null || [ -x /opt/swift/usr/bin/swift ] || { echo "setup: Swift 6 toolchain not found" >&2; exit 1; }
