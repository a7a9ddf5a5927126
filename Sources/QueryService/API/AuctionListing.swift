import Shared

/// What `GET /v1/auctions` was asked for, validated: every parameter is known and well formed,
/// and the cursor belongs to this listing; otherwise a 400 in the shared error shape.
///
/// | parameters | listing |
/// |---|---|
/// | (none), `status=open`, `sort=ending_soon` | open auctions ending soonest first |
/// | `seller=<id>` [`status=open|closed|cancelled|all`] [`sort=newest`] | a seller's auctions, newest first |
/// | `limit` 1–100 (default 20), `cursor` from the previous page's `nextCursor` | pagination |
struct AuctionListing: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case endingSoon
        case seller(String, status: AuctionRecord.Status?)
    }

    static let defaultLimit = 20
    static let maximumLimit = 100
    static let parameters: Set<String> = ["status", "seller", "sort", "limit", "cursor"]

    let kind: Kind
    let limit: Int
    let cursor: PageCursor?

    init(_ query: QueryParameters) throws(APIError) {
        if let unknown = query.pairs.first(where: { !Self.parameters.contains($0.name) }) {
            throw APIError(status: 400, code: "invalid_parameter", message: "Unknown query parameter \"\(unknown.name)\".",
                           details: ["allowed": .string(Self.parameters.sorted().joined(separator: ", "))])
        }
        limit = try Self.limit(query["limit"], default: Self.defaultLimit, maximum: Self.maximumLimit)
        let status = query["status"]
        if let seller = query["seller"] {
            guard !seller.isEmpty, seller.utf8.count <= 200 else { throw Self.invalid("seller", "\"seller\" must be a user id.") }
            guard query["sort"] == nil || query["sort"] == "newest" else {
                throw Self.invalid("sort", "A seller's auctions are listed newest first: use sort=newest or omit it.")
            }
            let filter: AuctionRecord.Status?
            switch status {
            case nil, "all": filter = nil
            case let text?:
                guard let parsed = AuctionRecord.Status(rawValue: text) else {
                    throw Self.invalid("status", "\"status\" must be open, closed, cancelled or all.")
                }
                filter = parsed
            }
            kind = .seller(seller, status: filter)
        } else {
            guard status == nil || status == "open" else {
                throw Self.invalid("status", "Without \"seller\", only open auctions are listed: use status=open or add seller=<id>.")
            }
            guard query["sort"] == nil || query["sort"] == "ending_soon" else {
                throw Self.invalid("sort", "Open auctions are listed ending soonest first: use sort=ending_soon or omit it.")
            }
            kind = .endingSoon
        }
        if let token = query["cursor"] {
            cursor = try Self.cursor(token, for: kind)
        } else {
            cursor = nil
        }
    }

    /// A `limit` parameter: absent → `default`; otherwise an integer in 1...`maximum`.
    static func limit(_ text: String?, default value: Int, maximum: Int) throws(APIError) -> Int {
        guard let text else { return value }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw APIError(status: 400, code: "invalid_limit", message: "\"limit\" must be an integer from 1 to \(maximum).",
                           details: ["minimum": .int(1), "maximum": .int(Int64(maximum))])
        }
        return limit
    }

    static func invalidCursor() -> APIError {
        APIError(status: 400, code: "invalid_cursor", message: "\"cursor\" is not a cursor of this listing; use the nextCursor of a previous page.")
    }

    private static func cursor(_ token: String, for kind: Kind) throws(APIError) -> PageCursor {
        guard let cursor = PageCursor(token: token) else { throw invalidCursor() }
        switch (kind, cursor) {
        case (.endingSoon, .open): return cursor
        case (.seller(let seller, _), .seller(let owner, _, _)) where seller == owner: return cursor
        default: throw invalidCursor()
        }
    }

    private static func invalid(_ parameter: String, _ message: String) -> APIError {
        APIError(status: 400, code: "invalid_parameter", message: message, details: ["parameter": .string(parameter)])
    }
}
