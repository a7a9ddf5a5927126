/// One broken promise, with the entries that show it.
struct Breach: Sendable, CustomStringConvertible {
    /// The four promises the checker verifies (issue 8).
    enum Invariant: Int, Sendable, CaseIterable, CustomStringConvertible {
        case acknowledgedBidLogged = 1
        case auctionHistory = 2
        case readModelMatchesLog = 3
        case noHiddenAmountPublic = 4

        var description: String {
            switch self {
            case .acknowledgedBidLogged: "1 acknowledged bids in the log exactly once"
            case .auctionHistory: "2 auction histories follow the rules"
            case .readModelMatchesLog: "3 read models equal a replay of the log"
            case .noHiddenAmountPublic: "4 no hidden maximum or reserve in a public surface"
            }
        }
    }

    let invariant: Invariant
    /// What the breach is about: an auction, a command id, a node, a file.
    let subject: String
    /// What is wrong, naming the offending entries.
    let detail: String

    var description: String { "BREACH [\(invariant.rawValue)] \(subject): \(detail)" }
}
