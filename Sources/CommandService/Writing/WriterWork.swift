import AuctionDomain
import DequeModule

/// What a `PartitionWriter`'s drain loop remembers between batches; owned by that one loop, so it
/// needs no lock: the leases it holds with their states, the auctions waiting for another
/// writer's lease, and commands to decide again after a refused commit.
struct WriterWork: Sendable {
    var held: [AuctionID: HeldLease] = [:]
    var waiting: [AuctionID: WaitingAuction] = [:]
    /// Commands whose segment was refused, oldest first: they go before any new arrival.
    var retry: Deque<QueuedCommand> = []

    var isIdle: Bool { held.isEmpty && waiting.isEmpty && retry.isEmpty }

    /// The next batch: retried commands, then the commands of waiting auctions whose backoff
    /// ended, then `arrivals`. An arrival for an auction that is still waiting joins that wait
    /// instead, behind the commands that arrived before it.
    mutating func batch(arrivals: [QueuedCommand], now: ContinuousClock.Instant) -> [QueuedCommand] {
        var batch = Array(retry)
        retry.removeAll()
        for (auctionID, waiter) in waiting where !waiter.inFlight && waiter.retryAt <= now {
            batch += waiter.commands
            waiting[auctionID]?.commands.removeAll()
            waiting[auctionID]?.inFlight = true
        }
        for command in arrivals {
            if let waiter = waiting[command.auctionID], !waiter.inFlight {
                waiting[command.auctionID]?.commands.append(command)
            } else {
                batch.append(command)
            }
        }
        return batch
    }

    /// The token this writer uses for `auctionID`'s lease: the one it holds or asked for, or a new one.
    func token(for auctionID: AuctionID) -> LockToken {
        held[auctionID]?.token ?? waiting[auctionID]?.token ?? LockToken.random()
    }

    /// Parks `commands` until `retryAt` (they are the auction's oldest).
    mutating func wait(_ auctionID: AuctionID, token: LockToken, commands: [QueuedCommand], retryAt: ContinuousClock.Instant) {
        let attempts = waiting[auctionID]?.attempts ?? 0
        waiting[auctionID] = WaitingAuction(
            token: token, commands: Deque(commands), retryAt: retryAt, attempts: attempts + 1, inFlight: false)
    }

    /// How many times `auctionID` found the lease taken in a row (0 when it is not waiting).
    func attempts(of auctionID: AuctionID) -> Int { waiting[auctionID]?.attempts ?? 0 }

    /// Leases unused since `idleSince` or earlier.
    func idleLeases(since idleSince: ContinuousClock.Instant) -> [AuctionID] {
        held.compactMap { $0.value.lastUsed <= idleSince ? $0.key : nil }
    }

    /// When the loop must wake up even if nothing arrives: an idle lease to hand back, or a
    /// waiting auction to try again.
    func nextDeadline(idle: Duration) -> ContinuousClock.Instant? {
        let releases = held.values.map { $0.lastUsed + idle }
        let retries = waiting.values.filter { !$0.inFlight }.map(\.retryAt)
        return (releases + retries).min()
    }
}
