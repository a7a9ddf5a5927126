import AuctionProto
import GRPCCore
import Shared

/// The unary reads: the REST handlers' own code, so the data, the validation and the error codes
/// are the REST API's.
extension LiveAuctionService {
    func getAuction(_ request: ServerRequest<Liveauction_V1_GetAuctionRequest>) async throws -> Liveauction_V1_Auction {
        try await GRPCErrorMapping.read {
            guard let record = try await reader.auction(request.message.auctionID) else { throw APIError.notFound("No such auction.") }
            return ReadMessages.auction(APIResources.Auction(record))
        }
    }

    func listAuctions(_ request: ServerRequest<Liveauction_V1_ListAuctionsRequest>) async throws -> Liveauction_V1_AuctionPage {
        let message = request.message
        let query = Self.query([
            ("seller", message.seller), ("status", message.status), ("sort", message.sort), ("cursor", message.cursor),
            ("limit", message.limit == 0 ? "" : String(message.limit)),
        ])
        return try await GRPCErrorMapping.read { ReadMessages.auctionPage(try await APIRoutes.listAuctions(query, reader)) }
    }

    func listBids(_ request: ServerRequest<Liveauction_V1_ListBidsRequest>) async throws -> Liveauction_V1_BidPage {
        let message = request.message
        let query = Self.query([("cursor", message.cursor), ("limit", message.limit == 0 ? "" : String(message.limit))])
        return try await GRPCErrorMapping.read {
            ReadMessages.bidPage(try await APIRoutes.listBids(of: message.auctionID, query, reader))
        }
    }

    func getUser(_ request: ServerRequest<Liveauction_V1_GetUserRequest>) async throws -> Liveauction_V1_User {
        try await GRPCErrorMapping.read {
            guard let profile = try await reader.user(request.message.userID) else { throw APIError.notFound("No such user.") }
            return ReadMessages.user(APIResources.User(profile))
        }
    }

    /// The REST query of the fields that are set (proto3 has no "absent" for strings: empty is absent).
    static func query(_ fields: [(String, String)]) -> QueryParameters {
        QueryParameters(fields.filter { !$0.1.isEmpty }.map { (name: $0.0, value: $0.1) })
    }
}
