/// A point in time as milliseconds since 1970-01-01T00:00:00Z.
///
/// Every time in the domain comes from ONE clock, Redis `TIME`, read by the service and passed in
/// as `now`; the domain never reads a clock of its own.
public typealias EpochMilliseconds = Int64
