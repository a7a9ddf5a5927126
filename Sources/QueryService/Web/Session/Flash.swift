import Foundation
import Shared

/// A one-time message carried across the redirect of post/redirect/get: "Your bid is placed" or
/// the CommandService's error, plus what the user typed, shown by the next GET of `path` and
/// then deleted.
///
/// It lives in a short-lived cookie (base64url JSON). It is not secret and not trusted: anyone
/// can set their own, so it is only ever rendered escaped, and only on the page it names.
struct Flash: Sendable, Equatable, Codable {
    static let cookie = "auction_flash"

    enum Kind: String, Sendable, Codable { case notice, error }

    var kind: Kind
    var message: String
    /// The page that shows it.
    var path: String
    /// Form values to fill in again (never passwords).
    var values: [String: String] = [:]

    /// The `Set-Cookie` value carrying this flash for a minute.
    var setCookie: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var copy = self
        copy.message = String(copy.message.prefix(500))
        copy.values = copy.values.mapValues { String($0.prefix(300)) }
        let data = (try? encoder.encode(copy)) ?? Data()
        return Cookies.set(Self.cookie, Self.base64URL(data), maxAge: 60)
    }

    /// The flash for `path` in `request`'s cookies, if any.
    static func read(_ request: HTTPRequest, path: String) -> Flash? {
        guard let text = Cookies.parse(request)[cookie], text.utf8.count <= 4000, let data = decodeBase64URL(text),
              let flash = try? JSONDecoder().decode(Flash.self, from: data), flash.path == path else { return nil }
        return flash
    }

    /// Whether the request carries a flash cookie at all (to delete it once shown).
    static func isPresent(_ request: HTTPRequest) -> Bool { Cookies.parse(request)[cookie] != nil }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func decodeBase64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
