import Foundation

/// What one scenario run measured: printed as one JSON line on standard output, which
/// `scripts/bench.sh` collects (every other message of the tool goes to standard error).
struct ScenarioResult {
    var scenario: String
    var metrics: [String: Double] = [:]
    var notes: [String: String] = [:]

    func print() {
        let object: [String: Any] = ["scenario": scenario, "metrics": metrics, "notes": notes]
        // Dictionaries of strings and finite doubles always serialize.
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// Progress messages for the person running the benchmark, on standard error.
func progress(_ message: String) {
    FileHandle.standardError.write(Data("AuctionLoad: \(message)\n".utf8))
}
