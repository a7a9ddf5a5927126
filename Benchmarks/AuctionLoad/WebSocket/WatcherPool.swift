import CWebSockets
import Foundation
import Synchronization

/// Thousands of WebSocket clients on one libwebsockets client context, served by one thread.
///
/// libwebsockets keeps a connection to a few hundred bytes of state and one `poll` slot, so the
/// load tool is not what limits a fan-out measurement. Connects are paced (`maxConnecting`).
/// Other threads talk to the pool only through `counters` and `send(_:to:)`, which wakes the
/// service thread with `lws_cancel_service`.
final class WatcherPool: @unchecked Sendable {
    // @unchecked is safe: `wsis` and `nextToConnect` are touched only on the
    // service thread (inside lws callbacks and `serve`); other threads use the Mutex-protected
    // `outbox` and `context`, the atomics, and the immutable `settings`, `counters` and C strings.
    let settings: WatcherSettings
    let counters: WatcherCounters
    private var wsis: [OpaquePointer?]
    private var nextToConnect = 0
    private let outbox = Mutex<[Int: [String]]>([:])
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Nil once destroyed: the lock keeps `lws_cancel_service` off a destroyed context.
    private let context = Mutex<ContextHandle?>(nil)

    /// The context pointer, carried across threads.
    private struct ContextHandle: @unchecked Sendable {
        // @unchecked is safe: the only cross-thread use is `lws_cancel_service`, which
        // libwebsockets documents as callable from any thread, made under the `context` lock
        // that the service thread takes before destroying the context.
        let pointer: OpaquePointer
    }
    private let strings: [UnsafeMutablePointer<CChar>]
    private let protocols: UnsafeMutablePointer<lws_protocols>
    private let scratch = UnsafeMutableRawPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    init(settings: WatcherSettings) throws {
        self.settings = settings
        counters = WatcherCounters(count: settings.count)
        wsis = Array(repeating: nil, count: settings.count)
        strings = [strdup(settings.host)!, strdup(settings.path)!, strdup("live-auction")!]
        protocols = .allocate(capacity: 2)
        protocols.initialize(repeating: lws_protocols(), count: 2)
        protocols[0].name = UnsafePointer(strings[2])
        protocols[0].callback = watcherCallback
        protocols[0].rx_buffer_size = 64 * 1024
        lws_set_log_level(Int32(LLL_ERR), nil)
        var info = lws_context_creation_info()
        info.port = CONTEXT_PORT_NO_LISTEN
        info.protocols = UnsafePointer(protocols)
        info.user = Unmanaged.passUnretained(self).toOpaque()
        info.options = UInt64(LWS_SERVER_OPTION_DISABLE_IPV6)
        guard let context = lws_create_context(&info) else {
            throw LoadError("cannot create a libwebsockets client context")
        }
        self.context.withLock { $0 = ContextHandle(pointer: context) }
        let thread = Thread { [self] in serve() }
        thread.name = "watchers"
        thread.start()
    }

    deinit {
        protocols.deallocate()
        scratch.deallocate()
        strings.forEach { free($0) }
    }

    /// Queues `text` for watcher `index` (sent when its socket is writable).
    func send(_ text: String, to index: Int) {
        outbox.withLock { $0[index, default: []].append(text) }
        wake()
    }

    /// Closes every connection and ends the service thread; blocks until it has.
    func stop() {
        guard !stopRequested.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wake()
        finished.wait()
    }

    private func wake() {
        context.withLock { context in if let context { lws_cancel_service(context.pointer) } }
    }

    private func serve() {
        guard let context = context.withLock({ $0?.pointer }) else { return }
        while !stopRequested.load(ordering: .acquiring) {
            connectMore(context)
            let writers = outbox.withLock { Array($0.keys) }
            for index in writers { if let wsi = wsis[index] { lws_callback_on_writable(wsi) } }
            lws_service(context, 50)
        }
        self.context.withLock { $0 = nil }
        lws_context_destroy(context)
        finished.signal()
    }

    private func connectMore(_ context: OpaquePointer) {
        let settled = counters.established.load(ordering: .relaxed) + counters.failed.load(ordering: .relaxed)
        while nextToConnect < settings.count && nextToConnect - settled < settings.maxConnecting {
            var info = lws_client_connect_info()
            info.context = context
            info.address = UnsafePointer(strings[0])
            info.port = Int32(settings.port)
            info.path = UnsafePointer(strings[1])
            info.host = UnsafePointer(strings[0])
            // No Origin header: not a browser page (the server's origin policy lets API clients in).
            info.origin = nil
            info.protocol = nil
            info.local_protocol_name = UnsafePointer(strings[2])
            info.opaque_user_data = UnsafeMutableRawPointer(bitPattern: nextToConnect + 1)
            if lws_client_connect_via_info(&info) == nil { counters.failed.add(1, ordering: .relaxed) }
            nextToConnect += 1
        }
    }

    // MARK: Service thread, from `watcherCallback`

    func established(_ index: Int, wsi: OpaquePointer) {
        wsis[index] = wsi
        counters.established.add(1, ordering: .relaxed)
        if let greeting = settings.greeting(index) {
            outbox.withLock { $0[index, default: []].insert(greeting, at: 0) }
            lws_callback_on_writable(wsi)
        }
    }

    func writable(_ index: Int, wsi: OpaquePointer) -> Int32 {
        let (text, more) = outbox.withLock { outbox -> (String?, Bool) in
            guard var queue = outbox[index], !queue.isEmpty else { return (nil, false) }
            let text = queue.removeFirst()
            outbox[index] = queue.isEmpty ? nil : queue
            return (text, !queue.isEmpty)
        }
        guard let text else { return 0 }
        let pre = Int(cws_lws_pre())
        let bytes = Array(text.utf8)
        guard pre + bytes.count <= 64 * 1024 else { return -1 }
        let payload = scratch + pre
        bytes.withUnsafeBytes { payload.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        guard lws_write(wsi, payload.assumingMemoryBound(to: UInt8.self), bytes.count, LWS_WRITE_TEXT) >= bytes.count else { return -1 }
        if more { lws_callback_on_writable(wsi) }
        return 0
    }

    func received(_ index: Int, bytes: Int, final: Bool) {
        counters.bytes.add(bytes, ordering: .relaxed)
        guard final else { return }
        let now = MonotonicClock.nanoseconds()
        counters.frames.add(1, ordering: .relaxed)
        counters.lastFrame.store(now, ordering: .relaxed)
        if settings.recordArrivals { counters.recordArrival(index: index, at: now) }
    }

    func failed(_ index: Int) {
        counters.failed.add(1, ordering: .relaxed)
    }

    func closed(_ index: Int) {
        wsis[index] = nil
        counters.closed.add(1, ordering: .relaxed)
    }
}
