import Foundation

/// The outcome of one command, as its idempotency record keeps it for 24 hours and as the client
/// receives it: a retry with the same command id gets exactly this answer back.
///
/// Rejections are kept too (a retried bid that was too low stays too low, even if the price has
/// since moved). The record is private to the CommandService; for a bid it may hold the bidder's
/// own maximum, which only the bidder (who holds the idempotency key) is answered with.
struct CommandRecord: Codable, Sendable, Equatable {
    /// Hash of the request (route and body), so that reusing a key for another request is caught.
    var fingerprint: String
    var status: Int
    var accepted: AcceptedReply?
    var error: RecordedError?

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> CommandRecord {
        do {
            return try JSONDecoder().decode(CommandRecord.self, from: Data(bytes))
        } catch {
            throw StoreError.corrupt("idempotency record", error)
        }
    }
}
