import Foundation
import IIDCore

/// The daemon's memory of what it delivered: `$XDG_STATE_HOME/iid/delivered.jsonl`, append-only,
/// one fsync'd line per reminder and channel. Written after the channel succeeded, so a crash in
/// between can repeat that one delivery (at least once), never lose it.
public final class Ledger: @unchecked Sendable {
    public let path: String
    public private(set) var keys: Set<String> = []
    /// Lines that could not be read (a torn last line after a crash).
    public private(set) var unreadable = 0
    let zone: TimeZone

    public init(path: String, zone: TimeZone) {
        self.path = path
        self.zone = zone
    }

    public func load() throws(SystemError) {
        guard FileIO.exists(path) else {
            keys = []
            return
        }
        let bytes = try FileIO.read(path)
        (keys, unreadable) = LedgerCoding.keys(in: bytes)
    }

    public func contains(_ key: String) -> Bool { keys.contains(key) }

    /// Records `key`. If the disk refuses (full, read-only), the key is still remembered in memory so
    /// that this process does not send it again in a loop; only a restart may then repeat it.
    public func record(_ key: String, at: Date, outcome: LedgerCoding.Outcome) throws(SystemError) {
        keys.insert(key)
        try FileIO.makeDirectory((path as NSString).deletingLastPathComponent)
        try FileIO.appendLine(LedgerCoding.encode(key: key, at: at, outcome: outcome, zone: zone), to: path)
    }
}
