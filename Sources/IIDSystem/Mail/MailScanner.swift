import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One read of the configured Maildir trees: the messages not seen before, as the rule's items,
/// and the state to keep once they are recorded. Reading only; what the messages mean is
/// `MailRecorder`'s, in the core.
public struct MailScanner: Sendable {
    public var config: Config.Mail
    public var paths: Paths

    public init(config: Config.Mail, paths: Paths) {
        self.config = config
        self.paths = paths
    }

    /// A folder found under a root, and whether it is taken as the person's sent mail (shown for
    /// confirmation only: direction comes from `From:`).
    public struct FoundFolder: Sendable {
        public var folder: Maildir.Folder
        public var sent: Bool
    }

    public struct Result: Sendable {
        public var folders: [FoundFolder]
        /// New messages with a Message-ID, each once however many files hold it.
        public var items: [MailItem]
        /// Roots that could not be read, with why.
        public var problems: [String]
        /// The state with every file read marked as seen and each folder's time set.
        public var state: MailState
        /// Files read this time, and those with no Message-ID (which cannot be kept once).
        public var read: Int
        public var withoutID: Int
        /// Folders passed over because nothing in them changed since their last read.
        public var unchanged: Int = 0
    }

    /// The folders under the roots; `visited` is told of every directory walked (`Maildir.folders`).
    public func folders(visited: ((String) -> Void)? = nil) -> (found: [FoundFolder], problems: [String]) {
        var found: [FoundFolder] = []
        var problems: [String] = []
        for root in config.roots {
            let path = paths.expand(root)
            guard Maildir.isDirectory(path) || FileManager.default.fileExists(atPath: path) else {
                problems.append("mail.roots: \(Printable.escaped(root)) does not exist")
                continue
            }
            for f in Maildir.folders(root: path, visited: visited) {
                let sent = config.sent.isEmpty ? Maildir.looksSent(f.name) : config.sent.contains(f.name)
                found.append(FoundFolder(folder: f, sent: sent))
            }
        }
        return (found, problems)
    }

    /// Reads the files of every folder not in `state` yet. `now` stamps the folders' last read;
    /// a message dated after it is left for a later scan (`iictl mail scan --as-of`), one dated
    /// before `since` is passed over for good.
    ///
    /// A folder read forgets the files that are no longer in it (deleted, or moved to another
    /// folder, where they are new), and a folder no longer under a root that could be read is
    /// forgotten: the state does not grow with every message the person ever deleted. The
    /// verdicts stay (`state.messages`), so a message read before is never judged again, whichever
    /// file or folder brings it back.
    public func scan(state: MailState, now: Date, since: Date?) -> Result {
        let (found, problems) = folders()
        return scan(found, problems: problems, state: state, now: now, since: since)
    }

    /// Reads the files of `found` not in `state` yet. With `skipUnchanged` (the daemon), a folder
    /// whose `new/` and `cur/` have not changed since a read that left nothing for later
    /// (`Maildir.stamp`) is passed over without being listed: a restart does not list every file
    /// again. `all` is every folder under the roots (by default `found`): a folder of the state
    /// missing from it is forgotten, while a read of a few folders (the daemon after a hint)
    /// passes `all` so that the others are not.
    public func scan(
        _ found: [FoundFolder], all: [FoundFolder]? = nil, problems: [String], state: MailState, now: Date,
        since: Date?, skipUnchanged: Bool = false
    ) -> Result {
        var state = state
        var items: [String: MailItem] = [:]
        var read = 0
        var withoutID = 0
        var unchanged = 0
        for f in found {
            var folderState = state.folders[f.folder.path] ?? MailState.Folder(name: f.folder.name)
            // Taken before the listing: a file added after it changes the time again.
            let stamp = Maildir.stamp(f.folder)
            if skipUnchanged, let stamp, folderState.stamp == stamp {
                unchanged += 1
                continue
            }
            var complete = true
            let entries = Maildir.entries(f.folder)
            folderState.seen.formIntersection(entries.map(\.unique))
            for file in entries where !folderState.seen.contains(file.unique) {
                // A file that cannot be read now (its permissions, a race with the sync tool) is
                // tried again at the next scan; a symlink, FIFO or device is never read.
                guard Maildir.isRegularFile(file.path) else { continue }
                guard let (headers, fileTime) = Maildir.readHeaders(file.path) else {
                    complete = false
                    continue
                }
                folderState.seen.insert(file.unique)
                read += 1
                let item = MailItem(headers: headers, fileTime: fileTime)
                guard let key = item.key else {
                    withoutID += 1
                    continue
                }
                if item.date > now {
                    // Left for a later scan (`--as-of`).
                    folderState.seen.remove(file.unique)
                    complete = false
                    continue
                }
                if let since, item.date < since { continue }
                if state.messages[key] != nil || items[key] != nil { continue }
                items[key] = item
            }
            folderState.lastRead = now
            folderState.name = f.folder.name
            folderState.stamp = complete ? stamp : nil
            state.folders[f.folder.path] = folderState
        }
        let present = Set((all ?? found).map(\.folder.path))
        // A root that is not there (a disk not mounted) keeps its folders for when it is back.
        let readRoots = config.roots.map(paths.expand).filter { FileManager.default.fileExists(atPath: $0) }
        for path in state.folders.keys where !present.contains(path) {
            if readRoots.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) {
                state.folders[path] = nil
            }
        }
        let sorted = items.values.sorted { ($0.date, $0.key ?? "") < ($1.date, $1.key ?? "") }
        return Result(
            folders: found, items: sorted, problems: problems, state: state, read: read, withoutID: withoutID,
            unchanged: unchanged)
    }
}
