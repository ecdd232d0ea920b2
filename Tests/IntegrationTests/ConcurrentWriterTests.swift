import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Several writers of one event log at once: real parallel iictl processes.
@Suite(.serialized) struct ConcurrentWriterTests {
    @Test func tenAddsAtOnceGetTenIdsAndKeepTheirDetails() throws {
        let s = try Sandbox()
        let ids = Collected()
        // Ten people of one name, on purpose (--force); the duplicate check runs under the lock too.
        DispatchQueue.concurrentPerform(iterations: 10) { i in
            if let r = try? s.iictl("add", "Jane Doe", "--org", "Org\(i)", "--force"), r.status == 0 {
                ids.add(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        #expect(ids.all.count == 10)
        #expect(Set(ids.all).count == 10, "\(ids.all)")
        let list = try s.iictl("list", "--json").stdout
        for i in 0..<10 { #expect(list.contains("\"Org\(i)\"")) }
    }

    @Test func tenAddsOfOnePersonAtOnceAddHerOnce() throws {
        let s = try Sandbox()
        let ids = Collected()
        DispatchQueue.concurrentPerform(iterations: 10) { _ in
            if let r = try? s.iictl("add", "Jane Doe", "--org", "Acme"), r.status == 0 {
                ids.add(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        #expect(ids.all == ["jane-doe"])
    }

    @Test func aWriterThatDiesMidLineCannotSwallowTheNextOne() throws {
        let s = try Sandbox()
        #expect(try s.iictl("add", "Kim Kay").status == 0)
        // Another writer holds the lock, writes half a line and dies (its lock goes with it).
        let lock = open(s.eventsDir + "/.lock", O_RDONLY | O_CREAT, 0o600)
        #expect(flock(lock, LOCK_EX) == 0)
        let month = try #require(
            try FileManager.default.contentsOfDirectory(atPath: s.eventsDir).first { $0.hasSuffix(".jsonl") })
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: s.eventsDir + "/" + month))
        try h.seekToEnd()
        try h.write(contentsOf: Data(#"{"id":"ev-torn","at":"2026-11-01T10:00:00Z","type":"note","con"#.utf8))
        try h.close()
        let note = try TestProcess(
            productsDirectory.appendingPathComponent("iictl").path, ["note", "kim-kay", "--", "met at the fair"],
            environment: s.environment)
        close(lock)
        try #require(note.waitForExit())
        #expect(note.terminationStatus == 0)
        let show = try s.iictl("show", "kim-kay")
        #expect(show.stdout.contains("met at the fair"), "the acknowledged note is whole: \(show.stdout)")
        let text = try String(contentsOfFile: s.eventsDir + "/" + month, encoding: .utf8)
        #expect(text.contains("\"con\n{"), "the torn fragment stays on a line of its own")
    }
}

final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}
