import Foundation
import IIDCore
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The Maildir read as the sync tools lay it out, and never written.
@Suite struct MaildirTests {
    func folder(_ root: String, _ path: String) throws {
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(
                atPath: root + "/" + path + "/" + sub, withIntermediateDirectories: true)
        }
    }

    @Test func theThreeLayoutsAndTheFoldersNeverRead() throws {
        let dir = TempDir()
        let root = dir.path
        // Maildir++ at the root: the inbox's own cur/, `.Sent`, `.Archive.2024`, `.Trash`.
        for f in [".", ".Sent", ".Archive.2024", ".Trash", ".Junk"] { try folder(root, f) }
        // Verbatim: `[Gmail]/Sent Mail`, `[Gmail]/Spam`; Legacy: `Projects/.Acme`.
        for f in ["[Gmail]/Sent Mail", "[Gmail]/Spam", "Projects/.Acme", "Drafts", "Deleted Items"] {
            try folder(root, f)
        }
        try FileManager.default.createDirectory(atPath: root + "/not-a-folder", withIntermediateDirectories: true)
        // A symlink to a folder is not followed.
        try FileManager.default.createSymbolicLink(atPath: root + "/Linked", withDestinationPath: root + "/.Sent")
        let names = Maildir.folders(root: root).map(\.name)
        #expect(names == ["Archive/2024", "INBOX", "Projects/Acme", "Sent", "[Gmail]/Sent Mail"])
        #expect(names.filter(Maildir.looksSent) == ["Sent", "[Gmail]/Sent Mail"])
    }

    @Test func onlyRegularFilesInNewAndCurAreMessages() throws {
        let dir = TempDir()
        try folder(dir.path, "INBOX")
        let inbox = dir.path + "/INBOX"
        try "From: a@x.example\n\n".write(toFile: inbox + "/cur/1.M1.h:2,S", atomically: false, encoding: .utf8)
        try "From: b@x.example\n\n".write(toFile: inbox + "/new/2.M2.h", atomically: false, encoding: .utf8)
        try "From: c@x.example\n\n".write(toFile: inbox + "/tmp/3.M3.h", atomically: false, encoding: .utf8)
        try "state".write(toFile: inbox + "/cur/.mbsyncstate", atomically: false, encoding: .utf8)
        #expect(mkfifo(inbox + "/cur/4.M4.h:2,", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: inbox + "/cur/5.M5.h:2,", withDestinationPath: "/etc/passwd")
        let files = Maildir.files(Maildir.Folder(path: inbox, name: "INBOX"))
        #expect(files.map(\.unique) == ["2.M2.h", "1.M1.h"])
        #expect(Maildir.unique("1733.M1.host,U=1:2,RS") == "1733.M1.host,U=1")
        #expect(Maildir.unique("1733.M1.host!2,S") == "1733.M1.host")
    }

    @Test func onlyTheHeaderSectionIsReadAndNothingIsChanged() throws {
        let dir = TempDir()
        try folder(dir.path, "INBOX")
        let path = dir.path + "/INBOX/cur/1.M1.h:2,S"
        let body = String(repeating: "Subject: in the body, never read\n", count: 50_000)
        try ("From: a@x.example\r\nSubject: hi\r\n\r\n" + body).write(toFile: path, atomically: false, encoding: .utf8)
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
        chmod(path, 0o400)
        let read = try #require(Maildir.readHeaders(path))
        #expect(read.headers.all("subject") == ["hi"])
        #expect(read.fileTime == Date(timeIntervalSince1970: 1_700_000_000))
        var st = stat()
        stat(path, &st)
        #expect(st.st_mtim.tv_sec == 1_700_000_000 && st.st_mode & 0o777 == 0o400, "never written or flagged")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/INBOX/cur") == ["1.M1.h:2,S"])
    }

    @Test func aHeaderOfMegabytesIsCut() throws {
        let dir = TempDir()
        let path = dir.path + "/big"
        let huge = "X-Big: " + String(repeating: "a", count: 4 << 20) + "\nFrom: late@x.example\n\n"
        try huge.write(toFile: path, atomically: false, encoding: .utf8)
        let read = try #require(Maildir.readHeaders(path))
        #expect(read.headers["x-big"]?.count ?? 0 <= Maildir.headerCap)
        #expect(read.headers["from"] == nil, "a field past the cap is not seen")
        #expect(Maildir.readHeaders(dir.path + "/missing") == nil)
    }

    @Test func theStateIsKeptAtomicallyAndPrivately() throws {
        let dir = TempDir()
        let store = MailStateStore(path: dir.path + "/state/mail.json")
        #expect(try store.load() == MailState())
        var state = MailState()
        state.folders["/m/INBOX"] = MailState.Folder(
            name: "INBOX", lastRead: Date(timeIntervalSince1970: 1_790_000_000), seen: ["1.M1.h"])
        state.messages["0123abcd"] = MailState.Verdict(verdict: "replied", contact: "jane-doe")
        try store.save(state)
        #expect(try store.load() == state)
        #expect(FileIO.mode(store.path) == 0o600)
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(!text.contains("@"), "no address is kept")
        try "{not json".write(toFile: store.path, atomically: false, encoding: .utf8)
        #expect(throws: SystemError.self) { try store.load() }
    }
}
