import ArgumentParser

/// The benchmarks' load tool: drives the running system and prints measured figures.
@main
struct AuctionLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "AuctionLoad", abstract: "Load generator for the auction platform's benchmarks.")

    func run() async throws {
        print("no scenario selected")
    }
}
