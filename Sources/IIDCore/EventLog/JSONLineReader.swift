/// A JSON reader for the event log's lines: one flat object whose values are strings, numbers or
/// lists of strings; anything else is read and set aside. Like Foundation's reader, it allows a
/// trailing comma in objects and lists.
///
/// Written for the log because JSONSerialization builds an `NSDictionary` of bridged objects per
/// line, which made it most of the cost of starting on a large log. One file of a little over 300
/// lines: a scanner over one byte buffer, whose parts (strings with their escapes, numbers, lists)
/// share its index and are only ever used together.
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

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

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

    private func peek(_ c: UInt8) -> Bool { i < b.count && b[i] == c }

    private mutating func atEnd() -> Bool {
        space()
        return i == b.count
    }

    private mutating func space() {
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

    private mutating func literal(_ word: StaticString) -> Failure? {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return .syntax }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { return .syntax }
        i += n
        return nil
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() -> Failure? {
        func digits() -> Int {
            let s = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - s
        }
        if peek(UInt8(ascii: "-")) { i += 1 }
        guard i < b.count else { return .syntax }
        if b[i] == 0x30 {
            i += 1
        } else if digits() == 0 {
            return .syntax
        }
        if peek(UInt8(ascii: ".")) {
            i += 1
            guard digits() > 0 else { return .syntax }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            i += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { i += 1 }
            guard digits() > 0 else { return .syntax }
        }
        return nil
    }

    /// A string at `"`; its escapes decoded, its bytes required to be UTF-8.
    private mutating func string() -> Result<String, Failure> {
        i += 1
        let start = i
        var ascii = true
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: b[start..<i])
                i += 1
                // ASCII needs no validation, and decoding it is the fast path.
                if ascii { return .success(String(decoding: raw, as: UTF8.self)) }
                guard let s = String(validating: raw, as: UTF8.self) else { return .failure(.encoding) }
                return .success(s)
            }
            if c >= 0x80 { ascii = false }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { return .failure(.syntax) }
            i += 1
        }
        // With escapes: decode into a buffer.
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { return .failure(.encoding) }
                return .success(s)
            }
            if c < 0x20 { return .failure(.syntax) }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < b.count else { return .failure(.syntax) }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var unit = hex4() else { return .failure(.syntax) }
                if (0xD800..<0xDC00).contains(unit) {
                    // A high surrogate must be followed by an escaped low one.
                    guard peek(UInt8(ascii: "\\")), i + 1 < b.count, b[i + 1] == UInt8(ascii: "u") else {
                        return .failure(.syntax)
                    }
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return .failure(.syntax) }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(unit) {
                    return .failure(.syntax)
                }
                guard let scalar = Unicode.Scalar(unit) else { return .failure(.syntax) }
                UTF8.encode(scalar) { out.append($0) }
            default: return .failure(.syntax)
            }
        }
        return .failure(.syntax)
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }
}
