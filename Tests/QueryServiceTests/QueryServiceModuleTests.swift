@testable import QueryService
import Testing

@Suite struct QueryServiceModuleTests {
    @Test func theCommandParsesItsDefaults() throws {
        let command = try QueryServiceCommand.parse([])
        #expect(command.port == 8081)
    }
}
