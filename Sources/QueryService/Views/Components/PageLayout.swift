/// The whole document around a page's content: head (with a Content-Security-Policy that allows
/// no inline script), navigation, `main`, the one external script, `/assets/live.js`, and the
/// one stylesheet, `/assets/site.css` (``SiteStyle``).
///
/// `<body data-live-position data-live-epoch>` is the read-model position the page was rendered
/// at, and the epoch of the node that rendered it (``LiveHub/epoch``): the browser script
/// subscribes to the page's topics after that position, which is the gap-free handoff.
enum PageLayout {
    struct Model: Equatable, Sendable {
        var title: String
        var content: HTML
        /// The read-model position the content reflects (read before the content).
        var position: Int64
        /// The live hub's epoch, naming the scale of `position`.
        var epoch: String
        /// The signed-in user's display name, nil for a visitor.
        var userName: String? = nil
        /// Needed by the log-out form when someone is signed in.
        var csrfToken: String? = nil
    }

    /// The policy for the `Content-Security-Policy` response header: scripts only from this
    /// origin (no inline script, no eval), no plugins, forms post only here, no framing.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// The path the script is served at.
    static let scriptPath = "/assets/live.js"

    static func render(_ model: Model) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>\(model.title) · Live Auctions</title>\
        <link rel="stylesheet" href="\(SiteStyle.path)">\
        <script src="\(scriptPath)" defer></script></head>\
        <body data-live-position="\(model.position)" data-live-epoch="\(model.epoch)"><header><nav><a href="/" class="home">Live Auctions</a> \
        \(account(model)) \
        <span id="live-status" class="live-status" hidden></span></nav></header>\
        <main>\(model.content)</main></body></html>
        """
    }

    private static func account(_ model: Model) -> HTML {
        guard let name = model.userName else {
            return "<a href=\"/login\">Log in</a> <a href=\"/register\">Register</a>"
        }
        let token = model.csrfToken ?? ""
        return """
            <span class="user">\(name)</span> \
            <form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" value="\(token)">\
            <button type="submit">Log out</button></form>
            """
    }
}
