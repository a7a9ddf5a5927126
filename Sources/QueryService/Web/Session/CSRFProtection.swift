import Shared

/// CSRF tokens bound to the browser: the token is an HMAC-SHA256 of the browser's random id
/// (its `auction_browser` cookie) under the secret both services share, so only a page this
/// site rendered for that browser can carry a valid one. A cross-site form cannot read the
/// token, and the cookie is `SameSite=Lax` besides.
///
/// The MAC is `SessionTokenSigner`'s, over a payload no session token can have (a `csrf:`
/// subject with expiry 0, which `verify` always refuses as expired), so a CSRF token is never
/// usable as a session token and the other way round.
struct CSRFProtection: Sendable {
    let signer: SessionTokenSigner
    /// The origins form posts may come from besides the node's own (`FormOrigin`).
    var origins = OriginPolicy(allowed: [])

    /// The token for forms rendered to the browser `browserID`.
    func token(for browserID: String) -> String {
        let signed = signer.issue(userID: "csrf:" + browserID, expiresAt: 0)
        return signed.split(separator: ".").last.map(String.init) ?? ""
    }

    /// Whether `token` was issued for `browserID`; compared in constant time.
    func isValid(_ token: String?, browserID: String?) -> Bool {
        guard let token, let browserID, !token.isEmpty else { return false }
        return ConstantTime.equal(Array(self.token(for: browserID).utf8), Array(token.utf8))
    }
}
