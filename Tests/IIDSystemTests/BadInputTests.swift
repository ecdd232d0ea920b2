import Foundation
import IIDCore
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hand-picked hostile inputs: each gets a clear error or warning, nothing crashes, nothing is lost.
@Suite struct BadInputTests {
    let zone = systemZone("Europe/Berlin")

    @Test func randomBytesAndHugeLinesInTheLog() throws {
        let dir = TempDir()
        var rng = SystemRandomNumberGenerator()
        let noise = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        try #require(FileManager.default.createFile(atPath: dir.path + "/noise.jsonl", contents: Data(noise)))
        try dir.write("huge.jsonl", String(repeating: "x", count: 3 << 20) + "\n")
        let good = #"{"id":"g","at":"2026-11-27T10:00:00+01:00","type":"added","contact":"jane","name":"Jane"}"#
        try dir.write("good.jsonl", good + "\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/noise.jsonl"))
        let snapshot = EventStore(directory: dir.path, zone: zone).load()
        #expect(snapshot.events.map(\.id) == ["g"])
        #expect(snapshot.diagnostics.contains { $0.location?.file.hasSuffix("huge.jsonl") == true })
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/noise.jsonl")) == before, "never rewritten")
    }

    @Test func symlinkLoopAndFolderInsteadOfFile() throws {
        let dir = TempDir()
        symlink(dir.path + "/loop.jsonl", dir.path + "/loop.jsonl")
        mkdir(dir.path + "/folder.jsonl", 0o700)
        let snapshot = EventStore(directory: dir.path, zone: zone).load()
        #expect(snapshot.events.isEmpty)
        // The config path is a folder: an error naming it, not a crash.
        mkdir(dir.path + "/config.yaml", 0o700)
        let loader = ConfigLoader(paths: Paths(environment: ["HOME": dir.path]), override: dir.path + "/config.yaml")
        #expect {
            try loader.load()
        } throws: { error in
            (error as? ConfigError)?.description.contains("config.yaml:1:1") == true
        }
    }

    @Test func invalidUTF8Config() throws {
        let dir = TempDir()
        try #require(
            FileManager.default.createFile(
                atPath: dir.path + "/c.yaml", contents: Data([0x6D, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A])))
        let loader = ConfigLoader(paths: Paths(environment: ["HOME": dir.path]), override: dir.path + "/c.yaml")
        #expect {
            try loader.load()
        } throws: { error in
            (error as? ConfigError)?.message.contains("UTF-8") == true
        }
    }

    @Test func missingConfigFallsBackToTheDefaultOnlyWhenNotNamed() throws {
        let dir = TempDir()
        let implicit = try ConfigLoader(paths: Paths(environment: ["HOME": dir.path])).load()
        #expect(implicit.path == nil)
        #expect(implicit.config == Config.default)
        let named = ConfigLoader(paths: Paths(environment: ["HOME": dir.path]), override: dir.path + "/nope.yaml")
        #expect(throws: ConfigError.self) { try named.load() }
    }

    @Test func writableByOthersIsRefused() throws {
        let dir = TempDir()
        chmod(dir.path, 0o777)
        #expect(Ownership.problem(dir.path)?.contains("writable by other users") == true)
        chmod(dir.path, 0o700)
        #expect(Ownership.problem(dir.path) == nil)
    }

    @Test func ledgerSurvivesATornLineAndAFullDisk() throws {
        let dir = TempDir()
        let path = dir.path + "/delivered.jsonl"
        try dir.write(
            "delivered.jsonl",
            #"{"key":"a#notify","at":"2026-11-27T10:00:00Z","outcome":"delivered"}"# + "\n{\"key\":\"b#no")
        let ledger = Ledger(path: path, zone: zone)
        try ledger.load()
        #expect(ledger.keys == ["a#notify"])
        #expect(ledger.unreadable == 1)
        try ledger.record("c#email", at: Date(), outcome: .delivered)
        let again = Ledger(path: path, zone: zone)
        try again.load()
        #expect(again.keys == ["a#notify", "c#email"])
        // A ledger that cannot be written still remembers in memory, so nothing is sent twice meanwhile.
        let broken = Ledger(path: dir.path + "/no/such/\u{0}dir/l.jsonl", zone: zone)
        #expect(throws: SystemError.self) { try broken.record("d#notify", at: Date(), outcome: .delivered) }
        #expect(broken.contains("d#notify"))
    }
}
