import AuctionDomain
import Shared

/// What a batch will do, decided in memory before anything is written: which events to apply (in
/// stream order), how many are duplicates, which entries go to the dead letters.
///
/// The idempotency rule is a version check per aggregate (auction or user): an event whose
/// version is at or below the stored one was applied before and is skipped; the next version is
/// applied; a later one means versions are missing (a gap), and it is dead-lettered.
///
/// Why dead-letter a gap instead of holding it back: one aggregate's events are totally ordered in
/// one stream, so a missing version can never arrive later; holding would only block the
/// aggregate forever. Every later event of that aggregate is then a gap too and is dead-lettered
/// as well, which keeps its read-model row at the last consistent state. Such a gap only happens
/// when Redis lost history or a writer misbehaved; the dead letters make it visible.
struct BatchPlan: Sendable {
    /// An event to apply and the entry it came from.
    struct Step: Sendable {
        let entry: ProjectionEntry
        let envelope: PublicEventEnvelope
    }

    var steps: [Step] = []
    var duplicates = 0
    var deadLetters: [DeadLetter] = []

    /// The aggregates whose stored versions `make` needs.
    static func aggregates(of entries: [ProjectionEntry]) -> Set<AggregateID> {
        Set(entries.compactMap { entry in
            if case .event(let envelope) = entry.content { envelope.aggregate } else { nil }
        })
    }

    /// Plans `entries` (in stream order per stream) against the stored versions (absent = 0).
    static func make(_ entries: [ProjectionEntry], storedVersions: [AggregateID: Int64]) -> BatchPlan {
        var plan = BatchPlan()
        var versions = storedVersions
        for entry in entries {
            switch entry.content {
            case .unreadable(let reason):
                plan.deadLetters.append(DeadLetter(entry, reason: reason))
            case .event(let envelope):
                let stored = versions[envelope.aggregate] ?? 0
                if envelope.version <= stored {
                    plan.duplicates += 1
                } else if envelope.version == stored + 1 {
                    versions[envelope.aggregate] = envelope.version
                    plan.steps.append(Step(entry: entry, envelope: envelope))
                } else {
                    let reason = "version gap for \(envelope.aggregate): expected version \(stored + 1), got \(envelope.version)"
                    plan.deadLetters.append(DeadLetter(entry, reason: reason))
                }
            }
        }
        return plan
    }
}
