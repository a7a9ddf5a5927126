import AuctionDomain

/// The sign-up form: display name (also the log-in name) and password, posted to `/register`.
enum RegisterForm {
    struct Model: Equatable, Sendable {
        var csrfToken: String
        /// Values typed before an error, shown again (never the password).
        var displayName = ""
        var errorMessage: String? = nil
    }

    static func render(_ model: Model) -> HTML {
        """
        <section class="account"><h1>Create an account</h1>\
        \(FormError.render(model.errorMessage))\
        <form method="post" action="/register">\
        <input type="hidden" name="csrf" value="\(model.csrfToken)">\
        <label for="register-display-name">Display name (you log in with it)</label> \
        <input id="register-display-name" name="displayName" autocomplete="username" required maxlength="\(AuctionLimits.displayNameLength.upperBound)" value="\(model.displayName)">\
        <label for="register-password">Password</label> \
        <input id="register-password" name="password" type="password" autocomplete="new-password" required minlength="8">\
        <button type="submit">Create account</button></form>\
        <p>Already registered? <a href="/login">Log in</a>.</p></section>
        """
    }
}
