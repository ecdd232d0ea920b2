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
    }

    public func folders() -> (found: [FoundFolder], problems: [String]) {
        var found: [FoundFolder] = []
        var problems: [String] = []
        for root in config.roots {
            let path = paths.expand(root)
            guard Maildir.isDirectory(path) || FileManager.default.fileExists(atPath: path) else {
                problems.append("mail.roots: \(Printable.escaped(root)) does not exist")
                continue
            }
            for f in Maildir.folders(root: path) {
                let sent = config.sent.isEmpty ? Maildir.looksSent(f.name) : config.sent.contains(f.name)
                found.append(FoundFolder(folder: f, sent: sent))
            }
        }
        return (found, problems)
    }

    /// Reads the files of every folder not in `state` yet. `now` stamps the folders' last read;
    /// a message dated after it is left for a later scan (`iictl mail scan --as-of`), one dated
    /// before `since` is passed over for good.
    public func scan(state: MailState, now: Date, since: Date?) -> Result {
        var state = state
        let (found, problems) = folders()
        var items: [String: MailItem] = [:]
        var read = 0
        var withoutID = 0
        for f in found {
            var folderState = state.folders[f.folder.path] ?? MailState.Folder(name: f.folder.name)
            for file in Maildir.files(f.folder) where !folderState.seen.contains(file.unique) {
                // A file that cannot be read now (its permissions, a race with the sync tool) is
                // tried again at the next scan.
                guard let (headers, fileTime) = Maildir.readHeaders(file.path) else { continue }
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
                    continue
                }
                if let since, item.date < since { continue }
                if state.messages[key] != nil || items[key] != nil { continue }
                items[key] = item
            }
            folderState.lastRead = now
            folderState.name = f.folder.name
            state.folders[f.folder.path] = folderState
        }
        let sorted = items.values.sorted { ($0.date, $0.key ?? "") < ($1.date, $1.key ?? "") }
        return Result(
            folders: found, items: sorted, problems: problems, state: state, read: read, withoutID: withoutID)
    }
}
