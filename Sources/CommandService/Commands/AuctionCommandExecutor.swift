import AuctionDomain
import Logging
import Shared

/// Runs auction commands: each goes to its partition's `PartitionWriter`, which decides it in a
/// batch under the auction's lease (kept while commands keep coming) and appends it with a group
/// commit. A refused commit decides the command again, a lease held by another writer is waited
/// for with backoff; both are bounded, after which the command is `CommandUnavailable` and
/// nothing was written.
final class AuctionCommandExecutor: Sendable {
    /// Makes the stored answer of a decision: `(state before, decision, state after)`.
    typealias RecordBuilder = @Sendable (AuctionState?, Result<[DomainEvent], AuctionRuleViolation>, AuctionState?) -> CommandRecord

    let store: AuctionStore
    let policy: LockPolicy
    let recordTTLSeconds: Int
    /// Fault injection for the fencing tests only: a pause between deciding a batch and its first
    /// commit attempt, during which the test stops the process. Zero in production.
    let pauseBeforeCommit: Duration
    private let writers: [PartitionWriter]

    init(
        store: AuctionStore, policy: LockPolicy, recordTTLSeconds: Int = 86_400, pauseBeforeCommit: Duration = .zero,
        metrics: ServiceMetrics = .process, logger: Logger = Logger(label: "command-executor")
    ) {
        self.store = store
        self.policy = policy
        self.recordTTLSeconds = recordTTLSeconds
        self.pauseBeforeCommit = pauseBeforeCommit
        writers = (0..<store.layout.partitionCount).map {
            PartitionWriter(
                partition: $0, store: store, policy: policy, recordTTLSeconds: recordTTLSeconds, pauseBeforeCommit: pauseBeforeCommit,
                metrics: metrics, logger: logger)
        }
    }

    func execute(_ request: CommandRequest, record: @escaping RecordBuilder) async throws -> CommandExecution {
        try await writers[store.layout.partition(of: request.auctionID)].submit(request, record: record)
    }

    /// Commands received and not yet taken into a batch, over all partitions (tests use it to
    /// know that commands have arrived, and so their arrival order).
    var queuedCommands: Int { writers.reduce(0) { $0 + $1.queuedCommands } }

    /// Graceful shutdown: decides what is queued, then hands every lease back (so another
    /// CommandService takes the auctions over at once instead of waiting out the leases).
    func close() async {
        for writer in writers { await writer.close() }
    }
}
