/// A failure of the load tool itself (setup, an unexpected reply), with a message for the person running it.
struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
