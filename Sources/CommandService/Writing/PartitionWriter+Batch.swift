import AuctionDomain
import Shared

extension PartitionWriter {
    /// One auction's commands in a batch, in arrival order, and what became of them.
    private struct AuctionGroup {
        let auctionID: AuctionID
        var commands: [QueuedCommand] = []
    }

    /// A command decided in this batch, waiting for the commit's answer.
    private struct Decided {
        let command: QueuedCommand
        let record: CommandRecord
        let events: [DomainEvent]
        let state: AuctionState?
        /// For a second command with the same id in one batch: the index of the first.
        let duplicateOf: Int?
    }

    /// Runs one batch: begin (leases, snapshots, records, `TIME`), decide, group commit, answer.
    func run(_ batch: [QueuedCommand], _ work: inout WriterWork) async {
        let groups = Self.group(batch)
        let leases = groups.map { group in
            let held = work.held[group.auctionID]
            return LeaseBeginScript.LeaseRequest(
                keys: store.keys(of: group.auctionID), token: held?.token ?? work.token(for: group.auctionID),
                needsSnapshot: held.map { $0.snapshot == .unknown } ?? true)
        }
        let reply: LeaseBeginScript.Reply
        do {
            reply = try await store.begin(
                leases, idempotencyKeys: groups.flatMap { $0.commands.map { store.keys(of: $0.auctionID).idempotency($0.request.commandID) } },
                leaseMilliseconds: policy.leaseMilliseconds, handoffMilliseconds: policy.handoffMilliseconds)
        } catch {
            // The leases may have been taken without our seeing it: remember their tokens, so the
            // next batch recognises them (and idle release frees them).
            for (group, lease) in zip(groups, leases) {
                work.waiting[group.auctionID] = nil
                if work.held[group.auctionID] == nil { work.held[group.auctionID] = HeldLease(token: lease.token, snapshot: .unknown, lastUsed: .now) }
                work.held[group.auctionID]?.snapshot = .unknown
            }
            for command in batch { command.fail(error) }
            return
        }

        var segments: [CommitSegment] = []
        var decided: [[Decided]] = []
        var recordIndex = 0
        for (index, group) in groups.enumerated() {
            let records = reply.records[recordIndex..<(recordIndex + group.commands.count)]
            recordIndex += group.commands.count
            // A command that already ran is answered from its record, whoever holds the lease.
            var open: [QueuedCommand] = []
            for (command, stored) in zip(group.commands, records) {
                if let stored { command.finish(.replayed(stored.record, entryIDs: stored.entryIDs)) } else { open.append(command) }
            }
            let token = leases[index].token
            switch reply.leases[index] {
            case .locked(let remaining):
                work.held[group.auctionID] = nil
                park(open, of: group.auctionID, token: token, remainingLease: remaining, &work)
            case .ours(_, let handBack, let snapshot):
                work.waiting[group.auctionID] = nil
                let state: AuctionState?
                if let snapshot { state = snapshot } else if case .known(let known)? = work.held[group.auctionID]?.snapshot { state = known } else {
                    // Cannot happen: a writer without the state asks for the snapshot.
                    work.held[group.auctionID] = HeldLease(token: token, snapshot: .unknown, lastUsed: .now)
                    for command in open { command.fail(StoreError(description: "no snapshot for \(group.auctionID)")) }
                    continue
                }
                work.held[group.auctionID] = HeldLease(token: token, snapshot: .known(state), lastUsed: .now)
                guard !open.isEmpty || handBack else { continue }
                let (segment, decisions) = decide(open, keys: leases[index].keys, token: token, state: state, now: reply.now, handBack: handBack)
                segments.append(segment)
                decided.append(decisions)
            }
        }
        guard !segments.isEmpty else { return }
        if pauseBeforeCommit > .zero, decided.joined().contains(where: { $0.command.refusedCommits == 0 }) {
            try? await Task.sleep(for: pauseBeforeCommit)
        }

        let clock = ContinuousClock()
        let appendStarted = clock.now
        let outcomes: [GroupCommitScript.Outcome]
        do {
            outcomes = try await store.commit(segments, leaseMilliseconds: policy.leaseMilliseconds, recordTTLSeconds: recordTTLSeconds)
        } catch {
            // The outcome is unknown: the clients retry with their idempotency keys, and the next
            // batch reads the snapshots again.
            for segment in segments { work.held[segment.keys.auctionID]?.snapshot = .unknown }
            for command in decided.joined() { command.command.fail(error) }
            return
        }
        let elapsed = clock.now - appendStarted
        for (segment, (outcome, decisions)) in zip(segments, zip(outcomes, decided)) {
            let auctionID = segment.keys.auctionID
            switch outcome {
            case .committed(let entryIDs):
                metrics.appendCompleted(duration: elapsed, events: decisions.reduce(0) { $0 + $1.events.count })
                if segment.release {
                    work.held[auctionID] = nil
                } else {
                    work.held[auctionID] = HeldLease(token: segment.token, snapshot: .known(segment.state), lastUsed: .now)
                }
                for (index, decision) in decisions.enumerated() {
                    if let first = decision.duplicateOf {
                        decision.command.finish(.replayed(decisions[first].record, entryIDs: entryIDs[first]))
                    } else {
                        decision.command.finish(.decided(decision.record, entryIDs: entryIDs[index], events: decision.events, state: decision.state))
                    }
                }
            case .conflict(let current), .leaseLost(let current):
                metrics.appendCompleted(duration: elapsed, events: 0)
                if case .leaseLost = outcome { work.held[auctionID] = nil } else { work.held[auctionID]?.snapshot = .unknown }
                logger.warning("group commit refused; deciding its commands again", metadata: [
                    "auction": "\(auctionID)", "commands": "\(decisions.count)", "outcome": "\(outcome)",
                    "expectedVersion": "\(segment.expectedVersion)", "currentVersion": "\(current)",
                ])
                for decision in decisions {
                    var command = decision.command
                    command.refusedCommits += 1
                    command.waitingSince = nil
                    if command.refusedCommits >= policy.maximumCommitAttempts { command.fail(CommandUnavailable.tooManyConflicts) } else { work.retry.append(command) }
                }
            }
        }
    }

