#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Minimal JSON text output with a stable key order (JSONSerialization sorts or scrambles keys).
///
/// Everything is appended to one byte buffer: building a string per value made `--json` output of
/// a large log slower than reading the log, and appending to a `String` (which checks and counts
/// what it is given) still took a fifth of `iictl pending --json` with 10,000 contacts.
public enum JSONText {
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` as a JSON string: quotes, backslashes and control characters escaped, and U+2028 and
    /// U+2029 too, which end a line for some readers.
    public static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Most strings need no escape: appended whole, one copy.
            if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
                out.append(contentsOf: bytes)
                return
            }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0xE2
                where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    // U+2028 and U+2029, E2 80 A8 and E2 80 A9 in UTF-8.
                    out.append(contentsOf: Array("\\u202".utf8))
                    out.append(bytes[i + 2] == 0xA8 ? 0x38 : 0x39)
                    i += 2
                case ..<0x20, 0x7F:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: Array("\\u00".utf8))
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 0xF)])
                default: out.append(b)
                }
                i += 1
            }
        }
        out.append(0x22)
    }

    /// Strings, numbers, booleans, nil (null), arrays and ordered objects (`[(String, Any?)]`).
    public static func value(_ v: Any?) -> String {
        var out: [UInt8] = []
        write(v, pretty: false, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func object(_ pairs: [(String, Any?)]) -> String {
        var out: [UInt8] = []
        members(pairs, pretty: false, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Objects pretty-printed with two-space indentation, for `--json` output people read too.
    public static func pretty(_ v: Any?) -> String { String(decoding: prettyBytes(v), as: UTF8.self) }

    /// `pretty`, as the UTF-8 bytes to write out.
    public static func prettyBytes(_ v: Any?) -> [UInt8] {
        var out: [UInt8] = []
        write(v, pretty: true, indent: 0, into: &out)
        return out
    }

    static func newline(_ depth: Int, into out: inout [UInt8]) {
        out.append(0x0A)
        for _ in 0..<(2 * depth) { out.append(0x20) }
    }

    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends `v`. Pretty output breaks non-empty lists and objects over lines, one item each.
    static func write(_ v: Any?, pretty: Bool, indent: Int, into out: inout [UInt8]) {
        switch v {
        case nil: append("null", to: &out)
        case let s as String: quote(s, into: &out)
        case let b as Bool: append(b ? "true" : "false", to: &out)
        case let i as Int: append(String(i), to: &out)
        case let d as Double: append(d.isFinite ? String(d) : "null", to: &out)
        case let a as [String]:
            items(a, pretty: pretty, indent: indent, open: 0x5B, close: 0x5D, into: &out) { quote($0, into: &$1) }
        // After `[String]` (an empty list matches both) and before `[Any?]`, which pairs also match.
        case let o as [(String, Any?)]: members(o, pretty: false, indent: indent, into: &out)
        case let a as [Any?]:
            items(a, pretty: pretty, indent: indent, open: 0x5B, close: 0x5D, into: &out) {
                write($0, pretty: pretty, indent: indent + 1, into: &$1)
            }
        case let o as JSONObject: members(o.pairs, pretty: pretty, indent: indent, into: &out)
        default: append("null", to: &out)
        }
    }

    static func members(_ pairs: [(String, Any?)], pretty: Bool, indent: Int, into out: inout [UInt8]) {
        items(pairs, pretty: pretty, indent: indent, open: 0x7B, close: 0x7D, into: &out) { pair, out in
            quote(pair.0, into: &out)
            out.append(0x3A)
            if pretty { out.append(0x20) }
            write(pair.1, pretty: pretty, indent: indent + 1, into: &out)
        }
    }

    /// Each element handed over once: reading `pairs[k].0` and `pairs[k].1` copied a pair twice.
    static func items<Elements: Collection>(
        _ elements: Elements, pretty: Bool, indent: Int, open: UInt8, close: UInt8, into out: inout [UInt8],
        _ item: (Elements.Element, inout [UInt8]) -> Void
    ) {
        out.append(open)
        var first = true
        for element in elements {
            if !first { out.append(0x2C) }
            first = false
            if pretty { newline(indent + 1, into: &out) }
            item(element, &out)
        }
        if pretty && !elements.isEmpty { newline(indent, into: &out) }
        out.append(close)
    }
}

/// An ordered JSON object.
public struct JSONObject: @unchecked Sendable {
    public var pairs: [(String, Any?)]
    public init(_ pairs: [(String, Any?)]) { self.pairs = pairs }
}

/// The fields of an object, said once (`TaskJSON.fields`) and written either way: as the pairs of
/// a `JSONObject`, or straight into pretty-printed bytes (`JSONPrettyObject`). A nil value is
/// `null`, never left out. Keys are the program's own words, plain ASCII that JSON writes as it
/// is (the byte writer copies them without looking for anything to escape).
protocol JSONFields {
    mutating func string(_ key: StaticString, _ value: String?)
    mutating func int(_ key: StaticString, _ value: Int?)
    mutating func bool(_ key: StaticString, _ value: Bool)
    mutating func strings(_ key: StaticString, _ value: [String]?)
    /// An object, its fields written by `body`; nil: `null`.
    mutating func object(_ key: StaticString, _ body: ((inout Self) -> Void)?)
}

/// Fields as the pairs of a `JSONObject`.
struct JSONPairs: JSONFields {
    var pairs: [(String, Any?)] = []
    mutating func string(_ key: StaticString, _ value: String?) { pairs.append((key.description, value)) }
    mutating func int(_ key: StaticString, _ value: Int?) { pairs.append((key.description, value)) }
    mutating func bool(_ key: StaticString, _ value: Bool) { pairs.append((key.description, value)) }
    mutating func strings(_ key: StaticString, _ value: [String]?) { pairs.append((key.description, value)) }
    mutating func object(_ key: StaticString, _ body: ((inout JSONPairs) -> Void)?) {
        guard let body else { return pairs.append((key.description, nil)) }
        var inner = JSONPairs()
        body(&inner)
        pairs.append((key.description, JSONObject(inner.pairs)))
    }
}

/// Fields written as `JSONText.prettyBytes` writes a `JSONObject` at `indent`, into one buffer.
struct JSONPrettyObject: JSONFields {
    /// The buffer, in a box that nested objects share: a buffer handed from value to value is
    /// copied whole on the next append whenever a second reference to it lingers.
    final class Sink {
        var out: [UInt8] = []
    }

    private let sink: Sink
    private let indent: Int
    private var first = true

    init(_ sink: Sink, indent: Int) {
        self.sink = sink
        self.indent = indent
        sink.out.append(0x7B)
    }

    /// Ends the object.
    func close() {
        if !first { JSONText.newline(indent, into: &sink.out) }
        sink.out.append(0x7D)
    }

    private mutating func key(_ key: StaticString) {
        if !first { sink.out.append(0x2C) }
        first = false
        JSONText.newline(indent + 1, into: &sink.out)
        sink.out.append(0x22)
        sink.out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        sink.out.append(0x22)
        sink.out.append(0x3A)
        sink.out.append(0x20)
    }

    mutating func string(_ key: StaticString, _ value: String?) {
        self.key(key)
        if let value { JSONText.quote(value, into: &sink.out) } else { JSONText.append("null", to: &sink.out) }
    }
    mutating func int(_ key: StaticString, _ value: Int?) {
        self.key(key)
        JSONText.append(value.map { String($0) } ?? "null", to: &sink.out)
    }
    mutating func bool(_ key: StaticString, _ value: Bool) {
        self.key(key)
        JSONText.append(value ? "true" : "false", to: &sink.out)
    }
    mutating func strings(_ key: StaticString, _ value: [String]?) {
        self.key(key)
        guard let value else { return JSONText.append("null", to: &sink.out) }
        JSONText.items(value, pretty: true, indent: indent + 1, open: 0x5B, close: 0x5D, into: &sink.out) {
            JSONText.quote($0, into: &$1)
        }
    }
    mutating func object(_ key: StaticString, _ body: ((inout JSONPrettyObject) -> Void)?) {
        self.key(key)
        guard let body else { return JSONText.append("null", to: &sink.out) }
        var inner = JSONPrettyObject(sink, indent: indent + 1)
        body(&inner)
        inner.close()
    }
}
