/// Routes requests by method and path pattern to async handlers.
///
/// Unknown paths get 404 and known paths with another method 405, both in the API error shape.
package struct Router: Sendable {
    package typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    private struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let handler: Handler
    }

    private var routes: [Route] = []
    /// Answers requests that match no route; the default is a JSON 404.
    package var notFound: Handler = { _ in APIError.notFound().response }

    package init() {}

    package mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: RoutePattern(pattern), handler: handler))
    }

    package mutating func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    package mutating func post(_ pattern: String, _ handler: @escaping Handler) { add(.post, pattern, handler) }

    /// The handler for `request` with its path parameters filled in, or an error responder.
    package func resolve(_ request: HTTPRequest) -> (HTTPRequest, Handler) {
        var allowed: [HTTPMethod] = []
        let parts = RoutePattern.parts(of: request.path)
        for route in routes {
            guard let parameters = route.pattern.match(parts: parts) else { continue }
            if route.method == request.method || (request.method == .head && route.method == .get) {
                var routed = request
                routed.pathParameters = parameters
                return (routed, route.handler)
            }
            allowed.append(route.method)
        }
        if !allowed.isEmpty {
            let error = APIError.methodNotAllowed(allowed: allowed)
            let allow = error.details["allowed"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""
            return (request, { _ in error.response.with(header: "Allow", allow) })
        }
        return (request, notFound)
    }

    /// The pattern that `request` matches, for metrics and logs (never the raw path).
    package func routeName(for request: HTTPRequest) -> String {
        let parts = RoutePattern.parts(of: request.path)
        return routes.first { $0.pattern.matches(parts: parts) }?.pattern.description ?? "unmatched"
    }
}
