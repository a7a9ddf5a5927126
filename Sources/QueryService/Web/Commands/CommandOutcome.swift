import Foundation
import Shared

/// The CommandService's refusal of a command, for people: its status, its stable error code and
/// its message (the writer's words, shown on the page or in a WebSocket result).
struct CommandRefusal: Error, Sendable, Equatable {
    let status: Int
    let code: String
    let message: String
    /// The writer's `details` object as compact JSON (keys sorted), nil when it had none; the
    /// gRPC API passes it on (`error-details`).
    var detailsJSON: String? = nil
    /// The writer's `Retry-After`, when it sent one.
    var retryAfter: String? = nil

    /// Reads the shared error shape `{"error":{"code","message"}}`; anything else becomes a
    /// generic message naming the status.
    init(reply: CommandRelay.Reply) {
        struct Body: Decodable {
            struct Inner: Decodable {
                let code: String
                let message: String
            }
            let error: Inner
        }
        status = reply.status
        retryAfter = reply.retryAfter
        if let body = try? JSONDecoder().decode(Body.self, from: Data(reply.body)) {
            code = body.error.code
            message = body.error.message
            detailsJSON = Self.details(reply.body)
        } else {
            code = "unexpected_reply"
            message = "The command service answered with status \(reply.status); please retry."
        }
    }

    private static func details(_ body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let details = (object["error"] as? [String: Any])?["details"] as? [String: Any], !details.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: details, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }
}

/// A relayed command's result: the writer's decoded answer, or its refusal.
enum CommandOutcome<Value: Sendable>: Sendable {
    case accepted(Value)
    case refused(CommandRefusal)
}

extension CommandOutcome where Value: Decodable {
    /// A 2xx reply decoded as `Value`; any other reply is a refusal.
    init(reply: CommandRelay.Reply) {
        guard (200..<300).contains(reply.status) else {
            self = .refused(CommandRefusal(reply: reply))
            return
        }
        do {
            self = .accepted(try JSONDecoder().decode(Value.self, from: Data(reply.body)))
        } catch {
            self = .refused(CommandRefusal(
                status: 502, code: "unexpected_reply", message: "The command service's answer could not be read; please retry."))
        }
    }
}
