/// The ID of a stream entry, `<milliseconds>-<sequence>`, ordered as Redis orders entries.
///
/// A projection keeps the last ID it applied and reads the entries after it.
package struct RedisStreamEntryID: Sendable, Hashable, Comparable, LosslessStringConvertible {
    package var milliseconds: UInt64
    package var sequence: UInt64

    /// `0-0`, before every entry: reading after it returns a stream from its start.
    package static let zero = RedisStreamEntryID(milliseconds: 0, sequence: 0)

    package init(milliseconds: UInt64, sequence: UInt64) {
        self.milliseconds = milliseconds
        self.sequence = sequence
    }

    /// Parses `1700000000000-3`, or `1700000000000` (sequence 0) as Redis accepts it.
    package init?(_ description: String) {
        let parts = description.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, let milliseconds = UInt64(parts[0]) else { return nil }
        guard parts.count == 2 else {
            self.init(milliseconds: milliseconds, sequence: 0)
            return
        }
        guard let sequence = UInt64(parts[1]) else { return nil }
        self.init(milliseconds: milliseconds, sequence: sequence)
    }

    package var description: String { "\(milliseconds)-\(sequence)" }

    package static func < (lhs: RedisStreamEntryID, rhs: RedisStreamEntryID) -> Bool {
        (lhs.milliseconds, lhs.sequence) < (rhs.milliseconds, rhs.sequence)
    }
}
