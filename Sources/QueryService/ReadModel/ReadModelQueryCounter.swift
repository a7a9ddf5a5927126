import Synchronization

/// Counts the statements a ``ReadModelReader`` (and every copy of it) sends, so tests and metrics
/// can tell how many database round trips a page view cost: a warm page costs none.
final class ReadModelQueryCounter: Sendable {
    private let count = Atomic<Int>(0)

    func record() { count.wrappingAdd(1, ordering: .relaxed) }

    var total: Int { count.load(ordering: .relaxed) }
}
