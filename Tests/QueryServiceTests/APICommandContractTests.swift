import Foundation
import Shared
import Testing
import TestServers
@testable import QueryService

/// The real CommandService's answers, as the query nodes relay them, match
/// `docs/command-api.openapi.json` (checked by an independent Python validator).
@Suite struct APICommandContractTests {
    @Test func theCommandServicesAnswersMatchItsOpenAPIDocument() async throws {
        let fixture = try await WebCommandFixture.start()
        let base = "http://127.0.0.1:\(fixture.commands.port)"
        var cases: [[String: Any]] = []
        func call(_ operation: String, _ path: String, _ body: String?, token: String? = nil, key: String? = nil) async throws -> [String: Any] {
            var arguments = ["-w", "\n%{http_code}", "-X", "POST", "-H", "Content-Type: application/json", "\(base)\(path)"]
            if let body { arguments += ["--data-binary", body] }
            if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
            if let key { arguments += ["-H", "Idempotency-Key: \(key)"] }
            let request = arguments
            let output = try await WebTestbed.clients.run { try ExternalClient.curl(request) }
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            let json = try WebFixtures.json(lines.dropLast().joined(separator: "\n"))
            cases.append(["operation": operation, "status": Int(lines.last ?? "") ?? 0, "body": json])
            return json
        }
        _ = try await call("register", "/v1/users", #"{"displayName":"Cora","password":"long password"}"#)
        _ = try await call("register", "/v1/users", #"{"displayName":"cora","password":"long password"}"#)
        _ = try await call("register", "/v1/users", #"{"displayName":"Dan","password":"long password"}"#)
        let seller = try #require(try await call("logIn", "/v1/sessions", #"{"displayName":"Cora","password":"long password"}"#)["token"] as? String)
        let bidder = try #require(try await call("logIn", "/v1/sessions", #"{"displayName":"Dan","password":"long password"}"#)["token"] as? String)
        _ = try await call("logIn", "/v1/sessions", #"{"displayName":"Dan","password":"wrong password"}"#)
        let money = #"{"currency":"EUR","minorUnits":1000}"#
        let created = try await call("createAuction", "/v1/auctions",
                                     #"{"title":"Kettle","startingPrice":\#(money),"reservePrice":{"currency":"EUR","minorUnits":5000},"durationSeconds":600}"#,
                                     token: seller, key: "k1")
        let id = try #require(created["auctionID"] as? String)
        _ = try await call("createAuction", "/v1/auctions", #"{"title":"","startingPrice":\#(money),"durationSeconds":600}"#, token: seller, key: "k2")
        _ = try await call("createAuction", "/v1/auctions", #"{"title":"x"}"#, token: seller, key: "k3")
        _ = try await call("placeBid", "/v1/auctions/\(id)/bids", #"{"maximum":{"currency":"EUR","minorUnits":500}}"#, token: bidder, key: "b1")
        _ = try await call("placeBid", "/v1/auctions/\(id)/bids", #"{"maximum":{"currency":"EUR","minorUnits":1500}}"#, token: bidder, key: "b2")
        _ = try await call("placeBid", "/v1/auctions/\(id)/bids", #"{"maximum":\#(money)}"#, token: seller, key: "b3")
        _ = try await call("placeBid", "/v1/auctions/\(id)/bids", #"{"maximum":\#(money)}"#)
        _ = try await call("placeBid", "/v1/auctions/nope/bids", #"{"maximum":\#(money)}"#, token: bidder, key: "b4")
        _ = try await call("cancelAuction", "/v1/auctions/\(id)/cancel", nil, token: seller, key: "c1")
        let statuses = cases.compactMap { $0["status"] as? Int }
        #expect(statuses == [201, 409, 201, 201, 201, 401, 201, 422, 400, 409, 201, 403, 401, 404, 409], "\(statuses)")

        let input = try cases.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }.joined(separator: "\n")
        let script = ExternalClient.webSocketScript().replacingOccurrences(of: "ws_client.py", with: "openapi_body_check.py")
        let document = ProjectionTestbed.repository.appendingPathComponent("docs/command-api.openapi.json").path
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("cases-\(UUID().uuidString).jsonl")
        try input.write(to: inputFile, atomically: true, encoding: .utf8)
        let output = try await WebTestbed.clients.run {
            try ChildProcess.run("/bin/sh", ["-c", "python3 \"$0\" \"$1\" < \"$2\"", script, document, inputFile.path])
        }
        let results = output.split(separator: "\n").compactMap { try? WebFixtures.json(String($0)) }
        #expect(results.count == cases.count)
        for result in results { #expect(result["ok"] as? Bool == true, "\(result)") }
        await fixture.close()
    }
}
