/// Why a WebSocket frame was never written: the `reason` label of `websocket_frames_dropped_total`.
package enum FrameDropReason: String, Sendable, CaseIterable {
    /// A newer frame with the same conflation key replaced it in the queue: a slow reader of a
    /// state topic skipped a state it no longer needed. Expected under load, not an error.
    case conflated
    /// The connection's queue was full: the queued frames and this one were discarded and the
    /// connection is being closed with 1013 (slow consumer).
    case overflow
    /// The connection was already closing or gone.
    case closed
}
