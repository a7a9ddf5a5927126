import Shared
import Testing

@Suite struct PasswordHasherTests {
    @Test func hashesWithYescryptAndASaltSoTwoHashesOfOnePasswordDiffer() throws {
        let first = try PasswordHasher.hash("correct horse")
        let second = try PasswordHasher.hash("correct horse")
        #expect(first.hasPrefix("$y$"))
        #expect(first != second)
        #expect(!first.contains("correct horse"))
    }

    @Test func verifiesTheRightPasswordAndRejectsOthers() throws {
        let stored = try PasswordHasher.hash("pässwörd 🔑")
        #expect(PasswordHasher.verify("pässwörd 🔑", against: stored))
        #expect(!PasswordHasher.verify("pässwörd", against: stored))
        #expect(!PasswordHasher.verify("", against: stored))
        #expect(!PasswordHasher.verify("pässwörd 🔑", against: "not a hash"))
    }
}

@Suite struct SessionTokenTests {
    let signer = try! SessionTokenSigner(secret: "a-test-secret-of-enough-length")

    @Test func aFreshTokenVerifiesToItsUser() throws {
        let token = signer.issue(userID: "user-42", expiresAt: 2_000)
        #expect(try signer.verify(token, now: 1_000) == "user-42")
    }

    @Test func anExpiredTokenIsRefused() {
        let token = signer.issue(userID: "user-42", expiresAt: 2_000)
        #expect(throws: SessionTokenError.expired) { try signer.verify(token, now: 2_000) }
    }

    @Test func aForgedOrAlteredTokenIsRefused() throws {
        let token = signer.issue(userID: "alice", expiresAt: 2_000)
        let other = try SessionTokenSigner(secret: "another-secret-of-enough-length")
        #expect(throws: SessionTokenError.badSignature) { try other.verify(token, now: 1_000) }
        // Swapping in another user id keeps the old signature, which no longer matches.
        var parts = token.split(separator: ".").map(String.init)
        parts[1] = "Ym9i"  // "bob"
        #expect(throws: SessionTokenError.badSignature) { try signer.verify(parts.joined(separator: "."), now: 1_000) }
        parts = token.split(separator: ".").map(String.init)
        parts[2] = "9999999"
        #expect(throws: SessionTokenError.badSignature) { try signer.verify(parts.joined(separator: "."), now: 1_000) }
    }

    @Test(arguments: ["", "v1", "v1.a.b.c", "v2.YWxpY2U.2000.sig", "v1..2000.sig", "v1.YWxpY2U.2000", String(repeating: "x", count: 600)])
    func malformedTokensAreRefused(token: String) {
        #expect(throws: SessionTokenError.malformed) { try signer.verify(token, now: 1_000) }
    }

    @Test func aShortSecretIsRefused() {
        #expect(throws: SessionTokenError.weakSecret) { try SessionTokenSigner(secret: "short") }
    }
}
