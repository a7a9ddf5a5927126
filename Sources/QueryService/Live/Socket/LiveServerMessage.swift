import Foundation
import Shared

/// A message from the node to a browser or API client on `/live` (see docs/live.md).
enum LiveServerMessage: Sendable {
    /// A topic's new fragment: replace the element with id `id` by `html`. `position` is the
    /// read-model position the fragment reflects; resubscribe with `after` set to it.
    case update(topic: TopicName, position: Int64, html: HTML)
    /// A bad request on this connection, or a topic that could not be served (`topic`); the
    /// connection stays open.
    case error(code: String, message: String, requestID: String? = nil, topic: TopicName? = nil)
    /// The outcome of a bid placed with `requestID`.
    case result(LiveBidResult)
    /// The answer to a client's ping.
    case pong
    /// The client's positions are not this node's (another node, or a rebuilt read model): forget
    /// them, use `epoch` from now on, and (when `resubscribe`) subscribe again from position 0.
    case resync(epoch: String, resubscribe: Bool)

    /// The JSON text, serialized once; the frame is then shared by every connection it goes to.
    func frame() -> WebSocketFrame { WebSocketFrame(text: json()) }

    func json() -> String {
        switch self {
        case .update(let topic, let position, let html):
            Self.encode(Update(topic: topic.description, position: position, id: topic.domID, html: html.rendered))
        case .error(let code, let message, let requestID, let topic):
            Self.encode(ErrorBody(code: code, message: message, requestID: requestID, topic: topic?.description))
        case .result(let result):
            Self.encode(result)
        case .pong:
            #"{"type":"pong"}"#
        case .resync(let epoch, let resubscribe):
            Self.encode(Resync(epoch: epoch, resubscribe: resubscribe))
        }
    }

    private struct Update: Encodable {
        var type = "update"
        let topic: String
        let position: Int64
        let id: String
        let html: String
    }

    private struct Resync: Encodable {
        var type = "resync"
        let epoch: String
        let resubscribe: Bool
    }

    private struct ErrorBody: Encodable {
        var type = "error"
        let code: String
        let message: String
        let requestID: String?
        let topic: String?
    }

    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs of strings and integers cannot fail.
        guard let data = try? encoder.encode(value) else { return #"{"type":"error","code":"internal","message":"encoding failed"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
