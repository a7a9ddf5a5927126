import Testing
import TestServers

@Suite struct HarnessTests {
    @Test func startsRealServers() throws {
        let redis = try TestEnvironment.redis()
        #expect(redis.port > 0)
        let postgres = try TestEnvironment.postgres()
        let name = try postgres.createDatabase()
        #expect(name.hasPrefix("t_"))
    }
}
