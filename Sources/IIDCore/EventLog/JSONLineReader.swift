/// A JSON reader for the event log's lines: one flat object whose values are strings, numbers or
/// lists of strings; anything else is read and set aside. Like Foundation's reader, it allows a
/// trailing comma in objects and lists.
///
/// Written for the log because JSONSerialization builds an `NSDictionary` of bridged objects per
/// line, which made it most of the cost of starting on a large log. A scanner over one byte buffer,
/// in two files: the object and its values here, the scalars (strings with their escapes, numbers,
/// `true`, `false` and `null`) in `JSONLineReader+Scalars.swift`. Both move the one index, so the
/// buffer, the index and the steps over white space are not private to this file; nothing outside
/// the reader uses them.
struct JSONLineReader {
    /// A value as the event format sees it.
    enum Value {
        case string(String)
        case number(Double)
        case bool
        case null
        case strings([String])
        /// An object, or a list that holds something other than strings.
        case other
    }

    enum Failure: Error {
        case syntax
        case encoding
        case notObject
    }

    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    /// Reads the whole input as one object, calling `member` for each key and value in order.
    static func members(
        of bytes: UnsafeBufferPointer<UInt8>, _ member: (String, Value) -> Void
    ) -> Failure? {
        var r = JSONLineReader(bytes)
        r.space()
        guard r.i < r.b.count else { return .syntax }
        guard r.b[r.i] == UInt8(ascii: "{") else {
            // A list, a string or a number is JSON, just not an event.
            return r.skip(depth: 0) == nil && r.atEnd() ? .notObject : .syntax
        }
        r.i += 1
        r.space()
        if r.peek(UInt8(ascii: "}")) {
            r.i += 1
            return r.atEnd() ? nil : .syntax
        }
        while true {
            r.space()
            guard r.peek(UInt8(ascii: "\"")) else { return .syntax }
            let key: String
            switch r.string() {
            case .success(let s): key = s
            case .failure(let f): return f
            }
            r.space()
            guard r.peek(UInt8(ascii: ":")) else { return .syntax }
            r.i += 1
            r.space()
            switch r.value() {
            case .success(let v): member(key, v)
            case .failure(let f): return f
            }
            r.space()
            guard r.i < r.b.count else { return .syntax }
            if r.b[r.i] == UInt8(ascii: ",") {
                r.i += 1
                r.space()
                // A trailing comma, as Foundation's reader allows: hand-written lines have them.
                if r.peek(UInt8(ascii: "}")) {
                    r.i += 1
                    return r.atEnd() ? nil : .syntax
                }
                continue
            }
            guard r.b[r.i] == UInt8(ascii: "}") else { return .syntax }
            r.i += 1
            return r.atEnd() ? nil : .syntax
        }
    }

    func peek(_ c: UInt8) -> Bool { i < b.count && b[i] == c }

    private mutating func atEnd() -> Bool {
        space()
        return i == b.count
    }

    mutating func space() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func value() -> Result<Value, Failure> {
        guard i < b.count else { return .failure(.syntax) }
        switch b[i] {
        case UInt8(ascii: "\""):
            return string().map { .string($0) }
        case UInt8(ascii: "["):
            let start = i
            i += 1
            var list: [String] = []
            space()
            if peek(UInt8(ascii: "]")) {
                i += 1
                return .success(.strings([]))
            }
            while true {
                space()
                guard peek(UInt8(ascii: "\"")) else {
                    i = start
                    if let f = skip(depth: 0) { return .failure(f) }
                    return .success(.other)
                }
                switch string() {
                case .success(let s): list.append(s)
                case .failure(let f): return .failure(f)
                }
                space()
                guard i < b.count else { return .failure(.syntax) }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    space()
                    if peek(UInt8(ascii: "]")) {
                        i += 1
                        return .success(.strings(list))
                    }
                    continue
                }
                guard b[i] == UInt8(ascii: "]") else { return .failure(.syntax) }
                i += 1
                return .success(.strings(list))
            }
        case UInt8(ascii: "{"):
            if let f = skip(depth: 0) { return .failure(f) }
            return .success(.other)
        default:
            let start = i
            if let f = skip(depth: 0) { return .failure(f) }
            switch b[start] {
            case UInt8(ascii: "t"), UInt8(ascii: "f"): return .success(.bool)
            case UInt8(ascii: "n"): return .success(.null)
            default:
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                guard let d = Double(text) else { return .failure(.syntax) }
                return .success(.number(d))
            }
        }
    }

    /// Steps over one value, checking its syntax; nil when it was well-formed.
    private mutating func skip(depth: Int) -> Failure? {
        guard depth < 64, i < b.count else { return .syntax }
        switch b[i] {
        case UInt8(ascii: "\""):
            if case .failure(let f) = string() { return f }
            return nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let object = b[i] == UInt8(ascii: "{")
            let close = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
            i += 1
            space()
            if peek(close) {
                i += 1
                return nil
            }
            while true {
                space()
                if object {
                    guard peek(UInt8(ascii: "\"")) else { return .syntax }
                    if case .failure(let f) = string() { return f }
                    space()
                    guard peek(UInt8(ascii: ":")) else { return .syntax }
                    i += 1
                    space()
                }
                if let f = skip(depth: depth + 1) { return f }
                space()
                guard i < b.count else { return .syntax }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    space()
                    if peek(close) {
                        i += 1
                        return nil
                    }
                    continue
                }
                guard b[i] == close else { return .syntax }
                i += 1
                return nil
            }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }
}
