/// The PostgreSQL schema a projection writes into: the live read model that readers use, or the
/// fresh copy a rebuild fills before it is swapped in (see `migrations/0002_read_model.sql`).
///
/// Only these fixed names exist, so they can be spliced into SQL text safely; `ReadModelSwap`
/// renames `next` to `live` (and `live` to `retired`) in one transaction.
struct ReadModelSchema: Sendable, Hashable, CustomStringConvertible {
    let name: String

    private init(_ name: String) { self.name = name }

    /// The schema readers query and the serving projector keeps current.
    static let live = ReadModelSchema("read_model")
    /// The schema a rebuild replays into from zero.
    static let next = ReadModelSchema("read_model_next")
    /// Where the previous live schema goes during a swap, until it is dropped.
    static let retired = ReadModelSchema("read_model_old")

    /// `"read_model".table`, for SQL text.
    func table(_ table: String) -> String { "\"\(name)\".\(table)" }

    var description: String { name }
}
