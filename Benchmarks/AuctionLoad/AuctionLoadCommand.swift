import ArgumentParser

/// The benchmarks' load tool: drives the running system and prints one JSON result line per
/// scenario on standard output (progress goes to standard error). `scripts/bench.sh` runs it.
@main
struct AuctionLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "AuctionLoad", abstract: "Load generator for the auction platform's benchmarks.",
        subcommands: [
            BidThroughputScenario.self, StreamLatencyBaseline.self, BidToScreenScenario.self, FanOutScenario.self,
            SeedEventsCommand.self,
        ])
}
