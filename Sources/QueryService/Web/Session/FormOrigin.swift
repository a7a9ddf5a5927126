import Foundation
import Shared

/// Where a browser says a form post comes from, checked on top of the CSRF token.
///
/// The token already stops a foreign page that cannot read ours; the origin check also stops a
/// post from a page that could (a compromised sibling origin, a token leaked into a log), and it
/// costs nothing. Browsers send `Origin` on every POST; older ones and some privacy settings send
/// only `Referer`, or neither. A post is refused when the origin it names (`Origin`, else the
/// scheme, host and port of `Referer`) is `null` or is neither this node's own (`http(s)://` +
/// `Host`) nor a configured allowed origin. A post naming no origin at all relies on the token.
struct FormOrigin: Sendable {
    /// The origin the request names, lower case, nil when it names none.
    let claimed: String?
    /// The `Host` header, lower case.
    let host: String?

    init(_ request: HTTPRequest) {
        host = request.header("host")?.trimmingCharacters(in: .whitespaces).lowercased()
        if let origin = request.header("origin") {
            claimed = origin.trimmingCharacters(in: .whitespaces).lowercased()
        } else if let referer = request.header("referer") {
            claimed = Self.origin(ofURL: referer) ?? "null"
        } else {
            claimed = nil
        }
    }

    /// Whether a form post from this origin may be accepted.
    func isAccepted(by policy: OriginPolicy) -> Bool {
        guard var claimed else { return true }
        while claimed.hasSuffix("/") { claimed.removeLast() }
        if claimed == "null" || claimed.isEmpty { return false }
        if let host, !host.isEmpty, claimed == "http://" + host || claimed == "https://" + host { return true }
        return policy.isConfigured(claimed)
    }

    /// `scheme://host[:port]` of an absolute http(s) URL, nil for anything else.
    static func origin(ofURL text: String) -> String? {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.percentEncodedHost?.lowercased(), !host.isEmpty else { return nil }
        return components.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }
}