    /// Decides `commands` one after another against `state`, each seeing the state the previous
    /// ones left, and prepares the auction's segment of the group commit.
    private func decide(
        _ commands: [QueuedCommand], keys: AuctionKeys, token: LockToken, state initial: AuctionState?, now: EpochMilliseconds, handBack: Bool
    ) -> (CommitSegment, [Decided]) {
        var state = initial
        var decisions: [CommitSegment.Decision] = []
        var decided: [Decided] = []
        var firstIndex: [CommandID: Int] = [:]
        for command in commands {
            if let first = firstIndex[command.request.commandID] {
                // A retry of a command of this very batch: it appends nothing and gets the first's answer.
                decided.append(Decided(command: command, record: decided[first].record, events: [], state: decided[first].state, duplicateOf: first))
                decisions.append(CommitSegment.Decision(commandID: command.request.commandID, events: [], record: nil))
                continue
            }
            firstIndex[command.request.commandID] = decided.count
            metrics.lockWaited(.now - command.arrived)
            let before = state
            let decision = Auction.decide(state, command.request.command, commandID: command.request.commandID, now: now)
            let events = (try? decision.get()) ?? []
            var after: AuctionState? = state
            let keep: Bool
            if case .failure(.auctionNotFound) = decision { keep = false } else { keep = true }
            do {
                for event in events { after = try Auction.apply(after, event) }
            } catch {
                // Decided events that do not apply are a bug in the rules: answer 500 (the
                // builder's answer to a success without a state), keep nothing, write nothing.
                logger.error("decided events do not apply", metadata: ["auction": "\(keys.auctionID)", "error": "\(error)"])
                let record = command.record(before, .success([]), nil)
                decisions.append(CommitSegment.Decision(commandID: command.request.commandID, events: [], record: nil))
                decided.append(Decided(command: command, record: record, events: [], state: state, duplicateOf: nil))
                continue
            }
            let record = command.record(before, decision, after)
            state = after
            decisions.append(CommitSegment.Decision(commandID: command.request.commandID, events: events, record: keep ? record : nil))
            decided.append(Decided(command: command, record: record, events: events, state: after, duplicateOf: nil))
        }
        let segment = CommitSegment(
            keys: keys, token: token, expectedVersion: initial?.version ?? 0, decisions: decisions, state: state, release: handBack)
        return (segment, decided)
    }

    /// Parks an auction's commands behind another writer's lease, or answers 503 to those that
    /// have waited for it `LOCK_WAIT_MS` already.
    private func park(_ commands: [QueuedCommand], of auctionID: AuctionID, token: LockToken, remainingLease: Int64, _ work: inout WriterWork) {
        let now = ContinuousClock.now
        let deadline = Duration.milliseconds(policy.waitMilliseconds)
        var still: [QueuedCommand] = []
        for var command in commands {
            let since = command.waitingSince ?? now
            if now - since >= deadline {
                metrics.lockWaited(now - since)
                command.fail(CommandUnavailable.lockBusy)
            } else {
                command.waitingSince = since
                still.append(command)
            }
        }
        guard !still.isEmpty else {
            work.waiting[auctionID] = nil
            return
        }
        let pause = policy.backoff(attempt: work.attempts(of: auctionID), remainingLeaseMilliseconds: remainingLease)
        work.wait(auctionID, token: token, commands: still, retryAt: now + .milliseconds(pause))
    }

    /// The batch's commands by auction, auctions in order of first arrival.
    private static func group(_ batch: [QueuedCommand]) -> [AuctionGroup] {
        var groups: [AuctionGroup] = []
        var index: [AuctionID: Int] = [:]
        for command in batch {
            if let at = index[command.auctionID] {
                groups[at].commands.append(command)
            } else {
                index[command.auctionID] = groups.count
                groups.append(AuctionGroup(auctionID: command.auctionID, commands: [command]))
            }
        }
        return groups
    }
}
