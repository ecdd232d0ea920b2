import Foundation
import IIDCore
import Testing

/// Seeded mutations of real header shapes: whatever the bytes, the reader returns, keeps no
/// control character in what it shows, and matches no address it could not read whole.
@Suite struct MailHeadersFuzzTests {

    static let seeds = [
        "From: \"Doe, Jane\" <jane@acme.example>\r\nTo: Team: a@x.example, (c) b@y.example;\r\n"
            + "Subject: =?utf-8?q?caf=C3=A9?= =?utf-8?b?w5Znw7xy?= plain\r\n"
            + "Date: Tue, 3 Dec 2024 10:14:07 +0100 (CET)\r\nMessage-ID: <a.b@acme.example>\r\n\r\nbody",
        "From: =?utf-8?q?J=C3=A9r=C3=B4me?= <j@x.example>\nCc: <@relay:k@x.example>, \"q\\\"uote\" <q@x.example>\n"
            + "Auto-Submitted: auto-replied\nReturn-Path: <>\nDate: 3 Dec 24 10:14 EST\n\n",
    ]
    static let pieces: [[UInt8]] = [
        [0x00], [0x1B], [0x0D], [0x0A], [0x0D, 0x0A], [0x20], [0x09], [0xFF], [0xC3], [0x9B], Array("=?".utf8),
        Array("?=".utf8), Array("<".utf8), Array(">".utf8), Array("(".utf8), Array(")".utf8), Array("\"".utf8),
        Array(":".utf8), Array(";".utf8), Array(",".utf8), Array("@".utf8), Array("\\".utf8),
        Array("=?utf-8?b?".utf8), Array("bob@example.org".utf8),
    ]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = input
        for _ in 0..<Int(rng.next() % 8 + 1) {
            let at = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count))
            switch rng.next() % 4 {
            case 0: b.insert(contentsOf: pieces[Int(rng.next() % UInt64(pieces.count))], at: at)
            case 1: if !b.isEmpty { b.remove(at: at) }
            case 2: if !b.isEmpty { b[at] = UInt8(truncatingIfNeeded: rng.next()) }
            default:
                // A run repeated: long lines and deep nesting.
                let piece = pieces[Int(rng.next() % UInt64(pieces.count))]
                for _ in 0..<Int(rng.next() % 200) { b.insert(contentsOf: piece, at: at) }
            }
        }
        return b
    }

    static func clean(_ s: String) -> Bool {
        !s.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    @Test func mutatedHeadersNeverCrashLeakControlsOrMatchHalfAddresses() {
        var rng = SplitMix64(state: 3834)
        let iterations = Int(ProcessInfo.processInfo.environment["IID_FUZZ_ITERATIONS"] ?? "") ?? 3000
        var parsed = 0
        for i in 0..<iterations {
            let input = Self.mutate(Array(Self.seeds[i % Self.seeds.count].utf8), &rng)
            let h = MailHeaders(parsing: input)
            parsed += h.fields.count
            #expect(Self.clean(h.subject ?? ""))
            for a in h.from + h.to + h.cc {
                #expect(Self.clean(a.name) && Self.clean(a.address))
                #expect(a.address.contains("@"))
            }
            #expect(h.messageID.map(Self.clean) ?? true)
            _ = MailClassifier.classify(h)
            _ = h.date
        }
        #expect(parsed > iterations)
    }
}
