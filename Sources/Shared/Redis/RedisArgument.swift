/// One argument of a Redis command: raw bytes, always sent with an explicit length.
///
/// Arguments never go through a format string, so any bytes (NUL, CR LF, invalid UTF-8) are safe.
/// Literals work: `["SET", "bid:\(id)", 42]`.
package struct RedisArgument: Sendable, Hashable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral {
    package var bytes: [UInt8]

    package init(_ bytes: [UInt8]) { self.bytes = bytes }
    package init(_ string: String) { self.bytes = Array(string.utf8) }
    package init(_ value: Int) { self.init(String(value)) }
    package init(_ value: Int64) { self.init(String(value)) }
    package init(stringLiteral value: String) { self.init(value) }
    package init(stringInterpolation: DefaultStringInterpolation) { self.init(String(stringInterpolation: stringInterpolation)) }
    package init(integerLiteral value: Int) { self.init(value) }
}

extension RedisArgument {
    /// Calls `body` with hiredis's `argc`, `argv` and `argvlen` for `arguments`.
    ///
    /// All bytes live in one buffer (plus a trailing byte, so that it is never empty and an empty
    /// argument still gets a valid pointer); the pointers are made and used inside
    /// `withUnsafeBufferPointer` and must not escape `body`. hiredis copies the arguments into its
    /// output buffer (`redisFormatCommandArgv`) before returning.
    static func withArgv<Result>(
        _ arguments: [RedisArgument],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> Result
    ) -> Result {
        precondition(!arguments.isEmpty && arguments.count <= Int(Int32.max), "a command needs 1...Int32.max arguments")
        var buffer: [UInt8] = []
        buffer.reserveCapacity(arguments.reduce(1) { $0 + $1.bytes.count })
        var offsets: [Int] = []
        for argument in arguments {
            offsets.append(buffer.count)
            buffer += argument.bytes
        }
        buffer.append(0)
        let lengths = arguments.map(\.bytes.count)
        return buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                var pointers: [UnsafePointer<CChar>?] = offsets.map { UnsafePointer(chars.baseAddress! + $0) }
                return lengths.withUnsafeBufferPointer { lengths in
                    pointers.withUnsafeMutableBufferPointer { argv in
                        body(Int32(arguments.count), argv.baseAddress!, lengths.baseAddress!)
                    }
                }
            }
        }
    }
}
