import CWebSockets
import DequeModule
import Synchronization

/// The only state shared between the libwebsockets service thread and every other thread.
///
/// Other threads deposit HTTP responses, WebSocket frames and close requests here and wake the
/// service thread with `lws_cancel_service`; the service thread takes them out and writes them
/// when each socket is writable. Each WebSocket's queue is bounded.
final class ServerMailbox: Sendable {
    private struct QueuedFrame {
        var frame: WebSocketFrame
        var key: String?
    }

    private struct Outbox {
        var frames: Deque<QueuedFrame> = []
        var close: (code: UInt16, reason: String)?
    }

    private struct State {
        var responses: [(requestID: UInt64, response: HTTPResponse)] = []
        var outboxes: [UInt64: Outbox] = [:]
        /// Connections that need `lws_callback_on_writable`.
        var writable: [UInt64] = []
        var stopRequested = false
        /// True between a wake-up and the service thread draining: further wake-ups are redundant.
        var wakePending = false

        mutating func markWritable(_ id: UInt64) -> Bool {
            writable.append(id)
            defer { wakePending = true }
            return !wakePending
        }
    }

    /// What the service thread writes next on a WebSocket.
    enum NextWrite {
        case frame(WebSocketFrame, more: Bool)
        case close(code: UInt16, reason: String)
        case nothing
    }

    private let state = Mutex(State())
    /// The context to wake. Nil before start and after destroy; guarded so that
    /// `lws_cancel_service` never runs on a destroyed context.
    private let context = Mutex<ContextHandle?>(nil)
    let maxQueuedFrames: Int
    private let metrics: ServiceMetrics

    init(maxQueuedFrames: Int, metrics: ServiceMetrics) {
        self.maxQueuedFrames = maxQueuedFrames
        self.metrics = metrics
    }

    func attach(_ context: OpaquePointer?) {
        let handle = context.map(ContextHandle.init)
        self.context.withLock { $0 = handle }
    }

    /// Wakes the service thread. `lws_cancel_service` only writes to a pipe, so holding the lock
    /// around it is short; the lock is what keeps the context alive during the call.
    private func wake() {
        context.withLock { context in if let context { lws_cancel_service(context.pointer) } }
    }

    // MARK: Any thread

    func respond(to requestID: UInt64, with response: HTTPResponse) {
        let wake = state.withLock { state in
            state.responses.append((requestID, response))
            defer { state.wakePending = true }
            return !state.wakePending
        }
        if wake { self.wake() }
    }

    func send(_ frame: WebSocketFrame, to id: UInt64, conflationKey: String?) -> WebSocketSendResult {
        // `discarded` counts frames that will never be written, recorded once the lock is released.
        let (result, wake, discarded) = state.withLock { state -> (WebSocketSendResult, Bool, Int) in
            guard var outbox = state.outboxes[id], outbox.close == nil else { return (.closed, false, 1) }
            defer { state.outboxes[id] = outbox }
            if let key = conflationKey, let index = outbox.frames.firstIndex(where: { $0.key == key }) {
                outbox.frames[index].frame = frame
                return (.conflated, false, 1)
            }
            guard outbox.frames.count < maxQueuedFrames else {
                let discarded = outbox.frames.count + 1
                outbox.frames.removeAll()
                outbox.close = (WebSocketCloseCode.tryAgainLater.rawValue, "slow consumer")
                return (.overflowed, state.markWritable(id), discarded)
            }
            outbox.frames.append(QueuedFrame(frame: frame, key: conflationKey))
            // A queue that already had frames already has a writable request outstanding.
            return (.queued, outbox.frames.count == 1 ? state.markWritable(id) : false, 0)
        }
        if wake { self.wake() }
        switch result {
        case .conflated: metrics.framesDropped(discarded, reason: .conflated)
        case .overflowed: metrics.framesDropped(discarded, reason: .overflow)
        case .closed: metrics.framesDropped(discarded, reason: .closed)
        case .queued: break
        }
        return result
    }

    func close(_ id: UInt64, code: UInt16, reason: String) {
        let wake = state.withLock { state -> Bool in
            guard var outbox = state.outboxes[id], outbox.close == nil else { return false }
            outbox.close = (code, reason)
            state.outboxes[id] = outbox
            return state.markWritable(id)
        }
        if wake { self.wake() }
    }

    func requestStop() {
        let wake = state.withLock { state in
            state.stopRequested = true
            defer { state.wakePending = true }
            return !state.wakePending
        }
        if wake { self.wake() }
    }

    // MARK: Service thread

    func register(_ id: UInt64) { state.withLock { $0.outboxes[id] = Outbox() } }

    /// Forgets a closed connection; frames still queued for it are counted as dropped.
    func unregister(_ id: UInt64) {
        let unsent = state.withLock { $0.outboxes.removeValue(forKey: id)?.frames.count ?? 0 }
        metrics.framesDropped(unsent, reason: .closed)
    }

    /// Counts a frame taken from the queue whose write failed (the connection is closing).
    func writeFailed() { metrics.framesDropped(1, reason: .closed) }

    /// Takes everything deposited since the last drain.
    func drain() -> (responses: [(requestID: UInt64, response: HTTPResponse)], writable: [UInt64], stop: Bool) {
        state.withLock { state in
            defer {
                state.responses.removeAll(keepingCapacity: true)
                state.writable.removeAll(keepingCapacity: true)
                state.wakePending = false
            }
            return (state.responses, state.writable, state.stopRequested)
        }
    }

    /// Pops the next thing to write on WebSocket `id`. A close wins once the queue is empty.
    func next(for id: UInt64) -> NextWrite {
        state.withLock { state in
            guard var outbox = state.outboxes[id] else { return .nothing }
            defer { state.outboxes[id] = outbox }
            if let queued = outbox.frames.popFirst() {
                return .frame(queued.frame, more: !outbox.frames.isEmpty || outbox.close != nil)
            }
            if let close = outbox.close { return .close(code: close.code, reason: close.reason) }
            return .nothing
        }
    }
}

/// An `lws_context*` that may cross threads for one purpose: `lws_cancel_service`, which
/// libwebsockets documents as callable from any thread while the context exists.
private struct ContextHandle: @unchecked Sendable {
    // @unchecked is safe: the pointer is only passed to lws_cancel_service, under the mailbox's
    // lock, and the lock is cleared before the context is destroyed.
    let pointer: OpaquePointer
}
