import AuctionDomain
import Foundation
import Shared
import Testing

@testable import CommandService

/// The HTTP API of a spawned CommandService, driven with curl.
@Suite struct CommandAPITests {
    @Test func registerLogInCreateAndBidThenTheErrorsNameTheirProblem() async throws {
        try await CommandProcesses.with([[]]) { service in
            let alice = #"{"displayName":"Alice","password":"correct horse"}"#
            let registered = try await service.curl(0, "/v1/users", body: alice)
            #expect(registered.status == 201)
            let taken = try await service.curl(0, "/v1/users", body: #"{"displayName":" alice ","password":"another one"}"#)
            #expect(taken.status == 409)
            #expect(taken.errorCode == "display_name_taken")
            _ = try await service.curl(0, "/v1/users", body: #"{"displayName":"Bob","password":"bobs password"}"#)

            let wrong = try await service.curl(0, "/v1/sessions", body: #"{"displayName":"Alice","password":"wrong horse"}"#)
            #expect(wrong.status == 401)
            let session = try await service.curl(0, "/v1/sessions", body: alice)
            let sellerToken = try #require(session.json["token"] as? String)
            #expect(session.json["userID"] as? String == registered.json["userID"] as? String)
            let bobToken = try #require(try await service.curl(0, "/v1/sessions", body: #"{"displayName":"BOB","password":"bobs password"}"#)
                .json["token"] as? String)

            let lot = #"{"title":"Lamp","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":600}"#
            let noKey = try await service.curl(0, "/v1/auctions", body: lot, token: sellerToken)
            #expect(noKey.status == 400)
            #expect(noKey.errorCode == "missing_idempotency_key")
            let created = try await service.curl(0, "/v1/auctions", body: lot, token: sellerToken, key: "lamp")
            #expect(created.status == 201)
            let again = try await service.curl(0, "/v1/auctions", body: lot, token: sellerToken, key: "lamp")
            #expect(again.status == 201)
            #expect(again.headers["idempotent-replayed"] == "true")
            #expect(again.body == created.body)
            let auctionID = try #require(created.json["auctionID"] as? String)
            let bids = "/v1/auctions/\(auctionID)/bids"

            let bid = try await service.curl(0, bids, body: #"{"maximum":{"currency":"EUR","minorUnits":1200}}"#, token: bobToken, key: "b1")
            #expect(bid.status == 201)
            let outcome = try #require(bid.json["bid"] as? [String: Any])
            #expect(outcome["leading"] as? Bool == true)
            #expect(!bid.text.contains("maximums"))

            let cases: [(String, String?, String?, Int, String)] = [
                (bids, #"{"maximum":{"currency":"EUR","minorUnits":1200}}"#, nil, 401, "unauthenticated"),
                (bids, #"{"maximum":{"currency":"EUR","minorUnits":100}}"#, bobToken, 409, "bid_too_low"),
                (bids, #"{"maximum":{"currency":"EUR","minorUnits":5000}}"#, sellerToken, 403, "seller_cannot_bid"),
                (bids, #"{"maximum":{"currency":"USD","minorUnits":5000}}"#, bobToken, 422, "currency_mismatch"),
                (bids, #"{"maximum":{"currency":"EUR","minorUnits":0}}"#, bobToken, 400, "invalid_money"),
                (bids, #"{"maximum":{"currency":"EUR"}}"#, bobToken, 400, "missing_field"),
                (bids, #"{"maximum":{"currency":"EUR","minorUnits":"12"}}"#, bobToken, 400, "invalid_field"),
                // Valid JSON whose number no integer field holds: the field is wrong, not the JSON.
                (bids, #"{"maximum":{"currency":"EUR","minorUnits":1700.5}}"#, bobToken, 400, "invalid_field"),
                (bids, #"{"maximum":{"currency":"EUR","minorUnits":1e30}}"#, bobToken, 400, "invalid_field"),
                (bids, #"{"maximum":"#, bobToken, 400, "malformed_json"),
                ("/v1/auctions/no-such-auction/bids", #"{"maximum":{"currency":"EUR","minorUnits":5000}}"#, bobToken, 404,
                 "auction_not_found"),
                ("/v1/auctions/\(auctionID)/cancel", nil, bobToken, 403, "not_seller"),
                ("/v1/auctions/\(auctionID)/cancel", nil, sellerToken, 409, "cannot_cancel_with_bids"),
            ]
            for (path, body, token, status, code) in cases {
                let reply = try await service.curl(0, path, body: body, token: token)
                #expect(reply.status == status, "\(path) \(body ?? "")")
                #expect(reply.errorCode == code, "\(path) \(body ?? "")")
            }
            let fraction = try await service.curl(0, bids, body: #"{"maximum":{"currency":"EUR","minorUnits":1700.5}}"#, token: bobToken)
            #expect(((fraction.json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String == "maximum.minorUnits")
            let tooLow = try await service.curl(0, bids, body: #"{"maximum":{"currency":"EUR","minorUnits":100}}"#, token: bobToken)
            let details = (tooLow.json["error"] as? [String: Any])?["details"] as? [String: Any]
            #expect(details?["minimumMinorUnits"] as? Int == 550)

            let longTitle = #"{"title":"\#(String(repeating: "x", count: 201))","startingPrice":{"currency":"EUR","minorUnits":500},"durationSeconds":600}"#
            let invalid = try await service.curl(0, "/v1/auctions", body: longTitle, token: sellerToken, key: "long")
            #expect(invalid.status == 422)
            #expect(invalid.errorCode == "title_too_long")

            // Errors appended nothing: create and one bid (bidAccepted, priceChanged) only.
            let client = RedisClient(configuration: RedisConfiguration(port: service.redis.port))
            let layout = EventStreamLayout()
            let stream = layout.publicStream(partition: layout.partition(of: AuctionID(auctionID)))
            let length = try await client.send("XLEN", RedisArgument(stream)).int
            #expect(length == 3)
            await client.close()
        }
    }
}
