import Foundation
import IIDCore
import IIDSystem
import Testing

/// iid's header parser against Python's `email` package (policy `default`), the reference most
/// mail tools agree with, over the fixtures in `Tests/Fixtures/mail-headers`: real-world shapes
/// and hostile ones (control characters, NULs, overlong lines, bad encodings, a lone CR). Where
/// Python reports a defect it guesses, and its answer is no reference: `Tests/Support/mail_headers.py`
/// gives null there, and iid's own answer is held by `MailHeadersTests` instead.
@Suite struct MailHeadersDifferentialTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Fixtures/mail-headers")
    static let script = root.appendingPathComponent("Support/mail_headers.py")

    struct Reference: Decodable {
        struct Mailbox: Decodable, Equatable {
            var name: String
            var address: String
        }
        var file: String
        var subject: String?
        var from: [Mailbox]?
        var to: [Mailbox]?
        var cc: [Mailbox]?
        var date: Int?
        var message_id: String?
        var names: [String]
    }

    @Test func everyFixtureReadsAsPythonReadsIt() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter {
            $0.hasSuffix(".eml")
        }.sorted()
        #expect(files.count >= 20)
        let dir = TempDir()
        let out = dir.path + "/reference.json"
        let outcome = await SpawnRunner().run(
            ["python3", Self.script.path, out] + files.map { Self.fixtures.appendingPathComponent($0).path }, input: [],
            timeout: .seconds(60))
        try #require(outcome.succeeded, "\(outcome.summary)")
        let references = try JSONDecoder().decode([Reference].self, from: Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(references.map(\.file) == files)
        var compared = 0
        for ref in references {
            let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent(ref.file)))
            let h = MailHeaders(parsing: bytes)
            let names = h.fields.map { MailText.clean($0.lowercasedName) }
            #expect(names == ref.names, "\(ref.file): field names")
            #expect(h.subject == ref.subject, "\(ref.file): Subject")
            func boxes(_ a: [MailAddress]) -> [Reference.Mailbox] {
                a.map { .init(name: $0.name, address: $0.address) }
            }
            if let from = ref.from {
                #expect(boxes(h.from) == from, "\(ref.file): From")
                compared += 1
            }
            if let to = ref.to { #expect(boxes(h.to) == to, "\(ref.file): To") }
            if let cc = ref.cc { #expect(boxes(h.cc) == cc, "\(ref.file): Cc") }
            if let date = ref.date {
                #expect(h.date.map { Int($0.timeIntervalSince1970) } == date, "\(ref.file): Date")
                compared += 1
            }
            if let id = ref.message_id { #expect(h.messageID == id, "\(ref.file): Message-ID") }
        }
        #expect(compared >= 30, "most fixtures have a reference to compare with")
    }

    /// The hash of a Message-ID is SHA-256 as `sha256sum` computes it, over lengths around the
    /// block boundaries and beyond one block.
    @Test func theHashIsSha256sums() async throws {
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let outcome = await SpawnRunner().run(["sha256sum"], input: bytes, timeout: .seconds(10))
            try #require(outcome.succeeded, "\(outcome.summary)")
            #expect(outcome.stdout.prefix(64) == SHA256.hex(bytes), "length \(length)")
        }
    }
}
