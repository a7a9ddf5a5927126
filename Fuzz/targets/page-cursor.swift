import Foundation

/// libFuzzer entry: the opaque `cursor` of the REST listings and the browse page (`PageCursor`),
/// which clients send back and the server must treat as hostile.
///
/// Byte 0 picks the check, the rest is its data.
/// - any token: the data as a `cursor` value never traps; an accepted cursor re-encodes to a
///   token that reads back as the same cursor (what the server hands out, it accepts again).
/// - issued cursors: a cursor built from the data (any ids, any positions) gives a token of
///   base64url characters only (safe in a query string unescaped), and that token reads back as
///   exactly that cursor, unless it is longer than the 1,000 bytes the reader accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPageCursor(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] % 2 == 0 {
        let text = String(decoding: bytes, as: UTF8.self)
        if let cursor = PageCursor(token: text), PageCursor(token: cursor.token) != cursor {
            fatalError("accepted \(text.debugDescription) as \(cursor), whose token does not read back")
        }
        return 0
    }
    let cursor = CursorMaker(bytes).cursor
    let token = cursor.token
    let safe = token.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 95 }
    if !safe || token.isEmpty { fatalError("token \(token.debugDescription) for \(cursor) is not base64url") }
    if token.utf8.count <= 1_000, PageCursor(token: token) != cursor { fatalError("issued \(cursor) does not read back from \(token)") }
    return 0
}

/// Takes integers and strings off the front of the fuzz data.
struct CursorMaker {
    var rest: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) { rest = bytes[...] }

    var cursor: PageCursor {
        var maker = self
        switch maker.byte() % 3 {
        case 0: return .open(endsAt: maker.int64(), auctionID: maker.string())
        case 1: return .seller(sellerID: maker.string(), createdAt: maker.int64(), auctionID: maker.string())
        default: return .bids(auctionID: maker.string(), bidNumber: Int(truncatingIfNeeded: maker.int64()))
        }
    }

    mutating func byte() -> UInt8 { rest.popFirst() ?? 0 }

    mutating func int64() -> Int64 { (0..<8).reduce(0) { value, _ in value << 8 | Int64(byte()) } }

    /// A length byte, then that many bytes as (lossy) UTF-8.
    mutating func string() -> String {
        let count = min(Int(byte()), rest.count)
        defer { rest = rest.dropFirst(count) }
        return String(decoding: rest.prefix(count), as: UTF8.self)
    }
}
