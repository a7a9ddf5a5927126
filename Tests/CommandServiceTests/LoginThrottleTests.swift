import Foundation
import Shared
import Testing

@testable import CommandService

/// Log-in brute force is slowed: failed log-ins are counted per account and per client address
/// in Redis, and over a limit `POST /v1/sessions` answers 429 before hashing the password.
@Suite struct LoginThrottleTests {
    @Test func anAccountOverItsLimitIsRefusedEvenWithTheRightPasswordWhileOtherAccountsAreNot() async throws {
        try await CommandProcesses.with([["--login-account-failures", "3"]]) { service in
            try await service.register("Alice")
            try await service.register("Bob")
            for _ in 0..<3 { try await service.fail("Alice") }
            let refused = try await service.logIn("  ALICE ", password: CommandProcesses.password)
            #expect(refused.status == 429)
            #expect(refused.errorCode == "too_many_attempts")
            let error = try #require(refused.json["error"] as? [String: Any])
            let message = error["message"] as? String ?? ""
            #expect(message.contains("try again"))
            let details = try #require(error["details"] as? [String: Any])
            let retryAfter = try #require(refused.headers["retry-after"].flatMap { Int($0) })
            #expect((1...900).contains(retryAfter))
            #expect(details["retryAfterSeconds"] as? Int == retryAfter)
            #expect(refused.headers["content-type"]?.hasPrefix("application/json") == true)

            let bob = try await service.logIn("Bob", password: CommandProcesses.password)
            #expect(bob.status == 201)
        }
    }

    @Test func oneAddressOverItsLimitIsRefusedWhateverAccountItTries() async throws {
        try await CommandProcesses.with([["--login-address-failures", "4"]]) { service in
            try await service.register("Carol")
            for name in ["nobody-1", "nobody-2", "nobody-3", "nobody-4"] { try await service.fail(name) }
            try await service.fail("nobody-5", expect: 429)
            let carol = try await service.logIn("Carol", password: CommandProcesses.password)
            #expect(carol.status == 429)
            #expect(carol.errorCode == "too_many_attempts")
        }
    }

    @Test func aSuccessForgivesTheAccountsFailuresButNotTheAddresss() async throws {
        try await CommandProcesses.with([["--login-account-failures", "3", "--login-address-failures", "5"]]) { service in
            try await service.register("Dora")
            for _ in 0..<2 { try await service.fail("Dora") }
            #expect(try await service.logIn("Dora", password: CommandProcesses.password).status == 201)
            // The account starts again from zero; the address keeps its two failures.
            for _ in 0..<3 { try await service.fail("Dora") }
            try await service.fail("someone-else", expect: 429)
        }
    }

    @Test func twoCommandServiceProcessesShareTheCounters() async throws {
        let flags = ["--login-account-failures", "4"]
        try await CommandProcesses.with([flags, flags]) { service in
            try await service.register("Erin")
            for attempt in 0..<4 { try await service.fail("Erin", on: attempt % 2) }
            #expect(try await service.logIn("Erin", password: CommandProcesses.password, on: 0).status == 429)
            #expect(try await service.logIn("Erin", password: CommandProcesses.password, on: 1).status == 429)
        }
    }

    /// The window is long enough for two failed log-ins on a loaded machine, short enough to wait out.
    @Test func theCountersExpireWithTheWindow() async throws {
        try await CommandProcesses.with([["--login-account-failures", "2", "--login-window-seconds", "5"]]) { service in
            try await service.register("Finn")
            for _ in 0..<2 { try await service.fail("Finn") }
            let refused = try await service.logIn("Finn", password: CommandProcesses.password)
            #expect(refused.status == 429)
            let retryAfter = try #require(refused.headers["retry-after"].flatMap { Int($0) })
            #expect((1...5).contains(retryAfter))
            var status = refused.status
            for _ in 0..<60 where status == 429 {
                try await Task.sleep(for: .milliseconds(250))
                status = try await service.logIn("Finn", password: CommandProcesses.password).status
            }
            #expect(status == 201)
        }
    }

    @Test func xForwardedForFromAnUntrustedPeerIsIgnored() async throws {
        try await CommandProcesses.with([["--login-address-failures", "2"]]) { service in
            try await service.fail("g-1", forwardedFor: "10.0.0.1")
            try await service.fail("g-2", forwardedFor: "10.0.0.2")
            try await service.fail("g-3", forwardedFor: "10.0.0.3", expect: 429)
        }
    }

    @Test func xForwardedForFromATrustedProxyNamesTheClient() async throws {
        try await CommandProcesses.with([["--login-address-failures", "2", "--trusted-proxy", "127.0.0.1"]]) { service in
            try await service.fail("h-1", forwardedFor: "10.0.0.1")
            // Only the right-most hop is the proxy's word; the client wrote the rest.
            try await service.fail("h-2", forwardedFor: "192.0.2.7, 10.0.0.1")
            try await service.fail("h-3", forwardedFor: "10.0.0.1", expect: 429)
            try await service.fail("h-4", forwardedFor: "10.0.0.2")
            try await service.fail("h-5", forwardedFor: "192.0.2.7")
        }
    }

    @Test(arguments: [
        ("127.0.0.1", "10.0.0.1", "10.0.0.1"),
        ("127.0.0.1", "10.0.0.9, 10.0.0.1", "10.0.0.1"),
        ("127.0.0.1", "10.0.0.9, 127.0.0.1", "10.0.0.9"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("::ffff:127.0.0.1", "2001:DB8::1", "2001:db8::1"),
        ("192.0.2.50", "10.0.0.1", "192.0.2.50"),
        ("10.1.2.3", "192.0.2.1", "192.0.2.1"),
        ("10.2.0.1", "192.0.2.1", "10.2.0.1"),
        ("127.0.0.1", "192.0.2.1, 10.1.9.9", "192.0.2.1"),
        ("10.1.2.3", "10.1.0.0/16", "10.1.2.3"),
    ])
    func theClientAddressIsTheRightMostUntrustedHop(peer: String, forwarded: String, expected: String) {
        let resolver = ClientAddressResolver(trustedProxies: ["127.0.0.1", "10.1.0.0/16"])
        let request = HTTPRequest(method: .post, path: "/v1/sessions", headers: ["x-forwarded-for": forwarded], remoteAddress: peer)
        #expect(resolver.address(of: request) == expected)
    }
}
