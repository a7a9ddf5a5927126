/// A path pattern such as `/v1/auctions/{id}/bids`: literal segments and `{name}` parameters.
package struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]
    package let description: String

    package init(_ pattern: String) {
        description = pattern
        segments = RoutePattern.split(pattern).map { part in
            if part.hasPrefix("{"), part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(part)
        }
    }

    /// The parameters when `path` matches, else nil. Parameter values are never empty.
    package func match(_ path: String) -> [String: String]? {
        let parts = RoutePattern.split(path)
        guard parts.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal): guard literal == part else { return nil }
            case .parameter(let name):
                guard !part.isEmpty else { return nil }
                parameters[name] = part
            }
        }
        return parameters
    }

    private static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}
