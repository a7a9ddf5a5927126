// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "LiveAuction",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "CommandService", targets: ["CommandService"]),
        .executable(name: "QueryService", targets: ["QueryService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // C libraries from Debian's -dev packages. Each is a module map plus a shim header that
        // exposes only what Swift cannot import by itself (macros such as LWS_PRE).
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CWebSockets", pkgConfig: "libwebsockets", providers: [.apt(["libwebsockets-dev"])]),
        .systemLibrary(name: "CCrypt", pkgConfig: "libxcrypt", providers: [.apt(["libcrypt-dev"])]),

        // The auction rules: pure Swift, no I/O, shared by both services.
        .target(name: "AuctionDomain", swiftSettings: strict),
        .executableTarget(name: "CodecProbe", dependencies: ["AuctionDomain"], path: "Benchmarks/CodecProbe"),

        .target(
            name: "Shared",
            dependencies: [
                "AuctionDomain", "CHiredis", "CLibpq", "CWebSockets", "CCrypt",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "CommandService",
            dependencies: [
                "Shared",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The gRPC contract's messages and stubs, generated from proto/ by
        // scripts/generate-proto.sh and committed (never edited by hand).
        .target(
            name: "AuctionProto",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "QueryService",
            dependencies: [
                "Shared", "AuctionProto",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // The load tool of the benchmarks (scripts/bench.sh): HTTP bids, WebSocket watchers on the
        // libwebsockets client, latency histograms.
        .executableTarget(
            name: "AuctionLoad",
            dependencies: [
                "Shared", "AuctionDomain", "CWebSockets",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/AuctionLoad",
            swiftSettings: strict
        ),
        // Reads the Redis streams and every node's read model and checks the platform's promises
        // (scripts/chaos.sh runs it after injecting faults).
        .executableTarget(
            name: "InvariantChecker",
            dependencies: [
                "Shared", "AuctionDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Starts real redis-server and PostgreSQL processes for the test suites.
        .target(name: "TestServers", dependencies: ["Shared"], swiftSettings: strict),

        .testTarget(name: "SharedTests", dependencies: ["Shared"], swiftSettings: strict),
        .testTarget(
            name: "DomainTests",
            dependencies: ["AuctionDomain", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(name: "IntegrationTests", dependencies: ["Shared", "TestServers"], swiftSettings: strict),
        // The services' own code, tested in-process (`@testable import`) and as spawned processes.
        .testTarget(
            name: "CommandServiceTests",
            dependencies: ["CommandService", "Shared", "AuctionDomain", "TestServers"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "QueryServiceTests",
            dependencies: ["QueryService", "Shared", "AuctionDomain", "TestServers"],
            swiftSettings: strict
        ),
    ]
)
