import AuctionDomain
import Foundation
import Shared

extension CommandRoutes {
    /// The body of `POST /v1/users`.
    struct RegisteredReply: Encodable {
        let userID: UserID
        let displayName: String
        let entryID: String
        let event: PublicEventEnvelope
    }

    /// The body of `POST /v1/sessions`.
    struct SessionReply: Encodable {
        let token: String
        let userID: UserID
        /// Unix seconds.
        let expiresAt: Int64
    }

    /// `POST /v1/users {displayName, password}` -> 201, 409 when the name is taken.
    func register(_ request: HTTPRequest) async -> HTTPResponse {
        let body: CredentialsBody
        switch JSONRequestDecoder.decode(CredentialsBody.self, from: request) {
        case .failure(let error): return error.response
        case .success(let decoded): body = decoded
        }
        do {
            switch try await users.register(displayName: body.displayName, password: body.password) {
            case .failure(let error): return error.apiError.response
            case .success(let user):
                let reply = RegisteredReply(userID: user.userID, displayName: user.displayName, entryID: user.entryID, event: user.event)
                return .json(try JSONBody.encode(reply), status: 201)
            }
        } catch {
            return CommandResponder.failure(error, logger: logger)
        }
    }

    /// `POST /v1/sessions {displayName, password}` -> 201 `{token, userID, expiresAt}`, 401, or
    /// 429 with `Retry-After` while the account or the client address is over its failure limit
    /// (checked before the password is hashed, so refused guesses cost no hashing).
    func logIn(_ request: HTTPRequest) async -> HTTPResponse {
        let body: CredentialsBody
        switch JSONRequestDecoder.decode(CredentialsBody.self, from: request) {
        case .failure(let error): return error.response
        case .success(let decoded): body = decoded
        }
        let address = clientAddresses.address(of: request)
        do {
            if case .refused(let seconds) = try await loginThrottle.admit(displayName: body.displayName, address: address) {
                return Self.tooManyAttempts(retryAfter: seconds)
            }
            guard let userID = try await users.authenticate(displayName: body.displayName, password: body.password) else {
                return APIError(status: 401, code: "invalid_credentials", message: "The display name or password is wrong.").response
            }
            try await loginThrottle.succeeded(displayName: body.displayName, address: address)
            let expiresAt = Int64(Date().timeIntervalSince1970) + sessionLifetimeSeconds
            let token = authenticator.signer.issue(userID: userID.rawValue, expiresAt: expiresAt)
            return .json(try JSONBody.encode(SessionReply(token: token, userID: userID, expiresAt: expiresAt)), status: 201)
        } catch {
            return CommandResponder.failure(error, logger: logger)
        }
    }

    /// 429: the same shape as every error, with the wait in `Retry-After` and in `details`.
    static func tooManyAttempts(retryAfter seconds: Int64) -> HTTPResponse {
        APIError(
            status: 429, code: "too_many_attempts",
            message: "Too many failed log-ins for this account or from this address; try again in \(seconds) seconds.",
            details: ["retryAfterSeconds": .int(seconds)]
        ).response.with(header: "Retry-After", "\(seconds)")
    }
}
