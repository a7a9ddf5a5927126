import Foundation
import Shared

/// The REST API of a node, read from its own read model (described at `/api/openapi.json`):
/// `GET /v1/auctions`, `/v1/auctions/{id}`, `/v1/auctions/{id}/bids`, `/v1/users/{id}`.
/// Errors use the shared JSON shape: 400 for a bad parameter, cursor or limit, 404 for an
/// unknown resource, 503 when the read model cannot be read.
enum APIRoutes {
    static func add(to router: inout Router, reader: ReadModelReader) {
        router.get("/v1/auctions") { request in await respond { try await listAuctions(request.query, reader) } }
        router.get("/v1/auctions/{id}") { request in
            await respond {
                guard let record = try await reader.auction(request.pathParameters["id"] ?? "") else { throw APIError.notFound("No such auction.") }
                return APIResources.Auction(record)
            }
        }
        router.get("/v1/auctions/{id}/bids") { request in
            await respond { try await listBids(of: request.pathParameters["id"] ?? "", request.query, reader) }
        }
        router.get("/v1/users/{id}") { request in
            await respond {
                guard let profile = try await reader.user(request.pathParameters["id"] ?? "") else { throw APIError.notFound("No such user.") }
                return APIResources.User(profile)
            }
        }
        router.get(OpenAPIDocument.path) { _ in HTTPResponse.json(OpenAPIDocument.json) }
    }

    static func listAuctions(_ query: QueryParameters, _ reader: ReadModelReader) async throws -> APIResources.AuctionPage {
        let listing = try AuctionListing(query)
        switch listing.kind {
        case .endingSoon:
            var after: OpenAuctionsCursor?
            if case .open(let endsAt, let id) = listing.cursor { after = OpenAuctionsCursor(endsAt: endsAt, auctionID: id) }
            let page = try await reader.openAuctions(after: after, limit: listing.limit)
            return APIResources.AuctionPage(
                auctions: page.auctions.map(APIResources.Auction.init), nextCursor: page.next.map { PageCursor.open(endsAt: $0.endsAt, auctionID: $0.auctionID).token })
        case .seller(let seller, let status):
            var after: (Int64, String)?
            if case .seller(_, let createdAt, let id) = listing.cursor { after = (createdAt, id) }
            let page = try await reader.auctions(ofSeller: seller, status: status, after: after, limit: listing.limit)
            let next = page.hasMore ? page.records.last.map { PageCursor.seller(sellerID: seller, createdAt: $0.createdAt, auctionID: $0.auctionID).token } : nil
            return APIResources.AuctionPage(auctions: page.records.map(APIResources.Auction.init), nextCursor: next)
        }
    }

    static func listBids(of id: String, _ query: QueryParameters, _ reader: ReadModelReader) async throws -> APIResources.BidPage {
        if let unknown = query.pairs.first(where: { $0.name != "limit" && $0.name != "cursor" }) {
            throw APIError(status: 400, code: "invalid_parameter", message: "Unknown query parameter \"\(unknown.name)\".",
                           details: ["allowed": .string("cursor, limit")])
        }
        let limit = try AuctionListing.limit(query["limit"], default: 50, maximum: 500)
        var after = 0
        if let token = query["cursor"] {
            guard case .bids(let auction, let number)? = PageCursor(token: token), auction == id else { throw AuctionListing.invalidCursor() }
            after = number
        }
        guard try await reader.auction(id) != nil else { throw APIError.notFound("No such auction.") }
        let page = try await reader.bids(of: id, afterBidNumber: after, limit: limit)
        let next = page.hasMore ? page.records.last.map { PageCursor.bids(auctionID: id, bidNumber: $0.bidNumber).token } : nil
        return APIResources.BidPage(auctionID: id, bids: page.records.map(APIResources.Bid.init), nextCursor: next)
    }

    /// Encodes the value, or answers the API error; any other failure is the read model being
    /// unreachable (503, without internals).
    static func respond<Body: Encodable>(_ body: () async throws -> Body) async -> HTTPResponse {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return .json(Array(try encoder.encode(try await body())))
        } catch let error as APIError {
            return error.response
        } catch {
            return APIError(status: 503, code: "read_model_unavailable", message: "The auctions cannot be read right now; please retry.")
                .with(header: "Retry-After", "1")
        }
    }
}

extension APIError {
    fileprivate func with(header name: String, _ value: String) -> HTTPResponse { response.with(header: name, value) }
}
