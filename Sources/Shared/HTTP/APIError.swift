import AuctionDomain
import Foundation

/// The one JSON error shape of every API: `{"error": {"code", "message", "details"}}`.
///
/// `code` is a stable machine-readable word; `message` is for people and never contains SQL,
/// stack traces or server internals; `details` carries structured context such as a minimum bid.
package struct APIError: Error, Sendable, Equatable {
    package var status: Int
    package var code: String
    package var message: String
    package var details: [String: JSONScalar]

    package init(status: Int, code: String, message: String, details: [String: JSONScalar] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    package var response: HTTPResponse {
        // Written by hand, keys sorted: every refused bid answers with one, and `JSONEncoder`
        // was 9 % of such a bid's CPU (docs/performance.md).
        var writer = JSONWriter(capacity: 96 + message.utf8.count)
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.key("code"); writer.string(code)
        writer.key("details")
        writeDetails(into: &writer)
        writer.key("message"); writer.string(message)
        writer.endObject()
        writer.endObject()
        return .json(writer.bytes, status: status)
    }

    /// The `details` object alone, compact, keys sorted: `{}` when there are none.
    package var detailsJSON: String {
        var writer = JSONWriter(capacity: 64)
        writeDetails(into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func writeDetails(into writer: inout JSONWriter) {
        writer.beginObject()
        for (name, value) in details.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            writer.key(name)
            switch value {
            case .string(let text): writer.string(text)
            case .int(let number): writer.integer(number)
            case .bool(let flag): writer.bool(flag)
            }
        }
        writer.endObject()
    }

    package static func notFound(_ message: String = "No such resource.") -> APIError {
        APIError(status: 404, code: "not_found", message: message)
    }

    package static func methodNotAllowed(allowed: [HTTPMethod]) -> APIError {
        APIError(status: 405, code: "method_not_allowed", message: "Method not allowed here.",
                 details: ["allowed": .string(allowed.map(\.rawValue).sorted().joined(separator: ", "))])
    }

    package static func payloadTooLarge(limit: Int) -> APIError {
        APIError(status: 413, code: "payload_too_large", message: "The request body is larger than \(limit) bytes.",
                 details: ["limit": .int(Int64(limit))])
    }

    package static let internalError = APIError(status: 500, code: "internal", message: "Something went wrong on our side.")
}

/// A scalar JSON value for error details.
package enum JSONScalar: Sendable, Equatable, Encodable {
    case string(String), int(Int64), bool(Bool)

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}
