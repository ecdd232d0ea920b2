import Foundation
import IIDCore
import Testing

/// Import files come from other people's software and are data, never instructions: however
/// truncated or mangled, every reader returns (a result or an error) and does so quickly.
@Suite struct ImportRobustnessTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["IID_FUZZ_SEED"] ?? "") ?? 0x1dd_5eed
    /// Per sample; a larger IID_FUZZ_ITERATIONS (as for FuzzTests) runs more.
    static let mutationsPerFile =
        Int(ProcessInfo.processInfo.environment["IID_FUZZ_ITERATIONS"] ?? "").map { max(1, $0 / 30) } ?? 100

    /// What the formats are made of, so that mutations reach deep into the readers.
    static let tokens: [[UInt8]] =
        [
            "\r\n", "\n", "\r", "\r\r\n", "\r\n ", "=", "=\r\n", "=C3", "=ZZ", ":", ";", ",", "\t", "\"", "\"\"",
            "\\", "\\n", "BEGIN:VCARD\r\n", "END:VCARD\r\n", "item1.", ";CHARSET=Windows-1252", ";CHARSET=",
            ";ENCODING=QUOTED-PRINTABLE", ";PREF=", ";PREF=99999999999999999999", ";TYPE=pref", "\u{FEFF}", "\u{0}",
            "\u{202E}", "é",
        ].map { Array($0.utf8) } + [[0xC3], [0xFF], [0x80], [0xEF, 0xBB]]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...5, using: &rng) {
            let at = Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(contentsOf: tokens.randomElement(using: &rng) ?? [], at: at)
            case 2 where at < bytes.count:
                bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
            case 3 where at < bytes.count:
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 4: bytes = Array(bytes.prefix(at))
            default: bytes.insert(UInt8.random(in: 0...127, using: &rng), at: at)
            }
        }
        return bytes
    }

    /// Every reader, on bytes and on the text iictl would make of them.
    static func readAll(_ bytes: [UInt8]) {
        let text = ImportFixtures.text(of: bytes)
        _ = VCardReader.cards(bytes)
        _ = ContactImport.vCard(text)
        _ = try? CSVReader.rows(text)
        _ = try? ContactImport.csv(text)
        _ = try? ContactImport.linkedIn(text)
    }

    @Test func everyPrefixOfEverySampleIsRead() throws {
        let names = ImportFixtures.all()
        #expect(names.count >= 13)
        for name in names {
            let bytes = try ImportFixtures.bytes(name)
            let step = max(1, bytes.count / 64)
            for end in stride(from: 0, through: bytes.count, by: step) { Self.readAll(Array(bytes.prefix(end))) }
        }
    }

    /// Each line in turn cut short by one to three bytes: a value ending inside `=XX`, a
    /// parameter or a quote, with the rest of the file after it.
    @Test func everyLineCutShortIsRead() throws {
        for name in ImportFixtures.all() {
            let bytes = try ImportFixtures.bytes(name)
            for end in bytes.indices where bytes[end] == UInt8(ascii: "\n") {
                for cut in 1...3 where cut <= end {
                    Self.readAll(Array(bytes[..<(end - cut)] + bytes[end...]))
                }
            }
        }
    }

    @Test func mutatedSamplesAreReadQuickly() throws {
        var rng = SplitMix64(state: Self.seed)
        var slowest = 0.0
        var runs = 0
        for name in ImportFixtures.all() {
            let bytes = try ImportFixtures.bytes(name)
            for _ in 0..<Self.mutationsPerFile {
                let input = Self.mutate(bytes, &rng)
                let started = Date()
                Self.readAll(input)
                slowest = max(slowest, Date().timeIntervalSince(started))
                runs += 1
            }
        }
        #expect(runs >= 13 * Self.mutationsPerFile)
        #expect(slowest < 2, "slowest input took \(slowest) s")
    }

    /// Shapes that would make a naive reader loop or go quadratic (at this size, quadratic is minutes).
    @Test func pathologicalInputsEnd() {
        let big = 60_000
        let inputs: [[UInt8]] = [
            Array("BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:a=\r\n".utf8)
                + Array(repeating: Array("=\r\n".utf8), count: big / 3).flatMap { $0 },
            Array("BEGIN:VCARD\r\nFN;X=\"".utf8)
                + Array(repeating: Array("\r\n x".utf8), count: big / 4).flatMap { $0 },
            Array(repeating: UInt8(ascii: "\""), count: big),
            Array(repeating: UInt8(ascii: "\r"), count: big),
            Array(repeating: UInt8(ascii: ";"), count: big),
            Array(repeating: Array("BEGIN:VCARD\r\n".utf8), count: big / 13).flatMap { $0 },
        ]
        for input in inputs {
            let started = Date()
            Self.readAll(input)
            #expect(Date().timeIntervalSince(started) < 10)
        }
    }
}
