import ArgumentParser
import Foundation
import Shared

/// The serving options of a node's pages, REST API and live updates, each with an environment
/// variable (flags win).
struct WebOptions: ParsableArguments {
    @Option(name: .customLong("command-url"),
            help: "CommandService base URL; repeat for failover (env COMMAND_SERVICE_URL, comma-separated).")
    var commandURLs: [String] = Self.list("COMMAND_SERVICE_URL", fallback: "http://127.0.0.1:8080")

    @Option(help: "Secret shared with the CommandService for session tokens, 16+ bytes (env SESSION_SECRET).")
    var sessionSecret = EnvironmentDefault.string("SESSION_SECRET", "")

    @Option(name: .customLong("allowed-origin"),
            help: "Origin allowed to open /live, e.g. https://auctions.example; repeatable (env ALLOWED_ORIGINS, comma-separated). None: local origins only.")
    var allowedOrigins: [String] = Self.list("ALLOWED_ORIGINS", fallback: "")

    @Option(name: .customLong("trusted-proxy"),
            help: "Address or IPv4 block of a load balancer whose X-Forwarded-For is believed; repeatable (env TRUSTED_PROXIES, comma-separated).")
    var trustedProxies: [String] = Self.list("TRUSTED_PROXIES", fallback: "")

    @Option(help: "Milliseconds a relayed command waits for this node's read model to show it (env READ_YOUR_WRITES_MS).")
    var readYourWritesMs = EnvironmentDefault.int("READ_YOUR_WRITES_MS", 2_000)

    func validate() throws {
        guard sessionSecret.isEmpty || sessionSecret.utf8.count >= 16 else {
            throw ValidationError("--session-secret (SESSION_SECRET) must be at least 16 bytes")
        }
        guard !commandURLs.isEmpty, commandURLs.allSatisfy({ URL(string: $0)?.host != nil }) else {
            throw ValidationError("--command-url (COMMAND_SERVICE_URL) must be one or more http(s) URLs")
        }
        guard (0...30_000).contains(readYourWritesMs) else { throw ValidationError("--read-your-writes-ms must be 0...30000") }
    }

    var urls: [URL] { commandURLs.compactMap(URL.init(string:)) }

    /// The configured secret; without one (a read-only node, or tests of the projection alone) a
    /// random one, so no token verifies and nobody can sign in through this node.
    var effectiveSecret: String { sessionSecret.isEmpty ? Visitor.randomID() : sessionSecret }

    private static func list(_ variable: String, fallback: String) -> [String] {
        EnvironmentDefault.string(variable, fallback).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
