import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// The person's Maildir tree, read and never written: iid lists `new/` and `cur/` (never `tmp/`,
/// where a delivery is still being written), reads each message's header section and nothing
/// after it, and never renames, flags or locks a file, which would change what the person's mail
/// client shows as read.
///
/// The three folder layouts the sync tools write are found without being told which one it is:
/// `Verbatim` (`Sent/`, `[Gmail]/Sent Mail/`), `Maildir++` (`.Sent/`, `.Archive.2024/` beside
/// the inbox's own `cur/`) and `Legacy` (`Archive/.2024/`). A folder is any directory that holds
/// a `cur/` or a `new/`.
public enum Maildir {
    /// One mail folder: where it is, and its name as a person reads it (`INBOX`, `Sent`,
    /// `[Gmail]/Sent Mail`, `Archive/2024`).
    public struct Folder: Sendable, Equatable {
        public var path: String
        public var name: String
        public init(path: String, name: String) {
            self.path = path
            self.name = name
        }
    }

    /// One message file's header section, and the file's time.
    public struct Message: Sendable {
        /// The file's unique part, before `:2,` and the flags: it stays when a client renames the
        /// file to change its flags, so a renamed file is not read again.
        public var unique: String
        public var path: String
        public var headers: MailHeaders
        public var fileTime: Date
    }

    /// Folders never read: what is not mail the person sent or received.
    static let skipped: Set<String> = [
        "drafts", "draft", "trash", "deleted", "deleted items", "deleted messages", "bin", "junk", "junk e-mail",
        "junk email", "spam", "bulk mail", "tmp", "cur", "new",
    ]

    /// How deep the tree is walked: deeper than any mail client nests, shallow enough that a
    /// loop of bind mounts cannot hold a scan.
    static let maxDepth = 8

    /// Every folder under `root`, the skipped ones left out, sorted by name. Symlinks are not
    /// followed (a link can point anywhere, or in a circle). `visited` is told of every directory
    /// walked, folder or not: where a new folder would appear, for the daemon to watch.
    public static func folders(root: String, visited: ((String) -> Void)? = nil) -> [Folder] {
        var out: [Folder] = []
        func walk(_ path: String, _ components: [String], depth: Int) {
            visited?(path)
            if isDirectory(path + "/cur") || isDirectory(path + "/new") {
                out.append(Folder(path: path, name: components.isEmpty ? "INBOX" : components.joined(separator: "/")))
            }
            guard depth < maxDepth, let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                return
            }
            for entry in entries.sorted() where !["cur", "new", "tmp"].contains(entry) {
                let child = path + "/" + entry
                guard isDirectory(child) else { continue }
                // Maildir++ (`.Sent`, `.Archive.2024`) at the root; Legacy's `.2024` below it.
                var names: [String]
                if entry.hasPrefix(".") {
                    let bare = String(entry.dropFirst())
                    guard !bare.isEmpty, !bare.hasPrefix(".") else { continue }
                    names = components.isEmpty ? bare.split(separator: ".").map(String.init) : [bare]
                } else {
                    names = [entry]
                }
                if names.contains(where: { skipped.contains($0.lowercased()) }) { continue }
                walk(child, components + names, depth: depth + 1)
            }
        }
        walk(root, [], depth: 0)
        return out.sorted { $0.name < $1.name }
    }

    /// Folders whose name says they hold the person's sent mail (`Sent`, `Sent Items`,
    /// `[Gmail]/Sent Mail`, `Gesendet`…): the guess `iictl mail status` shows for confirmation.
    public static func looksSent(_ name: String) -> Bool {
        let last = (name.split(separator: "/").last.map(String.init) ?? name).lowercased()
        return last.contains("sent")
            || ["gesendet", "gesendete objekte", "envoyés", "enviados", "verzonden"].contains(last)
    }

    /// The message files of `folder` (`new/`, then `cur/`): regular files only, dotfiles (a sync
    /// tool's state) left out, each with its unique part.
    public static func files(_ folder: Folder) -> [(unique: String, path: String)] {
        entries(folder).filter { isRegularFile($0.path) }
    }

    /// The names in `new/` and `cur/` of `folder`, dotfiles left out, each with its unique part,
    /// without a look at what each is: a scan checks (`isRegularFile`) only the files it has not
    /// read yet, so that a folder of 100,000 messages read before costs one listing.
    public static func entries(_ folder: Folder) -> [(unique: String, path: String)] {
        var out: [(String, String)] = []
        for sub in ["new", "cur"] {
            let dir = folder.path + "/" + sub
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for entry in entries.sorted() where !entry.hasPrefix(".") { out.append((unique(entry), dir + "/" + entry)) }
        }
        return out
    }

    /// Whether `path` is a regular file itself (not a symlink to one, a FIFO or a device).
    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// `1733217247.M1P2.host,U=1:2,S` → `1733217247.M1P2.host,U=1`.
    public static func unique(_ fileName: String) -> String {
        if let colon = fileName.firstIndex(of: ":") { return String(fileName[..<colon]) }
        // Some tools on filesystems without `:` write `!` or `;` instead.
        if let bang = fileName.firstRange(of: "!2,") ?? fileName.firstRange(of: ";2,") {
            return String(fileName[..<bang.lowerBound])
        }
        return fileName
    }

    /// At most this many bytes of a message are read: a header section longer than this is cut
    /// (its fields past the cap are not seen), so that a message of megabytes costs no more than
    /// one of kilobytes.
    public static let headerCap = 256 << 10

    /// The header section of the file at `path`: read until the first empty line or `headerCap`
    /// bytes, whichever comes first; nil when it is not a regular file or cannot be read.
    public static func readHeaders(_ path: String) -> (headers: MailHeaders, fileTime: Date)? {
        guard let (fd, _) = try? FileIO.openRegular(path) else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let fileTime = Date(
            timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec) + TimeInterval(st.st_mtim.tv_nsec) / 1e9)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        var scanned = 0
        while bytes.count < headerCap {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, headerCap - bytes.count)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[0..<n]
            if let end = blankLine(in: bytes, from: max(0, scanned - 3)) {
                bytes.removeSubrange(end...)
                break
            }
            scanned = bytes.count
        }
        return (MailHeaders(parsing: bytes), fileTime)
    }

    /// Where the first empty line (LF LF or CR LF CR LF) starts, searching from `start`.
    static func blankLine(in b: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 1 < b.count {
            if b[i] == 0x0A && b[i + 1] == 0x0A { return i + 1 }
            if b[i] == 0x0A && b[i + 1] == 0x0D && i + 2 < b.count && b[i + 2] == 0x0A { return i + 1 }
            i += 1
        }
        return nil
    }

    /// When `new/` and `cur/` of `folder` last changed, to the nanosecond, as one text; nil when
    /// either changed less than `settle` before `now` (`CLOCK_REALTIME`, the file system's clock):
    /// a file system stamps a change with a coarse clock, so a file added in the same tick as the
    /// read would leave the time as it was, and a stamp taken then could hide it.
    public static func stamp(_ folder: Folder, settle: TimeInterval = 2) -> String? {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts: [String] = []
        for sub in ["new", "cur"] {
            var st = stat()
            guard lstat(folder.path + "/" + sub, &st) == 0 else {
                parts.append("-")
                continue
            }
            let changed = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
            if changed > Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 - settle { return nil }
            parts.append("\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
        }
        return parts.joined(separator: "/")
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }
}
