import Shared

/// A refusal in the shape of `APIError`, but `Codable`, so that it can be kept in an idempotency
/// record and replayed to a retry.
struct RecordedError: Error, Codable, Sendable, Equatable {
    /// One value of `details`.
    enum Detail: Codable, Sendable, Equatable {
        case string(String), int(Int64), bool(Bool)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int64.self) {
                self = .int(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .int(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            }
        }

        var scalar: JSONScalar {
            switch self {
            case .string(let value): .string(value)
            case .int(let value): .int(value)
            case .bool(let value): .bool(value)
            }
        }
    }

    var status: Int
    var code: String
    var message: String
    var details: [String: Detail]

    init(status: Int, code: String, message: String, details: [String: Detail] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    var apiError: APIError {
        APIError(status: status, code: code, message: message, details: details.mapValues(\.scalar))
    }
}
