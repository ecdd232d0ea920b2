/// Quoted-printable and the character sets that vCard 2.1 exporters declare with `CHARSET=`.
///
/// Only these few are needed: Android writes UTF-8, Outlook Windows-1252, older phones ISO-8859-1.
/// Windows-1252 gets its own table because Foundation's Latin-1 has no €, no smart quotes and no
/// dashes, which are exactly what Outlook puts in 0x80–0x9F.
enum TextDecoding {
    enum Charset: Equatable {
        case utf8, latin1, windows1252
    }

    /// The charset a `CHARSET=` value names, or nil for one this reader does not know (the bytes are
    /// then read as if none had been declared).
    static func charset(named name: String) -> Charset? {
        switch name.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii": .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819": .latin1
        case "windows-1252", "cp1252", "x-cp1252", "windows1252": .windows1252
        default: nil
        }
    }

    /// Text from a value's bytes: as the declared charset; as UTF-8 when the declaration is UTF-8 or
    /// missing and the bytes are valid UTF-8; otherwise as Windows-1252, which maps every byte, so
    /// nothing that was written is dropped.
    static func text(_ bytes: [UInt8], charset: Charset?) -> String {
        switch charset {
        case .latin1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .windows1252:
            return windows1252(bytes)
        case .utf8, nil:
            return String(validating: bytes, as: UTF8.self) ?? windows1252(bytes)
        }
    }

    static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if b >= 0x80 && b <= 0x9F, let s = Unicode.Scalar(high[Int(b - 0x80)]) {
                scalars.append(s)
            } else {
                scalars.append(Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }

    /// 0x80–0x9F in Windows-1252. The five bytes it leaves undefined keep their C1 code points, as
    /// WHATWG's decoder does.
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// RFC 2045 quoted-printable. `=XX` is a byte; an `=` that starts no valid pair is kept as
    /// written, so a malformed value still reads as what the exporter wrote. Soft line breaks are
    /// joined before this (see `VCardLines`), and a last `=` left by a truncated file is dropped.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "=") {
                if i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                    out.append(hi << 4 | lo)
                    i += 3
                    continue
                }
                if i + 1 == bytes.count { break }
            }
            out.append(b)
            i += 1
        }
        return out
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
