import Shared
import Synchronization

/// One message the hub sends, built once per node and shared by every subscriber it goes to.
///
/// The WebSocket frame (JSON) is serialized when the message is built, since pages and `/live`
/// need it for nearly every change. Other feeds (gRPC) need other bytes: the first subscriber
/// of that kind encodes them through ``encoded(by:)`` and every later one reuses them, so a
/// change costs one encoding per format however many streams receive it.
final class LiveOutbound: Sendable {
    let message: LiveServerMessage
    /// For an update, the view model its HTML was rendered from (the JSON frame carries only the HTML).
    let data: LiveTopicData?
    let frame: WebSocketFrame
    /// The one alternate encoding, once made. Each format has its own encoder type, and a
    /// message only ever goes out in one alternate format, so one slot suffices.
    private let alternate = Mutex<[UInt8]?>(nil)

    init(_ message: LiveServerMessage, data: LiveTopicData? = nil) {
        self.message = message
        self.data = data
        self.frame = message.frame()
    }

    /// The message's bytes in another format, encoded on first use (under the lock, so two
    /// first users cannot both encode) and shared after.
    func encoded(by encode: (LiveOutbound) -> [UInt8]) -> [UInt8] {
        alternate.withLock { cached in
            if let cached { return cached }
            let bytes = encode(self)
            cached = bytes
            return bytes
        }
    }
}
