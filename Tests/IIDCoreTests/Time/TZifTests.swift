import Foundation
import Testing

@testable import IIDCore

/// TZif files built byte by byte, so that each part of RFC 9636 is tested on its own.
@Suite struct TZifTests {
    struct TypeSpec {
        var offset: Int32
        var isDST: Bool
        var name: String
    }

    /// A TZif file: a version 1 block (written with `v1Offset` as its only type, so that a reader
    /// that reads it instead of the 64-bit block is caught), then the 64-bit block and the footer.
    static func file(
        version: UInt8 = UInt8(ascii: "2"), transitions: [(Int64, UInt8)], types: [TypeSpec], footer: String?,
        leapSeconds: Int = 0, v1Offset: Int32 = 12_345
    ) -> [UInt8] {
        func be(_ v: Int64, _ size: Int) -> [UInt8] {
            (0..<size).reversed().map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) }
        }
        func header(_ v: UInt8, isut: Int, isstd: Int, leap: Int, time: Int, type: Int, char: Int) -> [UInt8] {
            Array("TZif".utf8) + [v] + [UInt8](repeating: 0, count: 15)
                + [isut, isstd, leap, time, type, char].flatMap { be(Int64($0), 4) }
        }
        var chars: [UInt8] = []
        var index: [Int] = []
        for t in types {
            index.append(chars.count)
            chars += Array(t.name.utf8) + [0]
        }
        // Version 1: no transitions, one type.
        var out = header(version == 0 ? 0 : version, isut: 0, isstd: 0, leap: 0, time: 0, type: 1, char: 4)
        out += be(Int64(v1Offset), 4) + [0, 0] + Array("V1X".utf8) + [0]
        if version == 0 { return out }
        out += header(
            version, isut: types.count, isstd: types.count, leap: leapSeconds, time: transitions.count,
            type: types.count,
            char: chars.count)
        out += transitions.flatMap { be($0.0, 8) }
        out += transitions.map(\.1)
        for (i, t) in types.enumerated() { out += be(Int64(t.offset), 4) + [t.isDST ? 1 : 0, UInt8(index[i])] }
        out += chars
        for i in 0..<leapSeconds { out += be(Int64(78_796_800 + i * 10_000_000), 8) + be(Int64(i + 1), 4) }
        out += [UInt8](repeating: 0, count: types.count * 2)
        if let footer { out += Array("\n\(footer)\n".utf8) }
        return out
    }

    static let lmt = TypeSpec(offset: 3208, isDST: false, name: "LMT")
    static let cet = TypeSpec(offset: 3600, isDST: false, name: "CET")
    static let cest = TypeSpec(offset: 7200, isDST: true, name: "CEST")

    /// Berlin's 2021 changes by hand: 2021-03-28T01:00Z and 2021-10-31T01:00Z.
    static let fat = file(
        transitions: [(-2_422_054_408, 1), (1_616_893_200, 2), (1_635_642_000, 1)], types: [lmt, cet, cest],
        footer: "CET-1CEST,M3.5.0,M10.5.0/3")

    @Test func readsTheSixtyFourBitBlockAndItsTransitions() throws {
        let z = try TZif.parse(Self.fat, identifier: "Test/Fat")
        #expect(z.identifier == "Test/Fat")
        #expect(z.secondsFromGMT(at: -3_000_000_000) == 3208, "before the first transition: type 0")
        #expect(z.secondsFromGMT(at: -2_422_054_409) == 3208)
        #expect(z.secondsFromGMT(at: -2_422_054_408) == 3600)
        #expect(z.secondsFromGMT(at: 1_616_893_199) == 3600)
        #expect(z.secondsFromGMT(at: 1_616_893_200) == 7200)
        #expect(z.secondsFromGMT(at: 1_635_641_999) == 7200)
        #expect(z.secondsFromGMT(at: 1_635_642_000) == 3600)
    }

    @Test func theFooterGovernsAfterTheLastTransition() throws {
        let z = try TZif.parse(Self.fat, identifier: "Test/Fat")
        // 2026: 29 March 01:00Z and 25 October 01:00Z; 2099: 29 March and 25 October.
        let spring2026 = Int64(LocalTime.days(year: 2026, month: 3, day: 29)) * 86_400 + 3600
        let autumn2026 = Int64(LocalTime.days(year: 2026, month: 10, day: 25)) * 86_400 + 3600
        #expect(z.secondsFromGMT(at: spring2026 - 1) == 3600)
        #expect(z.secondsFromGMT(at: spring2026) == 7200)
        #expect(z.secondsFromGMT(at: autumn2026 - 1) == 7200)
        #expect(z.secondsFromGMT(at: autumn2026) == 3600)
        let spring2099 = Int64(LocalTime.days(year: 2099, month: 3, day: 29)) * 86_400 + 3600
        #expect(z.secondsFromGMT(at: spring2099 - 1) == 3600)
        #expect(z.secondsFromGMT(at: spring2099) == 7200)
    }

    @Test func aSlimFileWithOnlyAFooterIsTheRuleEverywhere() throws {
        let slim = Self.file(transitions: [], types: [Self.cet], footer: "CET-1CEST,M3.5.0,M10.5.0/3")
        let z = try TZif.parse(slim, identifier: "Test/Slim")
        let spring = Int64(LocalTime.days(year: 1980, month: 3, day: 30)) * 86_400 + 3600
        #expect(z.secondsFromGMT(at: spring - 1) == 3600)
        #expect(z.secondsFromGMT(at: spring) == 7200)
        #expect(z.secondsFromGMT(for: Date(timeIntervalSince1970: Double(spring) - 0.5)) == 3600)
    }

    @Test func anEmptyFooterKeepsTheLastType() throws {
        let z = try TZif.parse(
            Self.file(transitions: [(0, 1)], types: [Self.lmt, Self.cest], footer: ""), identifier: "Test/Empty")
        #expect(z.secondsFromGMT(at: -1) == 3208)
        #expect(z.secondsFromGMT(at: 4_000_000_000) == 7200)
    }

    @Test func aVersionOneFileIsReadFromItsOnlyBlock() throws {
        let z = try TZif.parse(Self.file(version: 0, transitions: [], types: [], footer: nil), identifier: "Test/V1")
        #expect(z.secondsFromGMT(at: 0) == 12_345)
    }

    @Test func leapSecondRecordsAreSkipped() throws {
        let z = try TZif.parse(
            Self.file(transitions: [(100, 1)], types: [Self.lmt, Self.cet], footer: "CET-1", leapSeconds: 3),
            identifier: "Test/Leap")
        #expect(z.secondsFromGMT(at: 99) == 3208)
        #expect(z.secondsFromGMT(at: 100) == 3600)
    }

    /// Every truncation of a real-shaped file is an error, never a crash or a zone.
    @Test func truncatedFilesAreErrors() {
        for length in 0..<(Self.fat.count - 1) {
            #expect(throws: TZifError.self, "\(length) bytes") {
                _ = try TZif.parse(Array(Self.fat.prefix(length)), identifier: "Test/Cut")
            }
        }
    }

    @Test func malformedFilesAreErrorsNamingTheFault() {
        func error(_ bytes: [UInt8]) -> String? {
            do {
                _ = try TZif.parse(bytes, identifier: "Test/Bad")
                return nil
            } catch { return error.message }
        }
        var magic = Self.fat
        magic[0] = UInt8(ascii: "X")
        #expect(error(magic) == "not a TZif file")
        #expect(error(Array("# not a zone\n".utf8)) == "truncated in the header")
        var version = Self.fat
        version[4] = UInt8(ascii: "!")
        #expect(error(version)?.hasPrefix("unknown version") == true)
        let badIndex = Self.file(transitions: [(0, 7)], types: [Self.cet], footer: "")
        #expect(error(badIndex) == "transition 0 names local time type 7 of 1")
        let unordered = Self.file(transitions: [(10, 0), (5, 0)], types: [Self.cet], footer: "")
        #expect(error(unordered) == "transition 1 is not later than the one before it")
        let badFooter = Self.file(transitions: [], types: [Self.cet], footer: "CET-1CEST,M13.5.0,M10.5.0")
        #expect(error(badFooter) == "the footer 'CET-1CEST,M13.5.0,M10.5.0' is not a POSIX TZ rule")
        let noTypes = Self.file(transitions: [], types: [], footer: "")
        #expect(error(noTypes) == "no local time types")
    }

    /// Bytes flipped at random in a valid file: each parse ends, with a zone or an error.
    @Test func flippedBytesNeverCrash() {
        var rng = SplitMix64(state: 99)
        var errors = 0
        for _ in 0..<2000 {
            var bytes = Self.fat
            for _ in 0..<3 {
                let i = Int(rng.next() % UInt64(bytes.count))
                bytes[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            do {
                let z = try TZif.parse(bytes, identifier: "Test/Fuzz")
                _ = z.secondsFromGMT(at: Int64(truncatingIfNeeded: rng.next()))
            } catch { errors += 1 }
        }
        #expect(errors > 0)
    }

    @Test func foundationAgreesOnBerlinAsTheSystemFileSaysIt() throws {
        // ICU's copy of the tz database and the system's, read by other code than iid's.
        let foundation = try #require(TimeZone(identifier: "Europe/Berlin"))
        for t in stride(from: Int64(0), to: 4_000_000_000, by: 3_600 * 97) {
            let date = Date(timeIntervalSince1970: Double(t))
            #expect(berlin.secondsFromGMT(for: date) == foundation.secondsFromGMT(for: date), "\(date)")
        }
    }
}
