import Foundation
import Shared

/// Who is asking, from the request's cookies: the signed-in user (if the session token verifies)
/// and the browser id that CSRF tokens are bound to.
///
/// A browser without a valid `auction_browser` cookie gets a fresh random id, which the page
/// response sets; its first form post before that cookie exists is refused, as it must be.
struct Visitor: Sendable {
    static let sessionCookie = "auction_session"
    static let browserCookie = "auction_browser"

    /// The verified session token issued by the CommandService, nil for a visitor.
    let token: String?
    let userID: String?
    let browserID: String
    /// True when the browser sent no usable id and `browserID` is new.
    let isNewBrowser: Bool
    /// The CSRF token for forms rendered to this browser.
    let csrfToken: String
    /// Where the request says it comes from, for form posts.
    let origin: FormOrigin

    init(request: HTTPRequest, csrf: CSRFProtection, now: Date = Date()) {
        let cookies = Cookies.parse(request)
        if let token = cookies[Self.sessionCookie],
           let user = try? csrf.signer.verify(token, now: Int64(now.timeIntervalSince1970)) {
            self.token = token
            self.userID = user
        } else {
            self.token = nil
            self.userID = nil
        }
        if let browser = cookies[Self.browserCookie], Self.isBrowserID(browser) {
            browserID = browser
            isNewBrowser = false
        } else {
            browserID = Self.randomID()
            isNewBrowser = true
        }
        csrfToken = csrf.token(for: browserID)
        origin = FormOrigin(request)
    }

    /// The cookies a page response sets: the browser id when it is new (kept a year).
    var cookies: [String] { isNewBrowser ? [Cookies.set(Self.browserCookie, browserID, maxAge: 365 * 86_400)] : [] }

    /// Whether a posted form carries this browser's CSRF token and comes from an accepted origin.
    func acceptsForm(_ form: FormBody?, csrf: CSRFProtection) -> Bool {
        !isNewBrowser && origin.isAccepted(by: csrf.origins) && csrf.isValid(form?["csrf"], browserID: browserID)
    }

    /// 32 lowercase hex digits from the system's cryptographic generator.
    static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    static func isBrowserID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
