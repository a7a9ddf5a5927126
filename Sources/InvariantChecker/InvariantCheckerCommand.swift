import ArgumentParser

/// Checks the log and the read models against the platform's promises; exits non-zero on a breach.
@main
struct InvariantCheckerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "InvariantChecker", abstract: "Checks the event log and read models for broken invariants.")

    func run() async throws {
        throw ValidationError("not implemented yet")
    }
}
