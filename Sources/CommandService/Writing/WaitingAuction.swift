import DequeModule

/// An auction whose lease another writer holds: its commands wait here, in arrival order, and are
/// tried again after a jittered backoff (new arrivals for it queue behind them, so the order of
/// decisions stays the order of arrival).
struct WaitingAuction: Sendable {
    /// The token this writer asked the holder to hand the lease to (the hand-off marker).
    let token: LockToken
    var commands: Deque<QueuedCommand>
    var retryAt: ContinuousClock.Instant
    var attempts: Int
    /// Its commands were taken into the batch being run; the batch either parks them again or
    /// removes this entry. Arrivals meanwhile go into the batch behind them.
    var inFlight: Bool
}
