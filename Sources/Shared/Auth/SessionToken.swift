import Crypto
import Foundation

/// Signed, expiring bearer tokens: `v1.<user id>.<expiry>.<signature>`, where the signature is
/// HMAC-SHA256 over the first three parts with a secret every service shares. Any node can verify
/// a token without a database round trip; nothing in it is secret, only unforgeable.
package struct SessionTokenSigner: Sendable {
    // SymmetricKey is not Sendable in swift-crypto 3, so the signer keeps the bytes and makes the key per use.
    private let secret: [UInt8]

    /// - Parameter secret: at least 16 bytes, from configuration (`SESSION_SECRET`, shared by every service).
    package init(secret: String) throws {
        guard secret.utf8.count >= 16 else { throw SessionTokenError.weakSecret }
        self.secret = Array(secret.utf8)
    }

    /// A token for `userID` valid until `expiresAt` (Unix seconds).
    package func issue(userID: String, expiresAt: Int64) -> String {
        let payload = "v1.\(Self.encode(userID)).\(expiresAt)"
        return "\(payload).\(signature(payload))"
    }

    /// The user id in `token` if it is well formed, correctly signed and not expired at `now` (Unix seconds).
    package func verify(_ token: String, now: Int64) throws(SessionTokenError) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 512, parts.count == 4, parts[0] == "v1", let expiry = Int64(parts[2]),
              let userID = Self.decode(String(parts[1])), !userID.isEmpty else { throw .malformed }
        let payload = parts[0...2].joined(separator: ".")
        guard ConstantTime.equal(Array(signature(payload).utf8), Array(parts[3].utf8)) else { throw .badSignature }
        guard expiry > now else { throw .expired }
        return userID
    }

    /// The expiry (epoch seconds) a well-formed token names; meaningful only after `verify`.
    package static func expiry(of token: String) -> Int64? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        return Int64(parts[2])
    }

    private func signature(_ payload: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(payload.utf8), using: SymmetricKey(data: secret))
        return Self.base64URL(Array(mac))
    }

    private static func encode(_ text: String) -> String { Base64URL.encode(text.utf8) }

    private static func decode(_ text: String) -> String? {
        Base64URL.decode(text).flatMap { String(validating: $0, as: UTF8.self) }
    }

    private static func base64URL(_ data: some Collection<UInt8>) -> String { Base64URL.encode(data) }
}

/// Why a token was refused. Callers answer 401 for all of them.
package enum SessionTokenError: Error, Equatable, CustomStringConvertible {
    case malformed, badSignature, expired, weakSecret

    package var description: String {
        switch self {
        case .malformed: "The token is malformed."
        case .badSignature: "The token's signature is invalid."
        case .expired: "The token has expired."
        case .weakSecret: "The token secret must be at least 16 bytes."
        }
    }
}
