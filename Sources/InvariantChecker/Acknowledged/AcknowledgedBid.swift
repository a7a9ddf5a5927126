import Foundation

/// A bid a client saw acknowledged (HTTP 201), as the load driver records it: one JSON object a
/// line, `{"auction":"a…","commandID":"bid-…","key":"…","bidder":"u…"}`. The command id is the one
/// the CommandService derives from bidder, auction and idempotency key (and that its answer's
/// events carry), so a retried bid is the same command.
struct AcknowledgedBid: Sendable, Decodable, Hashable {
    let auction: String
    let commandID: String
    let key: String?
    let bidder: String?

    /// Reads the file; a line that is not such an object is an error (a broken recording would
    /// otherwise silently check nothing).
    static func load(_ path: String) throws -> [AcknowledgedBid] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(whereSeparator: \.isNewline).enumerated().map { index, line in
            do {
                return try decoder.decode(AcknowledgedBid.self, from: Data(line.utf8))
            } catch {
                throw CheckerError("\(path):\(index + 1): not an acknowledged bid: \(error)")
            }
        }
    }
}
