/// The scalars of `JSONLineReader`: strings with their escapes, numbers, and the literals `true`,
/// `false` and `null`, each read or stepped over from the reader's index.
extension JSONLineReader {
    mutating func literal(_ word: StaticString) -> Failure? {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return .syntax }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { return .syntax }
        i += n
        return nil
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func number() -> Failure? {
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
    mutating func string() -> Result<String, Failure> {
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
