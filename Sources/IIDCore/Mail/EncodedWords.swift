#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// RFC 2047 encoded words (`=?utf-8?q?caf=C3=A9?=`), as they appear in `Subject:` and in display
/// names. Decoded as leniently as Python's `email` package does, which is what the differential
/// test checks: white space between two encoded words is dropped, a word inside a longer one is
/// decoded too, a `=XX` that is no byte is kept as written, and base64 skips what is not in its
/// alphabet. An unknown charset is read as UTF-8. Nothing here fails: a malformed word is text.
public enum EncodedWords {
    public static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var pendingSpace = String.UnicodeScalarView()
        var afterWord = false
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if u == " " || u == "\t" {
                pendingSpace.append(u)
                i += 1
                continue
            }
            if u == "=", i + 1 < scalars.count, scalars[i + 1] == "?", let (decoded, end) = word(scalars, at: i) {
                // Only white space between two encoded words is dropped (RFC 2047 §6.2).
                if !afterWord { out.append(contentsOf: pendingSpace) }
                pendingSpace.removeAll()
                out.append(contentsOf: decoded.unicodeScalars)
                afterWord = true
                i = end
                continue
            }
            out.append(contentsOf: pendingSpace)
            pendingSpace.removeAll()
            out.append(u)
            afterWord = false
            i += 1
        }
        out.append(contentsOf: pendingSpace)
        return String(out)
    }

    /// The encoded word starting at `start` (`=?`), decoded, and the index after it.
    static func word(_ s: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var i = start + 2
        func field() -> String? {
            var f = ""
            while i < s.count, s[i] != "?" {
                if s[i] == " " || s[i] == "\t" || s[i].value < 0x21 || s[i].value > 0x7E { return nil }
                f.unicodeScalars.append(s[i])
                i += 1
            }
            guard i < s.count else { return nil }
            i += 1
            return f
        }
        guard let charsetField = field(), !charsetField.isEmpty, let encoding = field(), encoding.count == 1 else {
            return nil
        }
        var payload: [UInt8] = []
        while i + 1 < s.count, !(s[i] == "?" && s[i + 1] == "=") {
            let v = s[i].value
            if v <= 0x20 || v > 0x7E { return nil }
            payload.append(UInt8(v))
            i += 1
        }
        guard i + 1 < s.count else { return nil }
        let end = i + 2
        // `utf-8*en`: RFC 2231's language tag after the charset.
        let charset = charsetField.split(separator: "*", maxSplits: 1).first.map(String.init) ?? charsetField
        let bytes: [UInt8]
        switch encoding.lowercased() {
        case "q": bytes = q(payload)
        case "b": bytes = base64(payload)
        default: return nil
        }
        return (text(bytes, charset: charset), end)
    }

    static func q(_ p: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var i = 0
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "_") {
                out.append(0x20)
            } else if b == UInt8(ascii: "="), i + 2 < p.count, let h = TextDecoding.hex(p[i + 1]),
                let l = TextDecoding.hex(p[i + 2])
            {
                out.append(h << 4 | l)
                i += 3
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    /// Base64 that skips characters outside its alphabet and decodes a final partial group, as
    /// Python's lenient decoder does (its `binascii.a2b_base64` without `strict_mode`).
    static func base64(_ p: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var bits = 0
        for b in p {
            let v: UInt8
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = b - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = b - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = b - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="):
                // Padding ends the data.
                return out
            default: continue
            }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }

    static func text(_ bytes: [UInt8], charset: String) -> String {
        switch TextDecoding.charset(named: charset) {
        case .latin1: return TextDecoding.text(bytes, charset: .latin1)
        case .windows1252: return TextDecoding.windows1252(bytes)
        case .utf8, nil: return String(decoding: bytes, as: UTF8.self)
        }
    }
}
