/// QueryService projection metrics: events applied and lag behind the streams.
extension ServiceMetrics {
    /// Counts events applied to the read model by a committed batch (duplicates skipped excluded).
    package func eventsProjected(_ count: Int) {
        if count > 0 { eventsProjected.increment(by: count) }
    }

    /// Sets the measured lag: entries not yet applied, and how long the oldest of them has waited.
    package func projectionLag(entries: Int64, seconds: Double) {
        projectionLagEntries.set(entries)
        projectionLagSeconds.set(seconds)
    }
}
