import Crypto
import Foundation

/// One migration file, `NNNN_name.sql`: its version, name, SQL text and SHA-256 checksum.
package struct Migration: Sendable, Equatable {
    package let version: Int
    package let name: String
    package let sql: String
    /// Lower-case hex SHA-256 of the file's bytes, recorded when applied to detect later edits.
    package let checksum: String

    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads every `.sql` file of `directory`, sorted by version. Other files are ignored; a `.sql`
    /// file with a malformed name, or two files with one version, is an error.
    package static func load(from directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        var byVersion: [Int: Migration] = [:]
        for file in files {
            guard let (version, name) = parse(fileName: file) else { throw MigrationError(.malformedFileName(file)) }
            let sql: String
            do {
                let data = try Data(contentsOf: directory.appendingPathComponent(file))
                guard let text = String(data: data, encoding: .utf8) else { throw MigrationError(.unreadableFile(file)) }
                sql = text
            } catch let error as MigrationError {
                throw error
            } catch {
                throw MigrationError(.unreadableFile(file), underlying: error)
            }
            guard byVersion[version] == nil else { throw MigrationError(.duplicateVersion(version)) }
            byVersion[version] = Migration(version: version, name: name, sql: sql)
        }
        return byVersion.values.sorted { $0.version < $1.version }
    }

    /// Splits `0001_create_things.sql` into (1, "create_things"); nil unless the name is at least
    /// four digits, an underscore, and a name of `[a-z0-9_]`.
    static func parse(fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        let isDigit: (Character) -> Bool = { ("0"..."9").contains($0) }
        guard digits.count >= 4, digits.count <= 9, digits.allSatisfy(isDigit), !name.isEmpty,
            name.allSatisfy({ isDigit($0) || ("a"..."z").contains($0) || $0 == "_" }), let version = Int(digits)
        else { return nil }
        return (version, String(name))
    }
}
