import Foundation

/// The CommandService's HTTP API as the benchmarks use it (see issue 3): accounts, sessions,
/// auctions and bids, over one keep-alive `HTTPConnection`. One instance per thread.
final class AuctionAPI {
    private let connection: HTTPConnection
    private var sequence = 0
    private let keyPrefix: String

    init(host: String, port: Int, keyPrefix: String) {
        connection = HTTPConnection(host: host, port: port)
        self.keyPrefix = keyPrefix
    }

    /// Registers `name` and opens a session; returns the bearer token.
    func signUp(name: String, password: String) throws -> String {
        let credentials = try Self.json(["displayName": name, "password": password])
        let registered = try connection.request("POST", "/v1/users", body: credentials)
        guard (200..<300).contains(registered.status) else { throw LoadError("POST /v1/users: \(registered.status) \(registered.text)") }
        let session = try connection.request("POST", "/v1/sessions", body: credentials)
        guard (200..<300).contains(session.status), let token = Self.field("token", in: session.body) else {
            throw LoadError("POST /v1/sessions: \(session.status) \(session.text)")
        }
        return token
    }

    /// Lists an auction that starts now (Redis `TIME`) and lasts `seconds`; returns its id.
    func createAuction(token: String, title: String, startingMinorUnits: Int64, seconds: Int64) throws -> String {
        let body = try Self.json([
            "title": title, "description": "Benchmark lot",
            "startingPrice": ["currency": "EUR", "minorUnits": startingMinorUnits], "durationSeconds": seconds,
        ])
        let response = try connection.request("POST", "/v1/auctions", headers: headers(token), body: body)
        guard (200..<300).contains(response.status),
              let id = Self.field("id", in: response.body) ?? Self.field("auctionID", in: response.body) else {
            throw LoadError("POST /v1/auctions: \(response.status) \(response.text)")
        }
        return id
    }

    /// Places a bid with this maximum; returns the HTTP status (201 when accepted).
    func bid(token: String, auction: String, maximumMinorUnits: Int64) throws -> Int {
        let body = Array(#"{"maximum":{"currency":"EUR","minorUnits":\#(maximumMinorUnits)}}"#.utf8)
        return try connection.request("POST", "/v1/auctions/\(auction)/bids", headers: headers(token), body: body).status
    }

    private func headers(_ token: String) -> [(String, String)] {
        sequence += 1
        return [("Authorization", "Bearer \(token)"), ("Idempotency-Key", "\(keyPrefix)-\(sequence)")]
    }

    private static func json(_ object: [String: Any]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object))
    }

    /// A top-level string field of a JSON object body, or of its `auction`/`session` member.
    static func field(_ name: String, in body: [UInt8]) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return nil }
        if let value = object[name] as? String { return value }
        for member in ["auction", "session", "user"] {
            if let nested = object[member] as? [String: Any], let value = nested[name] as? String { return value }
        }
        return nil
    }
}
