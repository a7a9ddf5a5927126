import AuctionDomain

/// Invariant 2: every auction's history is one the rules could have produced.
///
/// The history is rebuilt as the CommandService rebuilds it (`DomainEvent.merge` of the two
/// streams, folded with `Auction.apply`), decision by decision. Each bid, close and cancel is
/// decided again with `Auction.decide` against the state before it, at the time it carries (Redis
/// `TIME`), and must give exactly the logged events: that covers the proxy-bidding price and
/// leader, soft close, the winner, and "no bid after the end or the close". Explicit checks add
/// clear messages for contiguous versions, a price that never decreases and at most one close.
struct AuctionHistoryCheck {
    private(set) var facts: [AuctionID: AuctionFacts] = [:]
    /// How many groups each command id produced, over all auctions: more than one is a duplicate.
    private var commandGroups: [CommandID: [String]] = [:]
    private(set) var decisionsChecked = 0

    mutating func run(_ log: EventLog, into report: inout CheckReport) {
        for entry in log.unreadable {
            report.add(.auctionHistory, "\(entry.stream) \(entry.entryID)", "unreadable entry: \(entry.reason)")
        }
        for misrouted in log.misrouted { report.add(.auctionHistory, "routing", "event in the wrong stream: \(misrouted)") }
        for auctionID in log.auctionOrder {
            guard let auctionLog = log.auctions[auctionID] else { continue }
            facts[auctionID] = check(auctionLog, into: &report)
        }
        checkUsers(log.users, into: &report)
        for (commandID, places) in commandGroups where places.count > 1 {
            report.add(.auctionHistory, "command \(commandID)", "appended \(places.count) times: \(places.joined(separator: "; "))")
        }
        report.record("auctions replayed", facts.count)
        report.record("decisions re-decided", decisionsChecked)
    }

    private mutating func check(_ log: AuctionLog, into report: inout CheckReport) -> AuctionFacts {
        let subject = "auction \(log.auctionID)"
        var facts = AuctionFacts(auctionID: log.auctionID)
        let merged = DomainEvent.merge(public: log.publicEvents.map(\.envelope), private: log.privateEvents.map(\.envelope))
        var publicLabels = log.publicEvents.map(\.label)[...]
        var privateLabels = log.privateEvents.map(\.label)[...]
        let labels = merged.map { event -> String in
            event.publicEnvelope != nil ? publicLabels.popFirst() ?? "?" : privateLabels.popFirst() ?? "?"
        }
        var state: AuctionState?
        var closes: [String] = []
        for group in DecisionGroup.split(merged, labels: labels) {
            commandGroups[group.commandID, default: []].append("\(subject) at \(group.labels.first ?? "?")")
            guard checkVersions(group, after: state, subject: subject, into: &report) else {
                facts.consistent = false
                break
            }
            if group.publicEvents.contains(where: { if case .auctionClosed = $0.event { true } else { false } }) {
                closes.append(group.labels.first ?? "?")
            }
            redecide(group, state: state, subject: subject, into: &report, facts: &facts)
            do {
                var next = state
                for event in group.events { next = try Auction.apply(next, event) }
                checkPrice(group, before: state, after: next, subject: subject, into: &report)
                state = next
                facts.record(group, stateAfter: next)
            } catch {
                report.add(.auctionHistory, subject, "cannot replay \(group.labels.joined(separator: ", ")): \(error)")
                facts.consistent = false
                break
            }
        }
        if closes.count > 1 { report.add(.auctionHistory, subject, "closed \(closes.count) times: \(closes.joined(separator: "; "))") }
        if facts.state == nil, facts.consistent {
            report.add(.auctionHistory, subject, "has private annexes but no public history")
            facts.consistent = false
        }
        return facts
    }

    /// Public versions continue from the state's version with no gap or repeat.
    private func checkVersions(_ group: DecisionGroup, after state: AuctionState?, subject: String, into report: inout CheckReport) -> Bool {
        var expected = (state?.version ?? 0) + 1
        for (event, label) in zip(group.events, group.labels) {
            guard let envelope = event.publicEnvelope else { continue }
            guard envelope.version == expected else {
                let kind = envelope.version < expected ? "duplicate or out-of-order version" : "version gap"
                report.add(.auctionHistory, subject, "\(kind): expected v\(expected), found \(label)")
                return false
            }
            expected += 1
        }
        return true
    }

    /// The visible price never goes down.
    private func checkPrice(_ group: DecisionGroup, before: AuctionState?, after: AuctionState?, subject: String,
                            into report: inout CheckReport) {
        guard let before, let after, after.price.minorUnits < before.price.minorUnits else { return }
        report.add(.auctionHistory, subject,
                   "visible price decreased from \(before.price.minorUnits) to \(after.price.minorUnits) at \(group.labels.joined(separator: ", "))")
    }

    /// Decides the group's command again and compares the outcome with the logged events.
    private mutating func redecide(_ group: DecisionGroup, state: AuctionState?, subject: String, into report: inout CheckReport,
                                   facts: inout AuctionFacts) {
        let place = group.labels.joined(separator: ", ")
        guard let first = group.publicEvents.first else {
            report.add(.auctionHistory, subject, "private annex without its public event: \(place)")
            return
        }
        if case .auctionCreated = first.event { return }
        guard let command = group.command, let now = group.decidedAt else {
            report.add(.auctionHistory, subject, "events no command produces (\(first.event.typeName) first, or a bid without its maximum): \(place)")
            facts.consistent = false
            return
        }
        decisionsChecked += 1
        switch Auction.decide(state, command, commandID: group.commandID, now: now) {
        case .failure(let violation):
            let closedNote = state?.phase == .closed ? " (after the close)" : ""
            report.add(.auctionHistory, subject, "accepted \(first.event.typeName)\(closedNote) that the rules refuse (\(violation)): \(place)")
            facts.consistent = false
        case .success(let expected) where expected != group.events:
            report.add(.auctionHistory, subject,
                       "rules give [\(DecisionGroup.summary(expected))] but the log has [\(DecisionGroup.summary(group.events))] at \(place)")
            facts.consistent = false
        case .success: break
        }
    }

    /// Each user is registered once, at version 1.
    private func checkUsers(_ users: [LoggedEvent<PublicEvent>], into report: inout CheckReport) {
        var seen: [String: String] = [:]
        for user in users {
            guard case .userRegistered(let registered) = user.envelope.event, user.envelope.version == 1 else {
                report.add(.auctionHistory, "user stream", "not a version-1 userRegistered: \(user.label)")
                continue
            }
            if let first = seen[registered.userID.rawValue] {
                report.add(.auctionHistory, "user \(registered.userID)", "registered twice: \(first) and \(user.label)")
            }
            seen[registered.userID.rawValue] = user.label
        }
    }
}
