import Logging
import Shared

/// Turns a command's execution, or its failure, into the HTTP answer.
enum CommandResponder {
    /// The recorded answer; a replay is marked with `Idempotent-Replayed: true`, and a key reused
    /// for a different request is refused with 422 instead of answering for the other request.
    static func response(_ execution: CommandExecution, fingerprint: String) -> HTTPResponse {
        let record = execution.record
        if case .replayed = execution, record.fingerprint != fingerprint {
            return APIError(
                status: 422, code: "idempotency_key_reused",
                message: "This Idempotency-Key was already used for a different request.").response
        }
        var response = body(record, entryIDs: execution.entryIDs)
        if case .replayed = execution { response = response.with(header: "Idempotent-Replayed", "true") }
        return response
    }

    static func body(_ record: CommandRecord, entryIDs: [String]) -> HTTPResponse {
        if let accepted = record.accepted, let bytes = try? JSONBody.encode(accepted.positioned(entryIDs)) {
            return .json(bytes, status: record.status)
        }
        return (record.error?.apiError ?? APIError.internalError).response
    }

    /// 503 with `Retry-After` for a busy auction or an unreachable Redis; 500 for anything else.
    static func failure(_ error: any Error, logger: Logger) -> HTTPResponse {
        switch error {
        case CommandUnavailable.lockBusy:
            return unavailable("auction_busy", "The auction is busy; please retry.")
        case CommandUnavailable.shuttingDown:
            return unavailable("service_stopping", "This service is stopping; please retry.")
        case CommandUnavailable.tooManyConflicts:
            return unavailable("auction_contended", "The auction changed too often to apply the command; please retry.")
        case let error as RedisError:
            logger.warning("redis failed", metadata: ["error": "\(error.logDescription)"])
            return unavailable("storage_unavailable", "The auction store cannot be reached; please retry.")
        default:
            logger.error("command failed", metadata: ["error": "\(error)"])
            return APIError.internalError.response
        }
    }

    private static func unavailable(_ code: String, _ message: String) -> HTTPResponse {
        APIError(status: 503, code: code, message: message).response.with(header: "Retry-After", "1")
    }
}
