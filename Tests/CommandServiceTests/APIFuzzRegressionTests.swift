import Foundation
import Shared
import Testing
import TestServers

/// Bugs `scripts/api-fuzz.sh` (Schemathesis) found, kept from coming back.
@Suite struct APIFuzzRegressionTests {
    /// Schemathesis sends a JSON body with every method a route does not allow, on one keep-alive
    /// connection. A GET with a body used to be dispatched at once and again when lws finished
    /// reading its body; the doubled answer wedged the connection in a loop that logged 405
    /// forever and left the whole service unable to answer anything.
    @Test func bodiesSentWithDisallowedMethodsOnAKeepAliveConnectionAreAnsweredOnceEach() async throws {
        try await CommandProcesses.with([[]]) { service in
            let script = ExternalClient.webSocketScript().replacingOccurrences(of: "ws_client.py", with: "api_fuzz_keepalive.py")
            let port = service.instances[0].port
            let output = try await WorkerThread.blocking {
                try ChildProcess.run(try ChildProcess.find("python3"), [script, "\(port)", "/v1/sessions", "5"])
            }
            let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let statuses = result["statuses"] as? [Int] ?? []
            #expect(statuses == Array(repeating: 405, count: 40), "\(statuses)")
            #expect(result["healthy"] as? Bool == true)
            let logIn = try await service.post("/v1/sessions", body: #"{"displayName":"x","password":"yyyyyyyy"}"#, headers: [])
            #expect(logIn.status == 401)
        }
    }
}
