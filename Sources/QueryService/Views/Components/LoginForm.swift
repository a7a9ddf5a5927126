/// The log-in form, posted to `/login`; `next` is where to go afterwards.
enum LoginForm {
    struct Model: Equatable, Sendable {
        var csrfToken: String
        var username = ""
        /// A local path to return to after logging in.
        var next = "/"
        var errorMessage: String? = nil
    }

    static func render(_ model: Model) -> HTML {
        """
        <section class="account"><h1>Log in</h1>\
        \(FormError.render(model.errorMessage))\
        <form method="post" action="/login">\
        <input type="hidden" name="csrf" value="\(model.csrfToken)">\
        <input type="hidden" name="next" value="\(model.next)">\
        <label for="login-username">Display name</label> \
        <input id="login-username" name="username" autocomplete="username" required value="\(model.username)">\
        <label for="login-password">Password</label> \
        <input id="login-password" name="password" type="password" autocomplete="current-password" required>\
        <button type="submit">Log in</button></form>\
        <p>New here? <a href="/register">Create an account</a>.</p></section>
        """
    }
}
