import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's memory of what it delivered: `$XDG_STATE_HOME/iid/delivered.jsonl`, append-only,
/// one fsync'd line per reminder and channel. Written after the channel succeeded, so a crash in
/// between can repeat that one delivery (at least once), never lose it.
public final class Ledger: @unchecked Sendable {
    public let path: String
    public private(set) var keys: Set<String> = []
    /// When a digest (any `digest@` key) was last recorded on each channel: what the scheduler
    /// needs to count one recorded since a period began as that period's, kept up to date here so
    /// that no wake-up scans the ledger for it.
    public private(set) var latestDigest: [Channel: Date] = [:]
    /// Lines that could not be read (a torn last line after a crash).
    public private(set) var unreadable = 0
    /// Lines the disk refused (full, read-only), oldest first: written as soon as it takes them.
    public private(set) var unwritten: [String] = []
    let zone: TZifZone

    public init(path: String, zone: TZifZone) {
        self.path = path
        self.zone = zone
    }

    public func load() throws(SystemError) {
        guard FileIO.exists(path) else {
            keys = []
            latestDigest = [:]
            return
        }
        let bytes = try FileIO.read(path)
        (keys, unreadable, latestDigest) = LedgerCoding.scan(bytes)
    }

    public func contains(_ key: String) -> Bool { keys.contains(key) }

    /// Records `key`. If the disk refuses (full, read-only), the key is still remembered in memory,
    /// so that this process does not send it again, and its line is kept to be written with the
    /// next record or `flush`: once the disk takes writes again, a restart repeats nothing.
    public func record(_ key: String, at: Date, outcome: LedgerCoding.Outcome) throws(SystemError) {
        keys.insert(key)
        if let channel = LedgerCoding.digestChannel(of: key) {
            LedgerCoding.noteDigest(channel, at: at, in: &latestDigest)
        }
        unwritten.append(LedgerCoding.encode(key: key, at: at, outcome: outcome, zone: zone))
        try flush()
    }

    /// Writes the lines the disk refused before; throws if it still refuses.
    public func flush() throws(SystemError) {
        guard !unwritten.isEmpty else { return }
        try FileIO.makeDirectory(PathName.parent(of: path))
        while let line = unwritten.first {
            try FileIO.appendLine(line, to: path)
            unwritten.removeFirst()
        }
    }
}
