import Foundation

/// Which `Origin`s may open the `/live` WebSocket (checked on the handshake), so another site's
/// page cannot open a socket that carries this site's session cookie.
///
/// With configured origins (`--allowed-origin https://auctions.example`), exactly those. With
/// none, only local development origins (`http://localhost:*`, `http://127.0.0.1:*`). A
/// handshake without `Origin` is not from a browser page and carries no ambient authority worth
/// protecting, so it is accepted (API clients, the Python test client).
struct OriginPolicy: Sendable {
    let allowed: Set<String>

    init(allowed: [String]) {
        self.allowed = Set(allowed.map { Self.normalized($0) })
    }

    func allows(_ origin: String?) -> Bool {
        guard let origin else { return true }
        let normalized = Self.normalized(origin)
        if !allowed.isEmpty { return allowed.contains(normalized) }
        guard let url = URL(string: normalized), url.scheme == "http" || url.scheme == "https" else { return false }
        return url.host == "localhost" || url.host == "127.0.0.1" || url.host == "[::1]" || url.host == "::1"
    }

    /// Whether `origin` is one of the configured origins (the local-development default aside).
    func isConfigured(_ origin: String) -> Bool { allowed.contains(Self.normalized(origin)) }

    /// Lower case, without a trailing slash: origins compare by scheme, host and port.
    private static func normalized(_ origin: String) -> String {
        var text = origin.trimmingCharacters(in: .whitespaces).lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
