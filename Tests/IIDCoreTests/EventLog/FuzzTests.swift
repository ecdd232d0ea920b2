import Foundation
import IIDCore
import Testing

/// A seeded mutation fuzzer for the two parsers of user data. It runs a bounded number of inputs in
/// every test run (IID_FUZZ_ITERATIONS, default 3000; `make fuzz` runs many more) and checks that each
/// input ends in a result or a clear, located error, quickly, and that no log line vanishes silently.
@Suite struct FuzzTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../Corpus"
    )
    .standardized
    static let iterations = Int(ProcessInfo.processInfo.environment["IID_FUZZ_ITERATIONS"] ?? "") ?? 3000
    static let seed = UInt64(ProcessInfo.processInfo.environment["IID_FUZZ_SEED"] ?? "") ?? 0x1dd_5eed

    static func seeds(_ folder: String) -> [[UInt8]] {
        let dir = corpus.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.sorted() ?? []
        return names.compactMap { try? Array(Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    static let tokens: [[UInt8]] = [
        "\n", "\r\n", "\"", "\\", "{", "}", "[", "]", ":", ",", "null", "-", "\u{0}", "\u{FEFF}", "*a", "&a ",
        "!!binary ",
        "2026-02-30T25:61:00+99:00", "99999999d", "-3d", "\t", "# ", "%YAML 1.1\n", "---\n", "...", "? ", "|\n  ",
        ">-\n",
        "\u{202E}", "\u{FF}", #","source":"mail""#, #","source":"x\u001b""#, #""source":"#,
    ].map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !bytes.isEmpty && at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(contentsOf: tokens.randomElement(using: &rng) ?? [], at: at)
            case 2 where at < bytes.count:
                bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng)))
            case 3 where at < bytes.count:
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 4: bytes = Array(bytes.prefix(at))
            case 5:
                bytes.insert(
                    contentsOf: [UInt8](repeating: UInt8(ascii: "["), count: Int.random(in: 1...300, using: &rng)),
                    at: at)
            default: bytes.insert(UInt8.random(in: 0...127, using: &rng), at: at)
            }
        }
        return bytes
    }

    @Test func eventLogReaderNeverLosesALineSilently() {
        var rng = SplitMix64(state: Self.seed)
        let seeds = Self.seeds("events")
        #expect(!seeds.isEmpty)
        var slowest = 0.0
        for _ in 0..<Self.iterations {
            let input = Self.mutate(seeds.randomElement(using: &rng) ?? [], &rng)
            let started = Date()
            let result = EventLogParser.parse(input, file: "fuzz.jsonl")
            slowest = max(slowest, Date().timeIntervalSince(started))
            // Every line that is not blank or a comment yields an event or a located diagnostic.
            let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let meaningful = lines.filter { line in
                // Comments are known by their first bytes, whatever the encoding of the rest.
                let body = line.drop { $0 == 0x20 || $0 == 0x09 }
                if body.first == UInt8(ascii: "#") || body.starts(with: Array("//".utf8)) { return false }
                guard let text = String(validating: line, as: UTF8.self) else { return true }
                let t = text.trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\r")
                )
                .trimmingCharacters(in: .whitespaces)
                return !t.isEmpty
            }.count
            #expect(result.events.count + result.diagnostics.count >= meaningful)
            #expect(result.diagnostics.allSatisfy { $0.location != nil && !$0.message.isEmpty })
            #expect(result.consumed <= input.count)
            // Whatever the bytes, a source that is read is a short word: never text for a terminal.
            #expect(result.events.allSatisfy { $0.origin.map(EventOrigin.isValid) ?? true })
        }
        #expect(slowest < 1, "no input takes a second")
    }

    @Test func configParserEndsInAConfigOrALocatedError() {
        var rng = SplitMix64(state: Self.seed &+ 1)
        let seeds = Self.seeds("config")
        #expect(seeds.count >= 3)
        var rejected = 0
        for _ in 0..<Self.iterations {
            let input = Self.mutate(seeds.randomElement(using: &rng) ?? [], &rng)
            guard let text = String(validating: input, as: UTF8.self) else { continue }
            let started = Date()
            do {
                let r = try ConfigParser.parse(text, file: "fuzz.yaml", knownZones: knownZone)
                #expect(r.warnings.allSatisfy { $0.location != nil })
            } catch {
                rejected += 1
                #expect(error.location.line >= 1 && (error.location.column ?? 0) >= 1)
                #expect(!error.message.isEmpty)
            }
            #expect(Date().timeIntervalSince(started) < 1)
        }
        #expect(rejected > 0, "the mutations do reach the error paths")
    }
}
