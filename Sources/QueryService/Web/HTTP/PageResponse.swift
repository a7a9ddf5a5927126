import Shared

/// The responses of the HTML pages, each with the security headers every page carries:
/// the Content-Security-Policy that forbids inline script, no MIME sniffing, no framing, and
/// no caching (pages carry CSRF tokens and per-user content).
enum PageResponse {
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", PageLayout.contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ]

    /// A whole document.
    static func page(_ document: HTML, status: Int = 200, cookies: [String] = []) -> HTTPResponse {
        var response = HTTPResponse.html(document.rendered, status: status)
        response.headers = securityHeaders + cookies.map { ("Set-Cookie", $0) }
        return response
    }

    /// `303 See Other` to a local path: the "redirect" of post/redirect/get, so reloading the
    /// next page never posts the form again.
    static func redirect(to path: String, cookies: [String] = []) -> HTTPResponse {
        var response = HTTPResponse(status: 303, contentType: "text/plain; charset=utf-8", body: Array("See \(path)\n".utf8))
        response.headers = securityHeaders + [("Location", path)] + cookies.map { ("Set-Cookie", $0) }
        return response
    }

    /// Whether `path` is a safe place to send a browser after a form: a path on this site, never
    /// another origin (`//host`, `/\host`) or a scheme, so `?next=` cannot be an open redirect.
    static func isLocalPath(_ path: String) -> Bool {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"), path.utf8.count <= 500 else { return false }
        return path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }
    }
}
