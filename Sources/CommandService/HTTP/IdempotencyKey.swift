import Foundation
import Shared

/// The `Idempotency-Key` header: 1 to 200 visible ASCII characters. A command without one gets a
/// random key (it is then not retryable), except where the route requires one.
enum IdempotencyKey {
    static func read(_ request: HTTPRequest, required: Bool) -> Result<String, APIError> {
        guard let key = request.header("idempotency-key") else {
            guard !required else {
                return .failure(APIError(
                    status: 400, code: "missing_idempotency_key",
                    message: "This command needs an Idempotency-Key header, so that a retry cannot create a second auction."))
            }
            return .success(UUID().uuidString)
        }
        guard (1...200).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            return .failure(APIError(
                status: 400, code: "invalid_idempotency_key",
                message: "The Idempotency-Key header must be 1 to 200 visible ASCII characters."))
        }
        return .success(key)
    }
}
