/// Why `MigrationRunner` refused to start or stopped. Meant for operators: it names files and
/// versions, never SQL text (a failing migration's server error is in `underlying`).
package struct MigrationError: Error, CustomStringConvertible {
    package enum Reason: Sendable, Equatable {
        /// A `.sql` file whose name is not `NNNN_name.sql` (digits, underscore, lower-case name).
        case malformedFileName(String)
        /// Two files with the same version number.
        case duplicateVersion(Int)
        /// A file that could not be read as UTF-8 text.
        case unreadableFile(String)
        /// An applied migration's file was edited afterwards: its checksum no longer matches.
        case checksumChanged(version: Int, name: String)
        /// A migration failed and was rolled back; earlier ones stay applied.
        case failed(version: Int, name: String)
    }

    package let reason: Reason
    /// The error that caused `.failed` or `.unreadableFile`.
    package let underlying: (any Error)?

    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    package var description: String {
        let text: String
        switch reason {
        case .malformedFileName(let file): text = "migration file name \(file.debugDescription) is not NNNN_name.sql"
        case .duplicateVersion(let version): text = "several migration files have version \(version)"
        case .unreadableFile(let file): text = "migration file \(file.debugDescription) cannot be read as UTF-8"
        case .checksumChanged(let version, let name):
            text = "applied migration \(version) (\(name)) was changed afterwards; add a new migration instead"
        case .failed(let version, let name): text = "migration \(version) (\(name)) failed and was rolled back"
        }
        return underlying.map { "\(text): \($0)" } ?? text
    }
}
