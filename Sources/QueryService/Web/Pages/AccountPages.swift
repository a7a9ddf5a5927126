import Foundation
import Shared

/// Register, log in and log out. The forms post here; this node relays to the CommandService
/// (`POST /v1/users`, `POST /v1/sessions`), stores the issued session token in the
/// `auction_session` cookie (`HttpOnly; SameSite=Lax; Path=/`) and redirects (303). Errors come
/// back to the form as a flash with what was typed (never the password).
struct AccountPages: Sendable {
    let dependencies: WebDependencies

    func showLogin(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        let flash = shell.flash
        let next = request.query["next"].flatMap { PageResponse.isLocalPath($0) ? $0 : nil } ?? "/"
        let form = LoginForm.Model(
            csrfToken: shell.visitor.csrfToken, username: flash?.values["username"] ?? "", next: next, errorMessage: flash?.message)
        return await shell.render(title: "Log in", content: LoginForm.render(form), position: (try? await dependencies.reader.position()) ?? 0)
    }

    func showRegister(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        let flash = shell.flash
        let form = RegisterForm.Model(
            csrfToken: shell.visitor.csrfToken, displayName: flash?.values["displayName"] ?? "", errorMessage: flash?.message)
        return await shell.render(
            title: "Create an account", content: RegisterForm.render(form), position: (try? await dependencies.reader.position()) ?? 0)
    }

    func logIn(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        let form = FormBody(request.body)
        guard shell.visitor.acceptsForm(form, csrf: dependencies.csrf), let form else { return await shell.error(.forbidden) }
        let name = form["username"] ?? form["displayName"] ?? ""
        let next = form["next"].flatMap { PageResponse.isLocalPath($0) ? $0 : nil } ?? "/"
        switch await dependencies.commands.logIn(displayName: name, password: form["password"] ?? "", clientAddress: dependencies.clientAddresses.address(of: request)) {
        case .refused(let refusal):
            let flash = Flash(kind: .error, message: refusal.message, path: "/login", values: ["username": name])
            return PageResponse.redirect(to: "/login?next=\(FormBody.encode(next))", cookies: [flash.setCookie])
        case .accepted(let session):
            guard let cookie = Self.sessionCookie(session.token) else { return Self.unusableToken(path: "/login") }
            return PageResponse.redirect(to: next, cookies: [cookie])
        }
    }

    func register(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        let form = FormBody(request.body)
        guard shell.visitor.acceptsForm(form, csrf: dependencies.csrf), let form else { return await shell.error(.forbidden) }
        let displayName = form["displayName"] ?? ""
        let password = form["password"] ?? ""
        let typed = ["displayName": displayName]
        let outcome = await dependencies.commands.register(displayName: displayName, password: password)
        if case .refused(let refusal) = outcome {
            return PageResponse.redirect(to: "/register", cookies: [Flash(kind: .error, message: refusal.message, path: "/register", values: typed).setCookie])
        }
        let loggedIn = await dependencies.commands.logIn(displayName: displayName, password: password, clientAddress: dependencies.clientAddresses.address(of: request))
        switch loggedIn {
        case .refused(let refusal):
            let flash = Flash(kind: .error, message: refusal.message, path: "/login", values: ["username": displayName])
            return PageResponse.redirect(to: "/login", cookies: [flash.setCookie])
        case .accepted(let session):
            // Read-your-writes: the next page shows the new user's name from this node's read model.
            _ = await dependencies.gate.user(session.userID)
            guard let cookie = Self.sessionCookie(session.token) else { return Self.unusableToken(path: "/login") }
            return PageResponse.redirect(to: "/", cookies: [cookie])
        }
    }

    private static func unusableToken(path: String) -> HTTPResponse {
        let flash = Flash(kind: .error, message: "The session could not be started; please try again.", path: path)
        return PageResponse.redirect(to: path, cookies: [flash.setCookie])
    }

    func logOut(_ request: HTTPRequest) async -> HTTPResponse {
        let shell = PageShell(dependencies, request)
        guard shell.visitor.acceptsForm(FormBody(request.body), csrf: dependencies.csrf) else { return await shell.error(.forbidden) }
        return PageResponse.redirect(to: "/", cookies: [Cookies.delete(Visitor.sessionCookie)])
    }

    /// The session cookie, kept as long as the token is valid (its third part is the expiry);
    /// nil for a token with characters a cookie cannot carry safely (never from a sound writer,
    /// but it must not be able to inject header text).
    static func sessionCookie(_ token: String, now: Date = Date()) -> String? {
        guard (1...512).contains(token.utf8.count),
              token.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || "-_.".utf8.contains($0) })
        else { return nil }
        let parts = token.split(separator: ".")
        let expiry = parts.count == 4 ? Int64(parts[2]) : nil
        let maxAge = expiry.map { $0 - Int64(now.timeIntervalSince1970) }
        return Cookies.set(Visitor.sessionCookie, token, maxAge: maxAge)
    }
}
