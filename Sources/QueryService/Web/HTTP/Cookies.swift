import Foundation
import Shared

/// Reads the `Cookie` request header and writes `Set-Cookie` values.
///
/// Every cookie the pages set is `HttpOnly; SameSite=Lax; Path=/`: scripts cannot read it, and
/// browsers send it on top-level navigations and same-site requests but not on cross-site posts.
enum Cookies {
    /// The cookies of a request by name (the first occurrence wins).
    static func parse(_ request: HTTPRequest) -> [String: String] {
        guard let header = request.header("cookie") else { return [:] }
        var cookies: [String: String] = [:]
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if cookies[name] == nil { cookies[name] = value }
        }
        return cookies
    }

    /// A `Set-Cookie` value. `value` must be cookie-safe (callers pass tokens, hex or base64url);
    /// `maxAge` nil makes a session cookie, 0 deletes it.
    static func set(_ name: String, _ value: String, maxAge: Int64? = nil) -> String {
        var header = "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax"
        if let maxAge { header += "; Max-Age=\(max(0, maxAge))" }
        return header
    }

    /// A `Set-Cookie` value that deletes `name`.
    static func delete(_ name: String) -> String { set(name, "", maxAge: 0) }
}
