/// `GET /health`: the process is alive and its server loop answers. Readiness (dependencies
/// reachable) is a separate question with its own route.
package enum HealthRoutes {
    package static func add(to router: inout Router, service: String) {
        router.get("/health") { _ in
            .json(Array(#"{"status":"ok","service":"\#(service)"}"#.utf8))
        }
    }
}
