/// A TZif file (RFC 9636), the format of the system's `/usr/share/zoneinfo`, read into a `TZifZone`.
///
/// Written by hand: no Swift package reads TZif without Foundation's `TimeZone`, which on Linux
/// needs ICU's data (some 30 MB mapped into every process) and carries the toolchain's frozen copy
/// of the tz database instead of the one Debian updates. The reader takes the bytes; finding and
/// reading the file is the system layer's (`ZoneLoader`).
public enum TZif {
    /// Reads a zone from the bytes of a TZif file. A version 1 file is read from its 32-bit block;
    /// a later one skips that block for the 64-bit one and its footer, the POSIX rule for every time
    /// after the last transition. Leap-second records are skipped: `Date` counts POSIX seconds.
    public static func parse(_ bytes: [UInt8], identifier: String) throws(TZifError) -> TZifZone {
        var r = Reader(bytes: bytes)
        let first = try r.header()
        guard first.version >= 2 else {
            let block = try r.block(first, timeSize: 4)
            return try zone(block, rule: nil, identifier: identifier)
        }
        try r.skip(first.blockSize(timeSize: 4), "the version 1 data block")
        let second = try r.header()
        let block = try r.block(second, timeSize: 8)
        guard r.take() == UInt8(ascii: "\n") else { throw TZifError("the footer does not start with a newline") }
        var footer: [UInt8] = []
        while true {
            guard let c = r.take() else { throw TZifError("the footer does not end with a newline") }
            if c == UInt8(ascii: "\n") { break }
            footer.append(c)
        }
        var rule: POSIXTimeZone?
        if !footer.isEmpty {
            let text = String(decoding: footer, as: UTF8.self)
            guard let parsed = POSIXTimeZone(text) else {
                throw TZifError("the footer '\(text)' is not a POSIX TZ rule")
            }
            rule = parsed
        }
        return try zone(block, rule: rule, identifier: identifier)
    }

    struct Header {
        var version: Int
        var isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt: Int

        func blockSize(timeSize: Int) -> Int {
            timecnt * (timeSize + 1) + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt
        }
    }

    struct Block {
        var times: [Int64]
        var indices: [Int]
        var types: [TZifZone.LocalTimeType]
    }

    static func zone(_ b: Block, rule: POSIXTimeZone?, identifier: String) throws(TZifError) -> TZifZone {
        for i in b.times.indices.dropFirst() where b.times[i] <= b.times[i - 1] {
            throw TZifError("transition \(i) is not later than the one before it")
        }
        return TZifZone(
            identifier: identifier, transitions: b.times, offsets: b.indices.map { b.types[$0].offset },
            initialOffset: b.types[0].offset, rule: rule)
    }

    /// Big-endian fields, each read checked against the end of the bytes.
    struct Reader {
        var bytes: [UInt8]
        var index = 0

        mutating func take() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func skip(_ count: Int, _ what: String) throws(TZifError) {
            guard count >= 0, bytes.count - index >= count else { throw TZifError("truncated in \(what)") }
            index += count
        }

        mutating func integer(_ size: Int, _ what: String) throws(TZifError) -> Int64 {
            guard bytes.count - index >= size else { throw TZifError("truncated in \(what)") }
            var v: UInt64 = 0
            for i in 0..<size { v = v << 8 | UInt64(bytes[index + i]) }
            index += size
            // Sign-extend a 32-bit field.
            return size == 4 ? Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: v))) : Int64(bitPattern: v)
        }

        mutating func header() throws(TZifError) -> Header {
            guard bytes.count - index >= 44 else { throw TZifError("truncated in the header") }
            guard Array(bytes[index..<(index + 4)]) == Array("TZif".utf8) else { throw TZifError("not a TZif file") }
            let v = bytes[index + 4]
            let version: Int
            switch v {
            case 0: version = 1
            case UInt8(ascii: "2")...UInt8(ascii: "9"): version = Int(v - UInt8(ascii: "0"))
            default: throw TZifError("unknown version byte \(v)")
            }
            index += 20
            var counts: [Int] = []
            for _ in 0..<6 {
                // Unsigned 32-bit counts; nothing real has more than a few thousand of anything.
                let c = Int(UInt32(truncatingIfNeeded: try integer(4, "the header")))
                guard c <= 1 << 20 else { throw TZifError("a count of \(c) in the header") }
                counts.append(c)
            }
            let h = Header(
                version: version, isutcnt: counts[0], isstdcnt: counts[1], leapcnt: counts[2], timecnt: counts[3],
                typecnt: counts[4], charcnt: counts[5])
            guard h.typecnt >= 1 else { throw TZifError("no local time types") }
            guard h.isutcnt == 0 || h.isutcnt == h.typecnt, h.isstdcnt == 0 || h.isstdcnt == h.typecnt else {
                throw TZifError("UT/local and standard/wall indicators do not match the local time types")
            }
            return h
        }

        mutating func block(_ h: Header, timeSize: Int) throws(TZifError) -> Block {
            guard bytes.count - index >= h.blockSize(timeSize: timeSize) else {
                throw TZifError("truncated in the data block")
            }
            var times: [Int64] = []
            times.reserveCapacity(h.timecnt)
            for _ in 0..<h.timecnt { times.append(try integer(timeSize, "the transition times")) }
            var indices: [Int] = []
            indices.reserveCapacity(h.timecnt)
            for i in 0..<h.timecnt {
                let t = Int(bytes[index])
                index += 1
                guard t < h.typecnt else {
                    throw TZifError("transition \(i) names local time type \(t) of \(h.typecnt)")
                }
                indices.append(t)
            }
            var types: [TZifZone.LocalTimeType] = []
            for i in 0..<h.typecnt {
                let offset = try integer(4, "the local time types")
                let isDST = bytes[index] != 0
                let abbreviation = Int(bytes[index + 1])
                index += 2
                // RFC 9636: -2^31 is not allowed, and real offsets are within a day.
                guard abs(offset) < 86_400 * 7 else { throw TZifError("local time type \(i) has offset \(offset)") }
                guard abbreviation < h.charcnt else { throw TZifError("local time type \(i) has no designation") }
                types.append(.init(offset: Int(offset), isDST: isDST))
            }
            try skip(h.charcnt + h.leapcnt * (timeSize + 4) + h.isstdcnt + h.isutcnt, "the data block")
            return Block(times: times, indices: indices, types: types)
        }
    }
}

/// Why a TZif file cannot be read.
public struct TZifError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
