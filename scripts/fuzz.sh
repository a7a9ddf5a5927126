#!/usr/bin/env bash
# Builds each libFuzzer target with `swiftc -sanitize=fuzzer,address` and runs it from the corpus
# kept in Fuzz/corpus/<target>. A crash, trap or sanitizer report fails the script and leaves the
# reproducer in .build-fuzz/<target>/ (run the binary on that file to reproduce).
#
#   scripts/fuzz.sh                 # every target, 20000 runs each (what CI runs)
#   scripts/fuzz.sh --runs 1000000 events
#   scripts/fuzz.sh --merge events  # keep new interesting inputs in the repo's corpus
set -euo pipefail
cd "$(dirname "$0")/.."

runs=20000
merge=false
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --merge) merge=true; shift ;;
        -h|--help) sed -n 2,9p "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done

# The sources each target is compiled from: the parsers and what they need, compiled as ONE module
# (their `import Shared` / `import AuctionDomain` lines are dropped), so the build takes seconds.
sources_for() {
    case "$1" in
        events) find Sources/AuctionDomain -name '*.swift' ;;
        http-request) find Sources/Shared/HTTP -name '*.swift' ;;
        command-json)
            find Sources/AuctionDomain Sources/Shared/HTTP -name '*.swift'
            ls Sources/CommandService/HTTP/{JSONRequestDecoder,BidBody,NewAuctionBody,CredentialsBody}.swift ;;
        live-message)
            find Sources/AuctionDomain Sources/Shared/HTTP -name '*.swift'; ls Sources/Shared/WebSocket/WebSocketFrame.swift
            ls Sources/QueryService/Live/TopicName.swift Sources/QueryService/Views/Format/MoneyText.swift Sources/QueryService/Views/HTML/HTML.swift \
               Sources/QueryService/Live/Socket/{LiveClientMessage,LiveServerMessage,LiveBidRelay}.swift ;;
        *) return 1 ;;
    esac
}
all_targets=(events http-request command-json live-message)
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")

for target in "${targets[@]}"; do
    sources=$(sources_for "$target") || { echo "fuzz.sh: unknown target '$target' (known: ${all_targets[*]})" >&2; exit 2; }
    work=".build-fuzz/$target"
    rm -rf "$work/src" && mkdir -p "$work/corpus" "$work/src"
    echo "== fuzz $target: building"
    n=0
    for file in $sources; do
        n=$((n + 1))
        sed -E '/^import (Shared|AuctionDomain)$/d' "$file" > "$work/src/$n-$(basename "$file")"
    done
    swiftc -sanitize=fuzzer,address -parse-as-library -package-name fuzz -module-name "Fuzz_${target//-/_}" \
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
