import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// What the daemon knows of the person's mail between two reads (`Daemon+Mail`).
struct MailWatch {
    /// `mail:` as the daemon reads it; nil: mail is off.
    var config: Config.Mail?
    /// The person's addresses (`me.email`, `mail.addresses`): without one, nothing is read.
    var me: Set<String> = []
    /// Bumped when `config` changes: a read begun under the old one watches nothing.
    var generation = 0
    /// The directories watched: every directory of the trees (where a new folder appears), and
    /// each folder's `new/` and `cur/`.
    var directories: Set<String> = []
    /// For a root that does not exist yet (mbsync has not run), the nearest directory above it
    /// that does, with the name on the way to the root: watched too, and a change there hints a
    /// read only when that name comes or goes, not for every file of the person's home.
    var awaiting: [String: Set<String>] = [:]
    var reading = false
    /// A hint came while a read was under way: read again when it ends.
    var again = false
    /// The folders whose `new/` or `cur/` changed since the last read began: the next read lists
    /// them, and the folders it has never read, and no other.
    var hinted: Set<String> = []
    /// The next read lists every folder: the first one (passing over those unchanged since their
    /// last read, by `MailState.Folder.stamp`), or after the kernel's queue overflowed.
    var everything = true
    var first = true
    /// The state as of the last read, and what it found.
    var state = MailState()
    /// `mail.json` as it was when `state` was read or written (`MailRead.fileStamp`): while the
    /// file is the same, the next read takes `state` instead of decoding the file again.
    var stateFile: String?
    var folders = 0
    var lastRead: Date?
    var problem: String?
}

extension MailWatch {
    /// The folders under the roots, and the directories to watch: every directory walked, each
    /// folder's `new/` and `cur/`, and above each root that does not exist yet, the nearest
    /// directory that does (`MailWatch.awaiting`).
    static func walk(_ scanner: MailScanner) -> (
        found: [MailScanner.FoundFolder], problems: [String], directories: [String], awaiting: [String: Set<String>]
    ) {
        var directories: [String] = []
        let (found, problems) = scanner.folders { directories.append($0) }
        // A folder may hold only one of them (`cur/` alone): the other is not watched.
        directories += found.flatMap { f in
            ["new", "cur"].map { f.folder.path + "/" + $0 }.filter { path in
                var st = stat()
                return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
        }
        var awaiting: [String: Set<String>] = [:]
        for root in scanner.config.roots {
            guard let (above, name) = nearestExisting(above: scanner.paths.expand(root)) else { continue }
            // A directory of another root's tree is watched for every change already.
            if !directories.contains(above) { awaiting[above, default: []].insert(name) }
        }
        return (found, problems, directories + awaiting.keys.sorted(), awaiting)
    }

    /// For a `path` that does not exist: the nearest directory above it that does, and the name
    /// in it on the way to `path`. Nil when `path` exists, or nothing above it is a directory.
    static func nearestExisting(above path: String) -> (directory: String, name: String)? {
        var st = stat()
        guard path.hasPrefix("/"), lstat(path, &st) != 0 else { return nil }
        var child = path
        while true {
            let parts = child.split(separator: "/", omittingEmptySubsequences: true)
            guard let last = parts.last else { return nil }
            let parent = "/" + parts.dropLast().joined(separator: "/")
            if lstat(parent, &st) == 0 {
                return st.st_mode & S_IFMT == S_IFDIR ? (parent, String(last)) : nil
            }
            child = parent
        }
    }
}

/// The result of one read, handed from the mail queue to the loop.
struct MailRead: Sendable {
    /// The clock when the read began: the time its events are recorded at.
    var now: Date
    /// The first read since start or since `mail:` changed.
    var first = false
    var directories: [String] = []
    var folders = 0
    var state: MailState?
    var stateFile: String?
    var recorded: [Event] = []
    var read = 0
    var unchanged = 0
    var problems: [String] = []
    var error: String?

    /// Which `mail.json` is on disk: its inode, size and modification time. It is written whole
    /// under a new name and renamed (`MailStateStore.save`), so any write, the daemon's or
    /// `iictl mail scan`'s, changes it.
    static func fileStamp(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return "\(st.st_ino)-\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }
}
