/// How long a writer holds an auction's lease, how long a command waits for one, and when a
/// lease is handed back.
///
/// The lease bounds how long a crashed or paused holder blocks the auction; it is not what keeps
/// the log correct (the commit script's version check is). Waiting uses jittered exponential
/// backoff so that many waiting commands do not retry in lockstep.
struct LockPolicy: Sendable, Hashable {
    /// `PX` of the lock: a holder paused longer than this loses it.
    var leaseMilliseconds: Int64 = 5_000
    /// How long a command waits for a busy lock before answering 503.
    var waitMilliseconds: Int64 = 3_000
    /// First and largest pause between attempts.
    var initialBackoffMilliseconds: Int64 = 2
    var maximumBackoffMilliseconds: Int64 = 50
    /// How long a writer keeps an auction's lease without commands before handing it back
    /// (capped at a quarter of the lease, so an idle lease never comes near expiring).
    var idleReleaseMilliseconds: Int64 = 200
    /// How long a writer's request for a busy lease (the hand-off marker) lasts unless renewed:
    /// the holder hands the lease to that writer, and nobody else may take it meanwhile. Long
    /// against the backoff (at most 50 ms), so a waiter on a loaded machine keeps its turn.
    var handoffMilliseconds: Int64 = 1_000
    /// How often a command starts over after a refused commit (lost lease or moved version).
    var maximumCommitAttempts = 5

    /// The pause before attempt `attempt` (0-based): exponential, capped, with full jitter, and
    /// never longer than the holder's remaining lease.
    func backoff(attempt: Int, remainingLeaseMilliseconds: Int64) -> Int64 {
        let exponential = initialBackoffMilliseconds << Int64(min(attempt, 10))
        let cap = max(1, min(exponential, maximumBackoffMilliseconds, max(remainingLeaseMilliseconds, 1)))
        return Int64.random(in: (cap / 2 + 1)...max(cap, cap / 2 + 1))
    }
}
