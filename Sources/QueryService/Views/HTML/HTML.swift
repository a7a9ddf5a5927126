/// A fragment of HTML that is safe to send: every interpolated value has been escaped.
///
/// Build it with string interpolation. Literal segments are trusted (they are code in this
/// repository); an interpolated `String`, number or other value is escaped with ``escape(_:)``;
/// an interpolated `HTML` is inserted as it is, because it was built the same way. The only way
/// to wrap text that was not escaped is ``HTML/init(trusted:)``, which nothing outside this file
/// and the tests needs.
///
/// ```swift
/// let title = "<script>alert(1)</script>"
/// let heading: HTML = "<h1 title=\"\(title)\">\(title)</h1>"
/// // <h1 title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</h1>
/// ```
struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup, ready to write into a response or a WebSocket frame.
    let rendered: String

    /// The single audited entry point for markup that did not go through escaping. Use only for
    /// constant markup held by this module.
    init(trusted markup: String) { rendered = markup }

    init(stringLiteral value: String) { rendered = value }

    init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

    var description: String { rendered }

    /// No markup at all.
    static let empty = HTML(trusted: "")

    /// Escapes the five characters that can end a text node or a quoted attribute value:
    /// `& < > " '`. The result is safe both as element text and inside `"…"` or `'…'` attributes.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Concatenates fragments, e.g. the rendered items of a list.
    static func joined(_ parts: some Sequence<HTML>, separator: HTML = .empty) -> HTML {
        HTML(trusted: parts.map(\.rendered).joined(separator: separator.rendered))
    }

    /// Interpolation that escapes by default.
    struct Interpolation: StringInterpolationProtocol {
        fileprivate var output = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { output += literal }

        /// Already-safe markup goes in unchanged.
        mutating func appendInterpolation(_ html: HTML) { output += html.rendered }

        /// Optional markup: nothing when nil.
        mutating func appendInterpolation(_ html: HTML?) { output += html?.rendered ?? "" }

        /// Any other value is text: escaped.
        mutating func appendInterpolation(_ value: some CustomStringConvertible) { output += HTML.escape(value.description) }
    }
}
