/// Why a command could not be decided at all (answered 503 with `Retry-After`; nothing written).
enum CommandUnavailable: Error, Sendable, Equatable {
    /// The auction's lease stayed with another writer for the whole wait.
    case lockBusy
    /// Every commit attempt was refused (lease lost or version moved): heavy contention or a paused process.
    case tooManyConflicts
    /// The service is stopping and takes no new commands (another instance does).
    case shuttingDown
}
