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
    package func match(_ path: String) -> [String: String]? { match(parts: Self.parts(of: path)) }

    /// `path`'s non-empty segments, split once per request and matched against every route
    /// without making a `String` of each (routing is on the path of every page view).
    package static func parts(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether the segments `parts` match, without collecting the parameters.
    package func matches(parts: [Substring]) -> Bool {
        guard parts.count == segments.count else { return false }
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal): guard part == literal else { return false }
            case .parameter: guard !part.isEmpty else { return false }
            }
        }
        return true
    }

    /// The parameters when the segments `parts` match, else nil.
    package func match(parts: [Substring]) -> [String: String]? {
        guard matches(parts: parts) else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            if case .parameter(let name) = segment { parameters[name] = String(part) }
        }
        return parameters
    }

    private static func split(_ path: String) -> [String] {
        parts(of: path).map(String.init)
    }
}
