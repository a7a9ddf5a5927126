import AuctionDomain

/// Invariant 4: no public surface shows a hidden maximum or reserve. Scans every text column
/// and every `*_minor` column of the read models' `auctions`, `bids` and `users` tables, and
/// every captured REST response, page and WebSocket frame.
struct HiddenAmountScan {
    let finder: LeakFinder

    init(facts: [AuctionID: AuctionFacts]) {
        finder = LeakFinder(index: HiddenAmountIndex(facts: facts))
    }

    func scan(_ surfaces: [CapturedSurface], into report: inout CheckReport) {
        var counts: [String: Int] = [:]
        for surface in surfaces {
            counts[surface.surface, default: 0] += 1
            for finding in finder.findings(inBody: surface.body, auction: surface.auction) {
                report.add(.noHiddenAmountPublic, "\(surface.surface) \(surface.source)", finding)
            }
        }
        for (kind, count) in counts.sorted(by: { $0.key < $1.key }) { report.record("captured \(kind) surfaces scanned", count) }
        report.record("hidden amounts looked for", finder.index.hiddenCount)
    }

    func scan(_ node: ReadModelNode, into report: inout CheckReport) async {
        do {
            let columns = try await node.rows("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'read_model' AND table_name IN ('auctions', 'bids', 'users')
                """)
            var cells = 0
            for table in ["auctions", "bids", "users"] {
                let scanned = columns.filter { ($0["table_name"] ?? nil) == table }.compactMap { row -> (String, Bool)? in
                    guard let name = row["column_name"] ?? nil, let type = row["data_type"] ?? nil else { return nil }
                    if type == "text" || type.hasPrefix("character") { return (name, false) }
                    return name.hasSuffix("_minor") ? (name, true) : nil
                }
                guard !scanned.isEmpty else { continue }
                let list = scanned.map { "\"\($0.0)\"::text AS \"\($0.0)\"" }.joined(separator: ", ")
                let scope = table == "users" ? "NULL" : "auction_id"
                for row in try await node.rows("SELECT \(scope) AS scope_id, \(list) FROM read_model.\(table)") {
                    let auction = row["scope_id"] ?? nil
                    for (column, exact) in scanned {
                        guard let value = row[column] ?? nil else { continue }
                        cells += 1
                        let place = "\(table).\(column) of \(auction ?? "a user row")"
                        let findings = exact
                            ? (Int64(value).map { finder.index.hidden(for: auction).contains($0) } == true
                                ? ["hidden amount \(value) (minor units) at \(place)"] : [])
                            : finder.findings(inText: value, auction: auction, mode: .plain, place: place)
                        for finding in findings { report.add(.noHiddenAmountPublic, "node \(node.name)", finding) }
                    }
                }
            }
            report.record("read model \(node.name): cells scanned for hidden amounts", cells)
        } catch {
            report.add(.noHiddenAmountPublic, "node \(node.name)", "cannot scan the read model: \(error)")
        }
    }
}
