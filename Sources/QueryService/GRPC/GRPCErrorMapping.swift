import GRPCCore
import Shared

/// Turns the REST error shape into gRPC statuses, so both APIs refuse the same input in the same
/// words (docs/grpc.md): the status code from the HTTP status, the REST `code` in the
/// `error-code` trailing metadata, its details as a JSON object in `error-details`, and
/// `retry-after` (seconds) when the REST answer had `Retry-After`.
enum GRPCErrorMapping {
    static func code(forHTTPStatus status: Int) -> RPCError.Code {
        switch status {
        case 400, 413, 422: .invalidArgument
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .notFound
        case 409: .failedPrecondition
        case 429: .resourceExhausted
        case 502, 503, 504: .unavailable
        default: .internalError
        }
    }

    static func error(_ api: APIError, retryAfter: String? = nil) -> RPCError {
        error(status: api.status, code: api.code, message: api.message, detailsJSON: api.detailsJSON, retryAfter: retryAfter)
    }

    static func error(status: Int, code: String, message: String, detailsJSON: String?, retryAfter: String?) -> RPCError {
        var metadata: Metadata = [:]
        metadata.addString(code, forKey: "error-code")
        if let detailsJSON, detailsJSON != "{}" { metadata.addString(detailsJSON, forKey: "error-details") }
        if let retryAfter { metadata.addString(retryAfter, forKey: "retry-after") }
        return RPCError(code: Self.code(forHTTPStatus: status), message: message, metadata: metadata)
    }

    /// The read model could not be read: the same answer as REST's 503.
    static let readModelUnavailable = error(
        APIError(status: 503, code: "read_model_unavailable", message: "The auctions cannot be read right now; please retry."),
        retryAfter: "1")

    /// Runs a read; an ``APIError`` becomes its status, any other failure the read model being
    /// unavailable (without internals), as REST answers.
    static func read<Value>(_ body: () async throws -> Value) async throws(RPCError) -> Value {
        do {
            return try await body()
        } catch let error as APIError {
            throw Self.error(error)
        } catch let error as RPCError {
            throw error
        } catch {
            throw readModelUnavailable
        }
    }
}
