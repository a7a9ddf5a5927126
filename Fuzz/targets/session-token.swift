import Foundation

/// libFuzzer entry: the session-token verifier every service runs on every `Authorization`
/// header and `auction_session` cookie, with the real HMAC-SHA256 of swift-crypto (fuzz.sh links
/// the Crypto module SwiftPM built; nothing is faked).
///
/// Input layout: byte 0 picks the check, the rest is its data.
/// - issue/verify: the data is a user id and an expiry; `verify(issue(id, expiry))` must give back
///   exactly `id` while the token is fresh and refuse it as expired afterwards.
/// - mutation: a valid token for a user id from the data, with one byte of the data's choosing
///   changed, inserted or removed, must be refused: any change alters the signed payload or the
///   signature text. Verifying to another user would be a forged identity; even to the same user
///   it would mean the signature does not cover every byte.
/// - any string: the raw data as a token never traps, and is accepted only if it is exactly the
///   token the signer issues for the user and expiry it names.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSessionToken(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 3 {
    case 0: SessionTokenProperties.roundTrip(bytes)
    case 1: SessionTokenProperties.mutation(bytes)
    default: SessionTokenProperties.anyString(bytes)
    }
    return 0
}

enum SessionTokenProperties {
    // Constant secrets longer than the 16-byte minimum: `init` cannot throw for them.
    static let signer = try! SessionTokenSigner(secret: "fuzz-session-secret-0123456789")
    static let otherSigner = try! SessionTokenSigner(secret: "another-secret-for-the-fuzzer-9876")
    static let now: Int64 = 1_800_000_000

    /// A non-empty user id from `bytes` (lossy UTF-8, as user ids are text) and an expiry after `now`.
    static func user(_ bytes: [UInt8]) -> (id: String, expiry: Int64) {
        let offset = bytes.first.map { Int64($0) * 1_000 + 1 } ?? 1
        let id = String(decoding: bytes.dropFirst().prefix(200), as: UTF8.self)
        return (id.isEmpty ? "u" : id, now + offset)
    }

    static func roundTrip(_ bytes: [UInt8]) {
        let (id, expiry) = user(bytes)
        let token = signer.issue(userID: id, expiresAt: expiry)
        let verified = Result { () throws(SessionTokenError) in try signer.verify(token, now: now) }
        switch verified {
        case .success(let back) where back == id: break
        case .success(let back): fatalError("token for \(id.debugDescription) verified as \(back.debugDescription)")
        case .failure(let error):
            // Only an id too long for the 512-byte limit may be refused, and only as malformed.
            guard token.utf8.count > 512, error == .malformed else { fatalError("fresh token for \(id.debugDescription) refused: \(error)") }
        }
        if token.utf8.count <= 512 {
            expect(signer, token, now: expiry, refusedAs: .expired)
            expect(otherSigner, token, now: now, refusedAs: .badSignature)
        }
    }

    static func mutation(_ bytes: [UInt8]) {
        guard bytes.count >= 3 else { return }
        let (id, expiry) = user(Array(bytes.dropFirst(2)))
        var token = Array(signer.issue(userID: id, expiresAt: expiry).utf8)
        let position = Int(bytes[0]) * 7 % (token.count + 1)
        switch bytes[1] % 3 {
        case 0 where position < token.count: token[position] = token[position] &+ (bytes[1] | 1)
        case 1: token.insert(bytes[1], at: position)
        case 2 where position < token.count: token.remove(at: position)
        default: return
        }
        let mutated = String(decoding: token, as: UTF8.self)
        if let back = try? signer.verify(mutated, now: now) {
            if back != id { fatalError("a mutated token verified as another user: \(back.debugDescription) instead of \(id.debugDescription)") }
            fatalError("a mutated token still verifies: \(mutated.debugDescription)")
        }
    }

    static func anyString(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let id = try? signer.verify(text, now: now) else { return }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, let expiry = Int64(parts[2]), signer.issue(userID: id, expiresAt: expiry) == text else {
            fatalError("accepted a token the signer did not issue: \(text.debugDescription)")
        }
    }

    private static func expect(_ verifier: SessionTokenSigner, _ token: String, now: Int64, refusedAs expected: SessionTokenError) {
        do throws(SessionTokenError) {
            let id = try verifier.verify(token, now: now)
            fatalError("\(token) verified as \(id.debugDescription); expected \(expected)")
        } catch {
            if error != expected { fatalError("\(token) refused as \(error); expected \(expected)") }
        }
    }
}
