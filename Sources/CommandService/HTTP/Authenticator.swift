import AuctionDomain
import Foundation
import Shared

/// Reads `Authorization: Bearer <token>` and verifies it with the shared secret. The actor of
/// every command comes from here, never from the body.
///
/// Token expiry is checked against this host's clock: it is a session matter, not an auction
/// rule (those use Redis `TIME` only), and it saves a round trip per command.
struct Authenticator: Sendable {
    let signer: SessionTokenSigner
    /// Tokens already verified (see `VerifiedTokenCache`).
    let verified = VerifiedTokenCache()

    func user(of request: HTTPRequest) -> Result<UserID, APIError> {
        guard let header = request.header("authorization") else {
            return .failure(Self.unauthorized("This command needs \"Authorization: Bearer <token>\"; log in with POST /v1/sessions."))
        }
        let prefix = "bearer "
        guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else {
            return .failure(Self.unauthorized("The Authorization header must be \"Bearer <token>\"."))
        }
        let token = String(header.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        let now = Int64(Date().timeIntervalSince1970)
        if let known = verified.user(of: token, now: now) { return .success(UserID(known)) }
        do {
            let user = try signer.verify(token, now: now)
            if let expiry = SessionTokenSigner.expiry(of: token) { verified.remember(token, userID: user, expiry: expiry) }
            return .success(UserID(user))
        } catch {
            return .failure(Self.unauthorized(error.description))
        }
    }

    private static func unauthorized(_ message: String) -> APIError {
        APIError(status: 401, code: "unauthenticated", message: message)
    }
}
