import AuctionDomain
import Shared

/// Invariant 3: every read model, once caught up with the log, equals a replay of it.
///
/// Each node is compared with values derived from the log alone (price, leader, status, counts,
/// versions, times, every bid and user), which is what a fresh replay would write; and the nodes
/// are compared with each other by an order-independent checksum of every column of their public
/// tables, which covers the columns the log comparison does not name.
struct ReadModelComparison {
    /// One table's expected rows, the query that reads it, and its key columns (`a/b` for two).
    private struct ExpectedTable {
        let name: String
        let query: String
        let key: String
        let rows: [String: ReadModelNode.Row]
    }

    let nodes: [ReadModelNode]
    let catchUpTimeout: Duration

    func run(log: EventLog, facts: [AuctionID: AuctionFacts], into report: inout CheckReport) async {
        let trusted = facts.filter { $0.value.consistent }
        let expected = [
            ExpectedTable(name: "auctions", query: ReadModelQueries.auctions, key: "auction_id", rows: ExpectedReadModel.auctions(trusted)),
            ExpectedTable(name: "bids", query: ReadModelQueries.bids, key: "auction_id/bid_number", rows: ExpectedReadModel.bids(trusted)),
            ExpectedTable(name: "users", query: ReadModelQueries.users, key: "user_id", rows: ExpectedReadModel.users(log)),
        ]
        var checksums: [(node: String, sums: [String])] = []
        for node in nodes {
            let behind = await node.waitForCatchUp(to: log.tails, timeout: catchUpTimeout)
            guard behind.isEmpty else {
                report.add(.readModelMatchesLog, "node \(node.name)", "not caught up after \(catchUpTimeout): \(behind.joined(separator: "; "))")
                continue
            }
            do {
                for letter in try await node.rows(ReadModelQueries.deadLetters) {
                    report.add(.readModelMatchesLog, "node \(node.name)",
                               "dead letter \((letter["stream"] ?? nil) ?? "?") \((letter["entry_id"] ?? nil) ?? "?"): \((letter["reason"] ?? nil) ?? "?")")
                }
                for table in expected {
                    let actual = try await node.rows(table.query)
                    compare(table: table.name, node: node.name, key: table.key, expected: table.rows, actual: actual, skipping: facts, into: &report)
                }
                var sums: [String] = []
                for table in ReadModelQueries.comparedTables { sums.append(try await node.checksum(of: table)) }
                checksums.append((node.name, sums))
                for table in expected { report.record("read model \(node.name): \(table.name) rows compared", table.rows.count) }
            } catch {
                report.add(.readModelMatchesLog, "node \(node.name)", "cannot read the read model: \(error)")
            }
        }
        if let first = checksums.first {
            for other in checksums.dropFirst() {
                for (index, table) in ReadModelQueries.comparedTables.enumerated() where other.sums[index] != first.sums[index] {
                    report.add(.readModelMatchesLog, "table \(table)",
                               "nodes disagree: \(first.node) has \(first.sums[index]), \(other.node) has \(other.sums[index])")
                }
            }
        }
    }

    /// Rows missing, extra, or with a column that differs from the log's value. Auctions whose
    /// history is broken (reported under invariant 2) are skipped: the log gives no truth for them.
    private func compare(table: String, node: String, key: String, expected: [String: ReadModelNode.Row], actual: [ReadModelNode.Row],
                         skipping facts: [AuctionID: AuctionFacts], into report: inout CheckReport) {
        let subject = "node \(node) \(table)"
        var seen = Set<String>()
        for row in actual {
            let id = key.split(separator: "/").map { (row[String($0)] ?? nil) ?? "" }.joined(separator: "/")
            seen.insert(id)
            if let auction = row["auction_id"] ?? nil, let fact = facts[AuctionID(auction)], !fact.consistent { continue }
            guard let want = expected[id] else {
                report.add(.readModelMatchesLog, subject, "row \(id) is not in the log")
                continue
            }
            let differing = want.keys.sorted().compactMap { column -> String? in
                let have = row[column] ?? nil
                let should = want[column] ?? nil
                return have == should ? nil : "\(column) is \(have ?? "NULL"), log says \(should ?? "NULL")"
            }
            if !differing.isEmpty { report.add(.readModelMatchesLog, subject, "row \(id): \(differing.joined(separator: "; "))") }
        }
        for id in expected.keys.sorted() where !seen.contains(id) {
            report.add(.readModelMatchesLog, subject, "row \(id) of the log is missing")
        }
    }
}
