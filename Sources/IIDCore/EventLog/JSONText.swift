#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Minimal JSON text output with a stable key order (JSONSerialization sorts or scrambles keys).
///
/// Everything is appended to one buffer: building a string per value made `--json` output of a
/// large log slower than reading the log.
public enum JSONText {
    public static func quote(_ s: String) -> String {
        var out = ""
        quote(s, into: &out)
        return out
    }

    public static func quote(_ s: String, into out: inout String) {
        // Most strings need no escape: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Strings, numbers, booleans, nil (null), arrays and ordered objects (`[(String, Any?)]`).
    public static func value(_ v: Any?) -> String {
        var out = ""
        write(v, pretty: false, indent: 0, into: &out)
        return out
    }

    public static func object(_ pairs: [(String, Any?)]) -> String {
        var out = ""
        members(pairs, pretty: false, indent: 0, into: &out)
        return out
    }

    /// Objects pretty-printed with two-space indentation, for `--json` output people read too.
    public static func pretty(_ v: Any?) -> String {
        var out = ""
        write(v, pretty: true, indent: 0, into: &out)
        return out
    }

    static func newline(_ depth: Int, into out: inout String) {
        out += "\n"
        for _ in 0..<depth { out += "  " }
    }

    /// Appends `v`. Pretty output breaks non-empty lists and objects over lines, one item each.
    public static func write(_ v: Any?, pretty: Bool, indent: Int, into out: inout String) {
        switch v {
        case nil: out += "null"
        case let s as String: quote(s, into: &out)
        case let b as Bool: out += b ? "true" : "false"
        case let i as Int: out += String(i)
        case let d as Double: out += d.isFinite ? String(d) : "null"
        case let a as [String]:
            items(a.count, pretty: pretty, indent: indent, open: "[", close: "]", into: &out) {
                quote(a[$0], into: &$1)
            }
        // After `[String]` (an empty list matches both) and before `[Any?]`, which pairs also match.
        case let o as [(String, Any?)]: members(o, pretty: false, indent: indent, into: &out)
        case let a as [Any?]:
            items(a.count, pretty: pretty, indent: indent, open: "[", close: "]", into: &out) {
                write(a[$0], pretty: pretty, indent: indent + 1, into: &$1)
            }
        case let o as JSONObject: members(o.pairs, pretty: pretty, indent: indent, into: &out)
        default: out += "null"
        }
    }

    static func members(_ pairs: [(String, Any?)], pretty: Bool, indent: Int, into out: inout String) {
        items(pairs.count, pretty: pretty, indent: indent, open: "{", close: "}", into: &out) { k, out in
            quote(pairs[k].0, into: &out)
            out += pretty ? ": " : ":"
            write(pairs[k].1, pretty: pretty, indent: indent + 1, into: &out)
        }
    }

    static func items(
        _ count: Int, pretty: Bool, indent: Int, open: String, close: String, into out: inout String,
        _ item: (Int, inout String) -> Void
    ) {
        out += open
        for k in 0..<count {
            if k > 0 { out += "," }
            if pretty { newline(indent + 1, into: &out) }
            item(k, &out)
        }
        if pretty && count > 0 { newline(indent, into: &out) }
        out += close
    }
}

/// An ordered JSON object.
public struct JSONObject: @unchecked Sendable {
    public var pairs: [(String, Any?)]
    public init(_ pairs: [(String, Any?)]) { self.pairs = pairs }
}
