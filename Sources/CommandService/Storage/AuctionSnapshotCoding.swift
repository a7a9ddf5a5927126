import AuctionDomain
import Foundation

/// The snapshot's `state` field: `AuctionState`'s synthesized `Codable` as sorted-key JSON,
/// private facts (maximums, reserve) included. Only the CommandService reads it.
enum AuctionSnapshotCoding {
    static func encode(_ state: AuctionState) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(state))
    }

    static func decode(_ bytes: [UInt8]) throws -> AuctionState {
        do {
            return try JSONDecoder().decode(AuctionState.self, from: Data(bytes))
        } catch {
            throw StoreError.corrupt("snapshot", error)
        }
    }
}
