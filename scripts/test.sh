#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test against real
# redis-server and PostgreSQL processes that the test run starts itself.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
