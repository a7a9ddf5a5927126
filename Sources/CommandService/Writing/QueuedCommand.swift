import AuctionDomain

/// A command waiting in a `PartitionWriter` to be decided, with the continuation its HTTP handler
/// (or the closer) awaits.
struct QueuedCommand: Sendable {
    let request: CommandRequest
    let record: AuctionCommandExecutor.RecordBuilder
    /// When the writer received it: every batch that decides it reads Redis `TIME` after this instant.
    let arrived: ContinuousClock.Instant
    /// Since when it waits for a lease another writer holds (nil: not waiting); the wait for a
    /// lease (`LOCK_WAIT_MS`) counts from here, so time spent in a refused attempt is not counted.
    var waitingSince: ContinuousClock.Instant?
    /// How many group commits refused this command's segment (lease lost or version moved).
    var refusedCommits = 0
    let reply: CheckedContinuation<CommandExecution, any Error>

    var auctionID: AuctionID { request.auctionID }

    func finish(_ execution: CommandExecution) { reply.resume(returning: execution) }
    func fail(_ error: any Error) { reply.resume(throwing: error) }
}
