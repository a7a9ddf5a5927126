/// One stream entry: its ID and its field-value pairs, in the order they were added.
package struct RedisStreamEntry: Sendable, Equatable {
    package var id: RedisStreamEntryID
    /// Field names are text; values are raw bytes (an event may be binary, such as JSON or protobuf).
    package var fields: [(name: String, value: [UInt8])]

    package init(id: RedisStreamEntryID, fields: [(name: String, value: [UInt8])]) {
        self.id = id
        self.fields = fields
    }

    /// The value of the first field called `name`.
    package subscript(name: String) -> [UInt8]? {
        fields.first { $0.name == name }?.value
    }

    /// The value of the first field called `name`, if it is valid UTF-8.
    package func string(_ name: String) -> String? {
        self[name].flatMap { String(validating: $0, as: UTF8.self) }
    }

    package static func == (lhs: RedisStreamEntry, rhs: RedisStreamEntry) -> Bool {
        lhs.id == rhs.id && lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Decodes `[id, [field, value, ...]]`. A nil field list (an entry deleted while pending) has no fields.
    init(reply: RedisValue) throws {
        guard let parts = reply.array, parts.count == 2, let text = parts[0].string, let id = RedisStreamEntryID(text) else {
            throw RedisError(code: .unexpectedReply, message: "malformed stream entry \(reply)")
        }
        let flat = parts[1].isNull ? [] : parts[1].array
        guard let flat, flat.count.isMultiple(of: 2) else {
            throw RedisError(code: .unexpectedReply, message: "malformed fields of stream entry \(text)")
        }
        var fields: [(name: String, value: [UInt8])] = []
        fields.reserveCapacity(flat.count / 2)
        for index in stride(from: 0, to: flat.count, by: 2) {
            guard let name = flat[index].string, let value = flat[index + 1].bytes else {
                throw RedisError(code: .unexpectedReply, message: "malformed field of stream entry \(text)")
            }
            fields.append((name, value))
        }
        self.init(id: id, fields: fields)
    }
}
