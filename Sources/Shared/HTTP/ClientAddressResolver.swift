import Foundation

/// The address a request really comes from, for per-address limits.
///
/// A browser that logs in through a QueryService node's form reaches the CommandService through
/// that node, which sends the browser's address in `X-Forwarded-For`; a load balancer in front
/// of the nodes does the same for them. Anyone can send that
/// header, so it is believed only when the TCP peer is a configured trusted proxy; the address
/// is then the right-most hop that is not itself a trusted proxy (hops further left were written
/// by the client and may be lies). Without trusted proxies the peer address is used as it is.
package struct ClientAddressResolver: Sendable {
    /// Exact addresses (`127.0.0.1`, `::1`) of proxies whose `X-Forwarded-For` is believed.
    package let trustedProxies: Set<String>
    /// IPv4 blocks (`10.0.0.0/8`) of trusted proxies, as (network, mask); for container networks
    /// whose addresses are not known in advance.
    let trustedBlocks: [(network: UInt32, mask: UInt32)]

    package init(trustedProxies: [String] = []) {
        let entries = trustedProxies.map(Self.normalized)
        self.trustedProxies = Set(entries.filter { !$0.contains("/") })
        trustedBlocks = entries.compactMap(Self.block)
    }

    package func address(of request: HTTPRequest) -> String {
        let peer = Self.normalized(request.remoteAddress)
        guard isTrusted(peer), let header = request.header("x-forwarded-for") else { return peer }
        let hops = header.split(separator: ",").map { Self.normalized(String($0)) }
        for hop in hops.reversed() {
            // A hop that is not an address means the chain cannot be read any further left.
            guard Self.isAddress(hop) else { return peer }
            if !isTrusted(hop) { return hop }
        }
        return peer
    }

    private func isTrusted(_ address: String) -> Bool {
        if trustedProxies.contains(address) { return true }
        guard let value = Self.ipv4(address) else { return false }
        return trustedBlocks.contains { value & $0.mask == $0.network }
    }

    /// `a.b.c.d/n` as (network, mask); nil for anything else.
    package static func block(_ text: String) -> (network: UInt32, mask: UInt32)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let base = ipv4(String(parts[0])), let bits = UInt32(parts[1]), bits <= 32 else { return nil }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        return (base & mask, mask)
    }

    /// Dotted IPv4 text as a number; nil for anything else.
    package static func ipv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
        guard octets.count == 4, text.split(separator: ".", omittingEmptySubsequences: false).count == 4 else { return nil }
        return octets.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Trimmed and lower-cased, an IPv4-mapped IPv6 address as plain IPv4, so that one client
    /// has one counter whichever way the socket reports it.
    package static func normalized(_ address: String) -> String {
        let trimmed = address.trimmingCharacters(in: .whitespaces).lowercased()
        let mapped = "::ffff:"
        if trimmed.hasPrefix(mapped), trimmed.dropFirst(mapped.count).contains(".") { return String(trimmed.dropFirst(mapped.count)) }
        return trimmed
    }

    /// IPv4 or IPv6 text: hex digits, dots and colons, at most 45 characters. Anything else (a
    /// port, a name, an injected key fragment) is not used as an address.
    package static func isAddress(_ text: String) -> Bool {
        (2...45).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (97...102).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        }
    }
}
