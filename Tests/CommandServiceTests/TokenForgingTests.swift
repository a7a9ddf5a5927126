import AuctionDomain
import Foundation
import Shared
import Testing

/// Forged, tampered and stolen-identity requests against a real CommandService over HTTP: each is
/// refused with the JSON error shape and appends nothing; the actor is only ever the token's user.
/// (A bid without any token is covered by `CommandAPITests`.)
@Suite struct TokenForgingTests {
    /// Registered users and their real tokens, and an auction of Sam's to bid on.
    struct Cast: Sendable {
        let sam: (id: String, token: String)
        let bea: (id: String, token: String)
        let vic: (id: String, token: String)
        let auctionID: String
    }

    @Test func forgedExpiredAndTamperedTokensAreRefusedOnEveryCommandAndAppendNothing() async throws {
        try await CommandProcesses.with([[]]) { service in
            let cast = try await Self.cast(service)
            let now = Int64(Date().timeIntervalSince1970)
            let stranger = try SessionTokenSigner(secret: "a-different-secret-0123456789")
            let parts = cast.bea.token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let vicParts = cast.vic.token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let forged: [(String, String)] = [
                ("garbage", "Bearer not-a-token"),
                ("three parts", "Bearer \(parts[0...2].joined(separator: "."))"),
                ("empty signature", "Bearer \(parts[0...2].joined(separator: "."))."),
                ("other version", "Bearer v2.\(parts[1...3].joined(separator: "."))"),
                ("oversized", "Bearer \(cast.bea.token)\(String(repeating: "A", count: 600))"),
                ("expired", "Bearer \(try SessionTokenSigner(secret: CommandProcesses.secret).issue(userID: cast.bea.id, expiresAt: now - 60))"),
                ("other secret", "Bearer \(stranger.issue(userID: cast.bea.id, expiresAt: now + 3_600))"),
                ("user id swapped", "Bearer \([parts[0], vicParts[1], parts[2], parts[3]].joined(separator: "."))"),
                ("expiry extended", "Bearer \([parts[0], parts[1], String(now + 999_999), parts[3]].joined(separator: "."))"),
                ("not bearer", "Basic \(cast.bea.token)"),
                ("bearer without token", "Bearer "),
            ]
            let money = #"{"currency":"EUR","minorUnits":5000}"#
            let commands: [(String, String?)] = [
                ("/v1/auctions/\(cast.auctionID)/bids", #"{"maximum":\#(money)}"#),
                ("/v1/auctions/\(cast.auctionID)/cancel", nil),
                ("/v1/auctions", #"{"title":"Forged","startingPrice":\#(money),"durationSeconds":600}"#),
            ]
            let before = try await Self.appendedEntries(service)
            for (name, header) in forged {
                for (path, body) in commands {
                    let reply = try await service.post(path, body: body, headers: ["Authorization: \(header)", "Idempotency-Key: \(name)"])
                    #expect(reply.status == 401, "\(name) \(path)")
                    #expect(reply.errorCode == "unauthenticated", "\(name) \(path): \(reply.text)")
                    let message = (reply.json["error"] as? [String: Any])?["message"] as? String
                    #expect(message?.isEmpty == false, "\(name) \(path)")
                }
            }
            #expect(try await Self.appendedEntries(service) == before)
        }
    }

    @Test func bodyFieldsNamingAnotherUserAreIgnoredTheActorIsTheTokensUser() async throws {
        try await CommandProcesses.with([[]]) { service in
            let cast = try await Self.cast(service)
            let bids = "/v1/auctions/\(cast.auctionID)/bids"
            let impostor = #""bidder":"\#(cast.vic.id)","userID":"\#(cast.vic.id)","actor":"\#(cast.vic.id)","seller":"\#(cast.vic.id)""#
            let before = try await Self.appendedEntries(service)

            // The seller cannot bid by naming someone else in the body.
            let sellerBid = try await service.curl(
                0, bids, body: #"{"maximum":{"currency":"EUR","minorUnits":900},\#(impostor)}"#, token: cast.sam.token, key: "s1")
            #expect(sellerBid.status == 403)
            #expect(sellerBid.errorCode == "seller_cannot_bid")
            // A bidder cannot cancel the seller's auction by naming the seller.
            let cancel = try await service.curl(
                0, "/v1/auctions/\(cast.auctionID)/cancel", body: #"{"actor":"\#(cast.sam.id)","seller":"\#(cast.sam.id)"}"#,
                token: cast.bea.token, key: "c1")
            #expect(cancel.status == 403)
            #expect(cancel.errorCode == "not_seller")
            #expect(try await Self.appendedEntries(service) == before)

            // Bea's bid naming Vic is Bea's bid: Vic appears nowhere in what was appended.
            let bid = try await service.curl(
                0, bids, body: #"{"maximum":{"currency":"EUR","minorUnits":900},\#(impostor)}"#, token: cast.bea.token, key: "b1")
            #expect(bid.status == 201)
            let auction = try #require(bid.json["auction"] as? [String: Any])
            #expect(auction["leader"] as? String == cast.bea.id)
            #expect(!bid.text.contains(cast.vic.id))
            // An auction created by Bea naming Sam as seller is Bea's.
            let created = try await service.curl(
                0, "/v1/auctions", body: #"{"title":"Mine","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":600,\#(impostor)}"#,
                token: cast.bea.token, key: "a1")
            #expect(created.status == 201)
            #expect(created.text.contains(cast.bea.id))
            #expect(!created.text.contains(cast.vic.id))
            #expect(!created.text.contains(cast.sam.id))
        }
    }

    /// Registers and logs in Sam (seller), Bea and Vic, and creates Sam's auction.
    static func cast(_ service: CommandProcesses) async throws -> Cast {
        func user(_ name: String) async throws -> (id: String, token: String) {
            try await service.register(name)
            let session = try await service.logIn(name, password: CommandProcesses.password)
            guard let id = session.json["userID"] as? String, let token = session.json["token"] as? String else {
                throw FixtureError("log-in of \(name): \(session.text)")
            }
            return (id, token)
        }
        let sam = try await user("Sam")
        let lot = #"{"title":"Clock","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":600}"#
        let created = try await service.curl(0, "/v1/auctions", body: lot, token: sam.token, key: "clock")
        guard let auctionID = created.json["auctionID"] as? String else { throw FixtureError("create: \(created.text)") }
        return Cast(sam: sam, bea: try await user("Bea"), vic: try await user("Vic"), auctionID: auctionID)
    }

    /// Entries in every public and private auction stream and in the user stream.
    static func appendedEntries(_ service: CommandProcesses) async throws -> Int64 {
        let client = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
        let layout = EventStreamLayout()
        var total: Int64 = 0
        do {
            let streams = (0..<layout.partitionCount).flatMap { [layout.publicStream(partition: $0), layout.privateStream(partition: $0)] }
            for stream in streams + [EventStreamLayout.userStream] {
                total += try await client.send("XLEN", RedisArgument(stream)).int ?? 0
            }
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        return total
    }
}
