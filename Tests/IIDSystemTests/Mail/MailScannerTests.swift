import Foundation
import IIDCore
import IIDSystem
import Testing

/// A scan's state: what it forgets when files or folders go, and what it never forgets.
@Suite struct MailScannerTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func maildir(_ root: String, _ folders: [String]) throws {
        for f in folders {
            for sub in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(
                    atPath: root + "/" + f + "/" + sub, withIntermediateDirectories: true)
            }
        }
    }

    func message(_ path: String, id: String) throws {
        try "Message-ID: <\(id)>\nFrom: jane@acme.example\nDate: 1 Sep 2026 10:00 +0000\n\nbody\n".write(
            toFile: path, atomically: false, encoding: .utf8)
    }

    /// A scan, its items kept as verdicts the way `iictl mail scan` keeps them.
    func scan(_ scanner: MailScanner, _ state: MailState) -> (state: MailState, items: [MailItem]) {
        let r = scanner.scan(state: state, now: now, since: nil)
        var next = r.state
        for item in r.items { next.messages[item.key ?? ""] = MailState.Verdict(verdict: "interaction") }
        return (next, r.items)
    }

    @Test func deletedFilesAreForgottenAndTheirMessagesAreNeverReadAgain() throws {
        let dir = TempDir()
        try maildir(dir.path, ["INBOX", "Archive"])
        let inbox = dir.path + "/INBOX"
        try message(inbox + "/cur/1.M1.h:2,S", id: "one@x")
        try message(inbox + "/cur/2.M2.h:2,S", id: "two@x")
        let scanner = MailScanner(config: Config.Mail(roots: [dir.path]), paths: Paths(environment: ["HOME": dir.path]))

        var (state, items) = scan(scanner, MailState())
        #expect(items.count == 2)
        #expect(state.folders[inbox]?.seen == ["1.M1.h", "2.M2.h"])

        // The person deletes one message and archives the other: the inbox's state forgets both.
        try FileManager.default.removeItem(atPath: inbox + "/cur/1.M1.h:2,S")
        try FileManager.default.moveItem(
            atPath: inbox + "/cur/2.M2.h:2,S", toPath: dir.path + "/Archive/cur/2.M2.h:2,S")
        (state, items) = scan(scanner, state)
        #expect(state.folders[inbox]?.seen == [])
        #expect(state.folders[dir.path + "/Archive"]?.seen == ["2.M2.h"], "read in its new folder")
        #expect(items.isEmpty, "the archived message was judged before: not again")
        #expect(state.messages.count == 2, "the verdicts stay")

        // The deleted one comes back under another name (restored from the trash, or a sync
        // tool's new copy): read, and still not judged twice.
        try message(inbox + "/new/3.M3.h", id: "one@x")
        (state, items) = scan(scanner, state)
        #expect(items.isEmpty)
        #expect(state.folders[inbox]?.seen == ["3.M3.h"])
    }

    @Test func aFolderThatIsGoneIsForgottenUnlessItsRootIsMissing() throws {
        let dir = TempDir()
        let a = dir.path + "/a"
        let b = dir.path + "/b"
        try maildir(a, ["INBOX", "Old"])
        try maildir(b, ["INBOX"])
        try message(a + "/Old/cur/1.M1.h:2,S", id: "one@x")
        try message(b + "/INBOX/cur/2.M2.h:2,S", id: "two@x")
        let scanner = MailScanner(config: Config.Mail(roots: [a, b]), paths: Paths(environment: ["HOME": dir.path]))
        var (state, _) = scan(scanner, MailState())
        #expect(Set(state.folders.keys) == [a + "/INBOX", a + "/Old", b + "/INBOX"])

        // Old is removed; root b is not there (a disk not mounted): its state waits for it.
        try FileManager.default.removeItem(atPath: a + "/Old")
        try FileManager.default.moveItem(atPath: b, toPath: dir.path + "/b-away")
        (state, _) = scan(scanner, state)
        #expect(Set(state.folders.keys) == [a + "/INBOX", b + "/INBOX"])

        try FileManager.default.moveItem(atPath: dir.path + "/b-away", toPath: b)
        let back = scanner.scan(state: state, now: now, since: nil)
        #expect(back.read == 0, "nothing in b is read again")
    }

    @Test func aSymlinkOrFifoNamedLikeAMessageIsNeverRead() throws {
        let dir = TempDir()
        try maildir(dir.path, ["INBOX"])
        try FileManager.default.createSymbolicLink(
            atPath: dir.path + "/INBOX/cur/1.M1.h:2,S", withDestinationPath: "/etc/passwd")
        try message(dir.path + "/INBOX/cur/2.M2.h:2,S", id: "two@x")
        let scanner = MailScanner(config: Config.Mail(roots: [dir.path]), paths: Paths(environment: ["HOME": dir.path]))
        let r = scanner.scan(state: MailState(), now: now, since: nil)
        #expect(r.read == 1)
        #expect(r.state.folders[dir.path + "/INBOX"]?.seen == ["2.M2.h"])
    }
}
