#!/usr/bin/env bash
# Regenerates the Swift code of proto/*.proto into Sources/AuctionProto (committed, so that
# builds never need protoc or its plugins). With --check, generates into a temporary folder and
# fails when the committed code differs: CI runs that, so the contract and the code cannot drift.
#
# Needs protoc (Debian's protobuf-compiler, installed by scripts/setup.sh) and builds the two
# plugins from the package mirror (scripts/protogen, about 3 minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
check=0
[ "${1:-}" = "--check" ] && check=1

command -v protoc >/dev/null || { echo "generate-proto: protoc not found (run scripts/setup.sh)" >&2; exit 1; }
swift build -c release --package-path scripts/protogen --product protoc-gen-swift >/dev/null
swift build -c release --package-path scripts/protogen --product protoc-gen-grpc-swift-2 >/dev/null
bin="$(swift build -c release --package-path scripts/protogen --show-bin-path)"

target=Sources/AuctionProto
out="$target"
if [ $check -eq 1 ]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
protoc --proto_path=proto \
  --plugin=protoc-gen-swift="$bin/protoc-gen-swift" --swift_out="$out" --swift_opt=Visibility=Public \
  --plugin=protoc-gen-grpc-swift="$bin/protoc-gen-grpc-swift-2" --grpc-swift_out="$out" \
  --grpc-swift_opt=Visibility=Public,Server=true,Client=true \
  proto/*.proto

if [ $check -eq 1 ]; then
  if ! diff -r -x '*.md' "$target" "$out"; then
    echo "generate-proto: Sources/AuctionProto is not what proto/ generates; run scripts/generate-proto.sh and commit" >&2
    exit 1
  fi
  echo "generate-proto: the committed code matches proto/"
else
  echo "generate-proto: wrote $(ls "$out"/*.swift | wc -l) files to $out"
fi
