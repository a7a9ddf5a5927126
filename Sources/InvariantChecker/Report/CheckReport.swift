/// What a run of the checker found: breaches per invariant and the figures that show how much
/// was checked (a check that looked at nothing proves nothing, so the figures are printed too).
struct CheckReport: Sendable {
    private(set) var breaches: [Breach] = []
    private(set) var figures: [(name: String, value: Int)] = []
    /// Invariants that could not be checked at all (e.g. no read model given).
    private(set) var skipped: [Breach.Invariant: String] = [:]

    mutating func add(_ breach: Breach) { breaches.append(breach) }

    mutating func add(_ invariant: Breach.Invariant, _ subject: String, _ detail: String) {
        breaches.append(Breach(invariant: invariant, subject: subject, detail: detail))
    }

    mutating func record(_ name: String, _ value: Int) { figures.append((name, value)) }

    mutating func skip(_ invariant: Breach.Invariant, because reason: String) { skipped[invariant] = reason }

    var holds: Bool { breaches.isEmpty }

    /// The report as printed: every breach (capped per invariant so a systemic failure stays
    /// readable), the figures, and one verdict line per invariant.
    func rendered(maximumPerInvariant: Int = 50) -> String {
        var lines: [String] = []
        for invariant in Breach.Invariant.allCases {
            let found = breaches.filter { $0.invariant == invariant }
            lines += found.prefix(maximumPerInvariant).map(\.description)
            if found.count > maximumPerInvariant {
                lines.append("BREACH [\(invariant.rawValue)] ... and \(found.count - maximumPerInvariant) more")
            }
        }
        for figure in figures { lines.append("checked: \(figure.name) = \(figure.value)") }
        for invariant in Breach.Invariant.allCases {
            let count = breaches.filter { $0.invariant == invariant }.count
            let verdict = skipped[invariant].map { "SKIPPED (\($0))" } ?? (count == 0 ? "HELD" : "BROKEN (\(count) breaches)")
            lines.append("invariant \(invariant): \(verdict)")
        }
        lines.append(holds ? "RESULT: all checked invariants held" : "RESULT: \(breaches.count) breaches")
        return lines.joined(separator: "\n")
    }
}
