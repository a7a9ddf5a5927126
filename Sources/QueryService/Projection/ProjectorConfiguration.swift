import Shared

/// How a `Projector` reads: which streams, how many entries per stream in one batch, and how
/// long one blocking `XREAD` waits.
struct ProjectorConfiguration: Sendable, Hashable {
    /// Every public stream, in `EventStreamLayout.publicStreams` order.
    var streams: [String]
    /// `XREAD COUNT` when caught up: small batches, low latency.
    var liveBatchSize = 100
    /// `XREAD COUNT` while far behind: large batches through the bulk path.
    var catchUpBatchSize = 2_000
    /// How long one `XREAD` blocks; also the longest a stop waits, and how often an idle
    /// projector checks whether a rebuild replaced the read model.
    var block: Duration = .seconds(1)
    /// Pause after a failed batch before trying again (never a crash loop).
    var retryDelay: Duration = .seconds(1)

    init(layout: EventStreamLayout) {
        self.streams = layout.publicStreams
    }
}
