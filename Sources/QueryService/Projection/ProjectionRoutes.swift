import Foundation
import Shared

/// The projection's HTTP surface: `GET /ready` (200 only when migrations are applied, Redis is
/// reachable, no history was lost and the lag is under the `ReadinessPolicy`; otherwise 503 in
/// the API error shape with the reasons) and `GET /v1/projection/status` (the full
/// `ProjectionStatus` as JSON, always 200).
enum ProjectionRoutes {
    static func add(to router: inout Router, monitor: ProjectionMonitor, policy: ReadinessPolicy) {
        router.get("/ready") { _ in
            let status = monitor.status
            let reasons = status.notReadyReasons(policy)
            guard reasons.isEmpty else {
                return APIError(
                    status: 503, code: "not_ready", message: "This node is not ready: \(reasons.joined(separator: "; ")).",
                    details: [
                        "lagEntries": .int(status.lagEntries), "lagMilliseconds": .int(Int64(status.lagSeconds * 1000)),
                        "lostHistory": .bool(!status.lostHistory.isEmpty),
                    ]
                ).response
            }
            return .json(Array(#"{"status":"ready","position":\#(status.position),"lagEntries":\#(status.lagEntries)}"#.utf8))
        }
        router.get("/v1/projection/status") { _ in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            guard let body = try? encoder.encode(monitor.status) else { return APIError.internalError.response }
            return .json(Array(body))
        }
    }
}
