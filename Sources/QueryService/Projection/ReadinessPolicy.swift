/// How close to the streams' ends a node must be to answer `/ready` with 200.
struct ReadinessPolicy: Sendable, Hashable {
    var maximumLagEntries: Int64 = 100
    var maximumLagSeconds: Double = 5
}
