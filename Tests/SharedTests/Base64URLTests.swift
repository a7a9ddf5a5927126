import Foundation
import Shared
import Testing

/// `Base64URL` against Foundation's base64 (with the URL alphabet and without padding).
@Suite struct Base64URLTests {
    static func reference(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    @Test func encodesLikeFoundationAndDecodesBackForEveryLengthUpTo64() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...64 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let encoded = Base64URL.encode(bytes)
                #expect(encoded == Self.reference(bytes))
                #expect(Base64URL.decode(encoded) == bytes)
            }
        }
    }

    @Test(arguments: ["A", "abcde", "ab+c", "ab/c", "abc=", "ab c", "é", "ab\u{0}c"])
    func refusesWhatNoEncodingProduces(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func decodesTheRFC4648Vectors() {
        let vectors = ["": "", "Zg": "f", "Zm8": "fo", "Zm9v": "foo", "Zm9vYg": "foob", "Zm9vYmE": "fooba", "Zm9vYmFy": "foobar"]
        for (encoded, plain) in vectors {
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        }
    }
}
