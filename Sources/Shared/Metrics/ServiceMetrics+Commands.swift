/// CommandService metrics: commands by outcome, lock wait, append latency, events appended.
extension ServiceMetrics {
    /// Counts one handled command and records how long it took, lock and append included.
    /// - Parameter command: the command's name (`placeBid`, `createAuction`...): a fixed word.
    package func commandCompleted(_ command: String, outcome: CommandOutcome, duration: Duration) {
        counter(MetricName.commands, [("command", command), ("outcome", outcome.rawValue)]).increment()
        timer(MetricName.commandDuration, [("command", command)]).record(duration: duration)
    }

    /// Records the time spent waiting for a per-auction lock (whether or not it was acquired).
    package func lockWaited(_ duration: Duration) { lockWait.record(duration: duration) }

    /// Records one conditional append (version check and XADD, one script call) and counts the
    /// events it appended (zero when the version check refused it).
    package func appendCompleted(duration: Duration, events: Int) {
        appendDuration.record(duration: duration)
        if events > 0 { eventsAppended.increment(by: events) }
    }
}
