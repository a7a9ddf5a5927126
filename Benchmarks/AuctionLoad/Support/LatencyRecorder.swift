import Histogram
import Synchronization

/// A thread-safe HdrHistogram of latencies in microseconds (1 µs to 60 s, 3 significant digits).
final class LatencyRecorder: Sendable {
    private let histogram = Mutex(Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three))

    /// Records one latency given in nanoseconds; values outside the range are clamped.
    func record(nanoseconds: UInt64) {
        let micros = min(max(nanoseconds / 1_000, 1), 60_000_000)
        histogram.withLock { _ = $0.record(micros) }
    }

    /// p50, p99 and max in milliseconds, plus the sample count, as result metrics.
    func summary(prefix: String = "") -> [String: Double] {
        histogram.withLock { histogram in
            [
                "\(prefix)p50_ms": Double(histogram.valueAtPercentile(50)) / 1_000,
                "\(prefix)p99_ms": Double(histogram.valueAtPercentile(99)) / 1_000,
                "\(prefix)max_ms": Double(histogram.max) / 1_000,
                "\(prefix)samples": Double(histogram.totalCount),
            ]
        }
    }
}
