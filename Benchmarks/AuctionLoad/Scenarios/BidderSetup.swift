import Foundation
import Synchronization

/// Users and auctions for the bid scenarios, made through the CommandService API: one seller, who
/// lists the auctions, and `bidders` other users, each signed up on its own thread (password
/// hashing is deliberately slow).
struct BidderSetup {
    var host = "127.0.0.1"
    var port: Int
    var bidders: Int
    var auctions: Int

    struct Prepared {
        var tokens: [String]
        var auctionIDs: [String]
    }

    func prepare() throws -> Prepared {
        let run = UUID().uuidString.prefix(8).lowercased()
        let password = "bench-password-\(run)"
        let tokens = Mutex<[Int: String]>([:])
        let failure = Mutex<(any Error)?>(nil)
        let group = DispatchGroup()
        for index in 0..<bidders {
            group.enter()
            Thread {
                do {
                    let token = try AuctionAPI(host: host, port: port, keyPrefix: "u").signUp(name: "b\(run)-\(index)", password: password)
                    tokens.withLock { $0[index] = token }
                } catch {
                    failure.withLock { $0 = error }
                }
                group.leave()
            }.start()
        }
        let seller = AuctionAPI(host: host, port: port, keyPrefix: "s-\(run)")
        let sellerToken = try seller.signUp(name: "s\(run)", password: password)
        var auctionIDs: [String] = []
        for index in 0..<auctions {
            auctionIDs.append(try seller.createAuction(token: sellerToken, title: "Lot \(index)", startingMinorUnits: 10_00, seconds: 3_600))
        }
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        return Prepared(tokens: (0..<bidders).compactMap { index in tokens.withLock { $0[index] } }, auctionIDs: auctionIDs)
    }
}
