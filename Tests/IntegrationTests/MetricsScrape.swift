import Foundation

/// A scrape of `GET /metrics`, parsed strictly enough to catch format mistakes: every line is a
/// `# TYPE`/`# HELP` comment or a sample `name{label="value",...} number`, and every sample belongs
/// to a family declared by an earlier `# TYPE` line (histograms through `_bucket`, `_sum`, `_count`).
struct MetricsScrape {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    private(set) var types: [String: String] = [:]
    private(set) var samples: [Sample] = []
    /// Lines that break the format, with why; empty for a valid scrape.
    private(set) var problems: [String] = []

    init(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) where !line.isEmpty {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ").map(String.init)
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                    problems.append("bad TYPE line: \(line)")
                    continue
                }
                types[parts[2]] = parts[3]
            } else if line.hasPrefix("#") {
                continue
            } else if let sample = Self.parseSample(line) {
                if family(of: sample.name) == nil { problems.append("sample without a TYPE line: \(line)") }
                samples.append(sample)
            } else {
                problems.append("not a sample: \(line)")
            }
        }
        if !text.isEmpty && !text.hasSuffix("\n") { problems.append("no final line feed") }
    }

    /// The declared family of a sample name: itself, or the histogram it is a part of.
    func family(of name: String) -> String? {
        if types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" { return base }
        }
        return nil
    }

    /// The value of the one sample with exactly these labels, or nil when there is none.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func parseSample(_ line: String) -> Sample? {
        var rest = Substring(line)
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }
        guard let first = name.first, !first.isNumber else { return nil }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                rest = rest.dropFirst(key.count)
                guard !key.isEmpty, rest.hasPrefix("=\"") else { return nil }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.popFirst() else { return nil }
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                }
                guard rest.popFirst() == "\"" else { return nil }
                labels[String(key)] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { return nil }
            }
            rest = rest.dropFirst()
        }
        guard rest.popFirst() == " ", let value = Double(rest) else { return nil }
        return Sample(name: String(name), labels: labels, value: value)
    }
}
