/// A problem that stops the checker from checking (bad input, unreachable server): exit 2.
struct CheckerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
