import AuctionDomain

/// The snapshot's `state` field: `AuctionState` as JSON, private facts (maximums, reserve)
/// included; only the CommandService reads it. The same document `Codable` gives, written and read
/// without Foundation (`AuctionState.snapshotJSON()`): it is encoded in every commit.
enum AuctionSnapshotCoding {
    static func encode(_ state: AuctionState) -> [UInt8] { state.snapshotJSON() }

    static func decode(_ bytes: [UInt8]) throws -> AuctionState {
        do {
            return try AuctionState(snapshotJSON: bytes)
        } catch {
            throw StoreError.corrupt("snapshot", error)
        }
    }
}
