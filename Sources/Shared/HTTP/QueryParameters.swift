/// Decoded `name=value` pairs of a query string, in order; a name may repeat.
package struct QueryParameters: Sendable, Equatable {
    package private(set) var pairs: [(name: String, value: String)]

    package init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    /// Parses already-separated `name=value` fragments; a fragment without `=` has an empty value.
    package init(fragments: [String]) {
        pairs = fragments.filter { !$0.isEmpty }.map { fragment in
            guard let equals = fragment.firstIndex(of: "=") else { return (fragment, "") }
            return (String(fragment[..<equals]), String(fragment[fragment.index(after: equals)...]))
        }
    }

    /// The first value for `name`.
    package subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value for `name`, in order.
    package func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    package static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }
}
