#!/usr/bin/env bash
# Builds each libFuzzer target with `swiftc -sanitize=fuzzer,address` and runs it from the corpus
# kept in Fuzz/corpus/<target>. A crash, trap or sanitizer report fails the script and leaves the
# reproducer in .build-fuzz/<target>/ (run the binary on that file to reproduce).
#
#   scripts/fuzz.sh                 # every target, 20000 runs each (what CI runs)
#   scripts/fuzz.sh --runs 1000000 events
#   scripts/fuzz.sh --merge events  # keep new interesting inputs in the repo's corpus
# Environment: FUZZ_SCRATCH, the SwiftPM scratch path whose debug build provides swift-crypto for
# the session-token target (default .build; built there with `--target Crypto` if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=20000
merge=false
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --merge) merge=true; shift ;;
        -h|--help) sed -n 2,10p "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done

# The sources each target is compiled from: the parsers and what they need, compiled as ONE module
# (their `import Shared` / `import AuctionDomain` lines are dropped), so the build takes seconds and
# all of it is instrumented. Only third-party code is linked as SwiftPM built it (see flags_for).
sources_for() {
    case "$1" in
        events) find Sources/AuctionDomain -name '*.swift' ;;
        # APIError writes its body with AuctionDomain's JSONWriter.
        http-request) find Sources/Shared/HTTP -name '*.swift'; ls Sources/AuctionDomain/Snapshot/JSONWriter.swift ;;
        command-json)
            find Sources/AuctionDomain Sources/Shared/HTTP -name '*.swift'
            ls Sources/CommandService/HTTP/{JSONRequestDecoder,BidBody,NewAuctionBody,CredentialsBody}.swift ;;
        live-message)
            find Sources/AuctionDomain Sources/Shared/HTTP -name '*.swift'; ls Sources/Shared/WebSocket/WebSocketFrame.swift
            ls Sources/QueryService/Live/TopicName.swift Sources/QueryService/Views/Format/MoneyText.swift Sources/QueryService/Views/HTML/HTML.swift \
               Sources/QueryService/Live/Socket/{LiveClientMessage,LiveServerMessage,LiveBidRelay}.swift ;;
        # SessionToken.swift needs ConstantTime, which lives in PasswordHasher.swift (libxcrypt).
        session-token) find Sources/Shared/Auth -name '*.swift' ;;
        # AuctionListing needs AuctionRecord.Status; AuctionRecord brings the PostgresRow decoding
        # (libpq), but not the connection pool.
        query-params)
            find Sources/Shared/HTTP Sources/Shared/Postgres -name '*.swift' ! -name PostgresClient.swift
            ls Sources/AuctionDomain/Snapshot/JSONWriter.swift
            ls Sources/QueryService/API/{AuctionListing,PageCursor}.swift Sources/QueryService/ReadModel/{AuctionRecord,ReadModelTime}.swift \
               Sources/QueryService/Projection/ReadModelSchema.swift ;;
        page-cursor) ls Sources/QueryService/API/PageCursor.swift ;;
        form-body) ls Sources/QueryService/Web/HTTP/FormBody.swift ;;
        cookies)
            find Sources/Shared/HTTP -name '*.swift'; ls Sources/AuctionDomain/Snapshot/JSONWriter.swift
            ls Sources/QueryService/Web/HTTP/Cookies.swift Sources/QueryService/Web/Session/Flash.swift ;;
        *) return 1 ;;
    esac
}

# Extra compiler and linker arguments: C modules' headers, and for session-token the real
# swift-crypto (no fake HMAC): its module from SwiftPM's debug build and the objects of Crypto
# and BoringSSL linked in (not instrumented: the fuzzer explores the token code, not SHA-256).
flags_for() {
    case "$1" in
        session-token)
            local scratch=${FUZZ_SCRATCH:-.build}
            if [[ ! -e "$scratch/debug/Modules/Crypto.swiftmodule" ]]; then
                echo "== fuzz $1: building swift-crypto in $scratch" >&2
                swift build --scratch-path "$scratch" --target Crypto 2>&1 | grep -E "error" >&2 || true
            fi
            [[ -e "$scratch/debug/Modules/Crypto.swiftmodule" ]] || { echo "fuzz.sh: no Crypto module in $scratch/debug" >&2; return 1; }
            echo "-I $scratch/debug/Modules -I Sources/CCrypt"
            find "$scratch"/debug/{Crypto,CryptoBoringWrapper,CCryptoBoringSSL,CCryptoBoringSSLShims}.build -name '*.o' ;;
        query-params) echo "-I Sources/CLibpq -Xcc $(pkg-config --cflags-only-I libpq 2>/dev/null || echo -I/usr/include/postgresql)" ;;
    esac
}
all_targets=(events http-request command-json live-message session-token query-params page-cursor form-body cookies)
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")

for target in "${targets[@]}"; do
    sources=$(sources_for "$target") || { echo "fuzz.sh: unknown target '$target' (known: ${all_targets[*]})" >&2; exit 2; }
    flags=$(flags_for "$target") || exit 1
    work=".build-fuzz/$target"
    rm -rf "$work/src" && mkdir -p "$work/corpus" "$work/src"
    echo "== fuzz $target: building"
    n=0
    for file in $sources; do
        n=$((n + 1))
        sed -E '/^import (Shared|AuctionDomain)$/d' "$file" > "$work/src/$n-$(basename "$file")"
    done
    # shellcheck disable=SC2086 # $flags is a list of arguments and paths without spaces
    swiftc -sanitize=fuzzer,address -parse-as-library -package-name fuzz -module-name "Fuzz_${target//-/_}" $flags \
        "$work"/src/*.swift "Fuzz/targets/$target.swift" -o "$work/fuzzer" 2> "$work/build.log" \
        || { grep -v "ld.gold: warning" "$work/build.log" >&2; exit 1; }
    cp Fuzz/corpus/"$target"/* "$work/corpus/" 2>/dev/null || true
    echo "== fuzz $target: $runs runs"
    if ! (cd "$work" && ./fuzzer -runs="$runs" -max_len=4096 -timeout=10 -print_final_stats=1 corpus > run.log 2>&1); then
        tail -40 "$work/run.log" >&2
        echo "fuzz.sh: target '$target' FAILED; reproducer in $work/ (crash-*/timeout-*/oom-*)" >&2
        exit 1
    fi
    grep -E "^(Done|stat::number_of_executed_units)" "$work/run.log" || true
    if $merge; then
        ( cd "$work" && ./fuzzer -merge=1 "$OLDPWD/Fuzz/corpus/$target" corpus > merge.log 2>&1 )
        echo "== fuzz $target: corpus merged into Fuzz/corpus/$target"
    fi
done
echo "fuzz.sh: all targets passed"
