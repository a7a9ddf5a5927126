import CCrypt
import Foundation

/// Salted, deliberately slow password hashes with libxcrypt's yescrypt (`$y$...`).
///
/// Hashing takes tens of milliseconds of CPU by design, so callers run it on a worker thread,
/// never on the cooperative pool or the service thread.
package enum PasswordHasher {
    /// A fresh yescrypt hash of `password` with a random salt.
    package static func hash(_ password: String) throws -> String {
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        // "If rbytes is NULL, crypt_gensalt_rn obtains random bytes from the OS" (crypt(3)); count 0 picks the default cost.
        guard crypt_gensalt_rn("$y$", 0, nil, 0, &setting, Int32(setting.count)) != nil else {
            throw PasswordHashError("cannot generate a salt (errno \(errno))")
        }
        return try run(password, setting: String(decoding: setting.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Whether `password` matches `storedHash`, compared in constant time.
    package static func verify(_ password: String, against storedHash: String) -> Bool {
        guard storedHash.hasPrefix("$"), let computed = try? run(password, setting: storedHash) else { return false }
        return ConstantTime.equal(Array(computed.utf8), Array(storedHash.utf8))
    }

    private static func run(_ password: String, setting: String) throws -> String {
        // struct crypt_data is about 32 KiB: too big for the stack of a small thread, so it lives on the heap.
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer { data.deallocate() }
        memset(data, 0, MemoryLayout<crypt_data>.size)
        guard let result = crypt_r(password, setting, data) else { throw PasswordHashError("crypt_r failed (errno \(errno))") }
        let text = String(cString: result)
        // libxcrypt returns a string starting with "*" on failure instead of NULL.
        guard !text.hasPrefix("*") else { throw PasswordHashError("crypt_r rejected the setting") }
        return text
    }
}

/// A failure of the password hashing library (never a wrong password, which is just `false`).
package struct PasswordHashError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}

/// Comparisons whose duration does not depend on where the inputs differ.
package enum ConstantTime {
    package static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
