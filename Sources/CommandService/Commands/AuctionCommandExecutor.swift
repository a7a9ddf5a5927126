import AuctionDomain
import Logging
import Shared

/// Runs auction commands under the per-auction lock: take the lock and read the snapshot and the
/// clock (one round trip), decide with `Auction.decide`, then commit conditionally (one round
/// trip). A refused commit starts the command over, a busy lock is waited for with backoff; both
/// are bounded, after which the command is `CommandUnavailable` and nothing was written.
final class AuctionCommandExecutor: Sendable {
    /// Makes the stored answer of a decision: `(state before, decision, state after)`.
    typealias RecordBuilder = @Sendable (AuctionState?, Result<[DomainEvent], AuctionRuleViolation>, AuctionState?) -> CommandRecord

    let store: AuctionStore
    let policy: LockPolicy
    let recordTTLSeconds: Int
    /// Fault injection for the fencing tests only: a pause between deciding and the first commit
    /// attempt of each command, during which the test stops the process. Zero in production.
    let pauseBeforeCommit: Duration
    private let metrics: ServiceMetrics
    private let logger: Logger

    init(
        store: AuctionStore, policy: LockPolicy, recordTTLSeconds: Int = 86_400, pauseBeforeCommit: Duration = .zero,
        metrics: ServiceMetrics = .process, logger: Logger = Logger(label: "command-executor")
    ) {
        self.store = store
        self.policy = policy
        self.recordTTLSeconds = recordTTLSeconds
        self.pauseBeforeCommit = pauseBeforeCommit
        self.metrics = metrics
        self.logger = logger
    }

    func execute(_ request: CommandRequest, record: RecordBuilder) async throws -> CommandExecution {
        let keys = store.keys(of: request.auctionID)
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started + .milliseconds(policy.waitMilliseconds)
        var busyAttempts = 0
        var refusedCommits = 0
        while true {
            let token = LockToken.random()
            switch try await store.begin(keys, commandID: request.commandID, token: token, leaseMilliseconds: policy.leaseMilliseconds) {
            case .recorded(let stored, let entryIDs):
                return .replayed(stored, entryIDs: entryIDs)
            case .locked(let remaining):
                guard clock.now < deadline else {
                    metrics.lockWaited(clock.now - started)
                    throw CommandUnavailable.lockBusy
                }
                try await Task.sleep(for: .milliseconds(policy.backoff(attempt: busyAttempts, remainingLeaseMilliseconds: remaining)))
                busyAttempts += 1
            case .acquired(let state, let now):
                metrics.lockWaited(clock.now - started)
                let commit: PendingCommit
                do {
                    commit = try decide(request, keys: keys, token: token, state: state, now: now, record: record)
                    if pauseBeforeCommit > .zero, refusedCommits == 0 { try await Task.sleep(for: pauseBeforeCommit) }
                } catch {
                    await releaseAfterFailure(keys, token: token, request: request)
                    throw error
                }
                let appendStarted = clock.now
                let reply = try await store.commit(commit)
                switch reply {
                case .committed(let entryIDs):
                    metrics.appendCompleted(duration: clock.now - appendStarted, events: commit.events.count)
                    return .decided(commit.outcome, entryIDs: entryIDs,
                                    events: commit.events, state: commit.state)
                case .conflict(let current), .lockLost(let current):
                    metrics.appendCompleted(duration: clock.now - appendStarted, events: 0)
                    refusedCommits += 1
                    logger.warning("commit refused; starting the command over", metadata: [
                        "auction": "\(request.auctionID)", "command": "\(request.commandID)", "reply": "\(reply)",
                        "expectedVersion": "\(commit.expectedVersion)", "currentVersion": "\(current)",
                    ])
                    guard refusedCommits < policy.maximumCommitAttempts else { throw CommandUnavailable.tooManyConflicts }
                }
            }
        }
    }

    /// Decides against the snapshot and prepares the commit. Outcomes are stored for retries,
    /// except "no such auction", which writes nothing at all.
    private func decide(
        _ request: CommandRequest, keys: AuctionKeys, token: LockToken, state: AuctionState?, now: EpochMilliseconds,
        record: RecordBuilder
    ) throws -> PendingCommit {
        let decision = Auction.decide(state, request.command, commandID: request.commandID, now: now)
        let events = (try? decision.get()) ?? []
        var after = state
        for event in events { after = try Auction.apply(after, event) }
        let outcome = record(state, decision, after)
        let keep: Bool
        if case .failure(.auctionNotFound) = decision { keep = false } else { keep = true }
        return PendingCommit(
            keys: keys, commandID: request.commandID, token: token, expectedVersion: state?.version ?? 0, events: events,
            state: after, record: keep ? outcome : nil, recordTTLSeconds: recordTTLSeconds, outcome: outcome
        )
    }

    /// Frees the lock early when a command fails before committing. Best effort: if Redis cannot
    /// be reached the lease frees it anyway, so the failure is only logged.
    private func releaseAfterFailure(_ keys: AuctionKeys, token: LockToken, request: CommandRequest) async {
        do {
            try await store.release(keys, token: token)
        } catch {
            logger.warning("could not release the lock", metadata: ["auction": "\(request.auctionID)", "error": "\(error)"])
        }
    }
}
