// swift-tools-version:6.1
// The two protoc plugins that turn proto/*.proto into the committed Swift code
// (scripts/generate-proto.sh builds them; the services themselves never build them).
import PackageDescription

let package = Package(
    name: "ProtoGen",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
    ],
    targets: []
)
