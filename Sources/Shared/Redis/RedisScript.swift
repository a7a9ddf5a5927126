import Crypto

/// A Lua script and its SHA1, computed locally so that `EVALSHA` can be sent without asking the
/// server first.
package struct RedisScript: Sendable, Hashable {
    package let source: String
    /// The lowercase hex SHA1 of `source`, as `SCRIPT LOAD` returns it.
    package let sha1: String

    package init(_ source: String) {
        self.source = source
        self.sha1 = Insecure.SHA1.hash(data: Array(source.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
