import AuctionDomain
import Logging
import Shared

/// Closes auctions at their end. Every CommandService instance runs one: it polls the closing
/// schedules (`auction:{pN}:closing`, scored by end time) against Redis `TIME`, and sends each
/// due auction the `close` command through the normal locked path.
///
/// Exactly once with several instances: the close command's id is `close:<id>:<endsAt>`, the
/// same in every instance, so the second closer finds the first one's idempotency record (or,
/// after a restart, a closed auction); the lock and the version check do the rest. An auction
/// whose end moved (soft close) is rescheduled by the same commit that moved it.
final class AuctionCloser: Sendable {
    private let executor: AuctionCommandExecutor
    private let pollInterval: Duration
    private let batchSize: Int
    private let logger: Logger

    init(executor: AuctionCommandExecutor, pollInterval: Duration = .milliseconds(200), batchSize: Int = 100,
         logger: Logger = Logger(label: "auction-closer")) {
        self.executor = executor
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.logger = logger
    }

    /// Polls until the task is cancelled; a failed poll is logged and retried on the next tick.
    func run() async {
        while !Task.isCancelled {
            do {
                _ = try await closeDue()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("closing poll failed", metadata: ["error": "\(error)"])
            }
            // Only cancellation can end the sleep early, and the loop condition handles that.
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// One poll: closes every auction due at Redis `TIME`; returns the ids this call closed.
    func closeDue() async throws -> [AuctionID] {
        let store = executor.store
        let now = try await store.redis.time().milliseconds
        let commands = (0..<store.layout.partitionCount).map { partition -> [RedisArgument] in
            ["ZRANGEBYSCORE", RedisArgument(AuctionKeys.closing(partition: partition, layout: store.layout)), "-inf",
             RedisArgument(now), "WITHSCORES", "LIMIT", 0, RedisArgument(batchSize)]
        }
        var closed: [AuctionID] = []
        for reply in try await store.redis.pipeline(commands) {
            let flat = reply.array ?? []
            for index in stride(from: 0, to: flat.count - 1, by: 2) {
                guard let id = flat[index].string, let endsAt = flat[index + 1].string.flatMap({ Int64($0) }) else { continue }
                if try await close(AuctionID(id), endsAt: endsAt) { closed.append(AuctionID(id)) }
            }
        }
        return closed
    }

    /// Sends the close command; true when this call appended `auctionClosed`.
    private func close(_ auctionID: AuctionID, endsAt: EpochMilliseconds) async throws -> Bool {
        let commandID = CommandIdentity.close(auctionID: auctionID, endsAt: endsAt)
        let request = CommandRequest(auctionID: auctionID, commandID: commandID, command: .close, fingerprint: "close")
        do {
            let execution = try await executor.execute(request, record: ReplyBuilder.builder(fingerprint: "close", layout: executor.store.layout))
            guard case .decided(_, _, let events, _) = execution, !events.isEmpty else { return false }
            logger.info("auction closed", metadata: ["auction": "\(auctionID)", "command": "\(commandID)"])
            return true
        } catch let error as CommandUnavailable {
            // Busy (a bid, or another closer): the next poll tries again.
            logger.debug("close deferred", metadata: ["auction": "\(auctionID)", "reason": "\(error)"])
            return false
        }
    }
}
