import Foundation

/// libFuzzer entry: what the pages read from the `Cookie` header: `Cookies.parse` and the flash
/// message of post/redirect/get (`Flash.read`, base64url JSON that anyone can forge).
///
/// Byte 0 picks the check, the rest is its data.
/// - any header: the data as a `Cookie` header never traps; every parsed name and value is free
///   of `;` (one cookie never swallows the next) and of surrounding spaces in the name, and a
///   flash is only ever read for the page it names.
/// - issued values: a cookie the pages set (`Cookies.set`) with a cookie-safe value from the
///   data, sent back among other cookies, parses to that value; a flash the pages set reads back
///   as the same flash (message and values cut to the lengths the cookie keeps).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCookies(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    if data[0] % 2 == 0 {
        let request = HTTPRequest(method: .get, path: "/", headers: ["cookie": text])
        for (name, value) in Cookies.parse(request)
        where name.contains(";") || value.contains(";") || name != name.trimmingCharacters(in: .whitespaces) {
            fatalError("cookie \(name.debugDescription)=\(value.debugDescription) from \(text.debugDescription)")
        }
        for path in ["/", "/auctions/a1", "/login"] {
            if let flash = Flash.read(request, path: path), flash.path != path { fatalError("flash for \(flash.path) shown on \(path)") }
        }
        return 0
    }
    let parts = text.split(separator: "\u{0}", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    // Cookie-safe, as the pages' values are (tokens, hex, base64url): ASCII letters, digits, - and _.
    let safe = text.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    let value = String(String.UnicodeScalarView(safe.prefix(300)))
    let set = Cookies.set("fuzz_value", value, maxAge: 60)
    let header = "other=1; \(set.prefix { $0 != ";" }); fuzz_value=second"
    let parsed = Cookies.parse(HTTPRequest(method: .get, path: "/", headers: ["cookie": header]))["fuzz_value"]
    if parsed != value { fatalError("cookie value \(value.debugDescription) read back as \(String(describing: parsed))") }

    let path = "/auctions/" + value
    let flash = Flash(kind: value.count % 2 == 0 ? .notice : .error, message: parts[0], path: path,
                      values: parts.count > 1 ? ["maximum": parts[1]] : [:])
    let cookie = flash.setCookie.prefix { $0 != ";" }
    let request = HTTPRequest(method: .get, path: path, headers: ["cookie": "a=b; \(cookie)"])
    var expected = flash
    expected.message = String(flash.message.prefix(500))
    expected.values = flash.values.mapValues { String($0.prefix(300)) }
    let read = Flash.read(request, path: path)
    // A flash whose cookie would exceed the 4,000 bytes the reader accepts is dropped, never misread.
    if read != expected, read != nil || cookie.utf8.count <= 4_000 + Flash.cookie.utf8.count + 1 {
        fatalError("flash \(expected) read back as \(String(describing: read))")
    }
    return 0
}
