#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The delivery ledger's line format: `{"at":"…","key":"<reminder key>#<channel>","outcome":"delivered"}`.
///
/// The ledger is machine state, append-only, one line per entry; a torn last line (a crash
/// mid-write) is ignored. Like the daemon's status it goes through `Codable` (see `DaemonStatus`).
public enum LedgerCoding {
    public enum Outcome: String, Sendable, Codable { case delivered, skipped }

    public struct Entry: Codable, Equatable, Sendable {
        public var key: String
        /// When, in ISO 8601 in the configured zone.
        public var at: String
        public var outcome: Outcome
    }

    public static func encode(key: String, at: Date, outcome: Outcome, zone: TZifZone) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let entry = Entry(key: key, at: Timestamp.format(at, in: zone), outcome: outcome)
        // Encoding three strings cannot fail; the fallback keeps the line well-formed regardless.
        guard let data = try? encoder.encode(entry) else { return JSONText.object([("key", key)]) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The entries in `bytes` whose key starts with `prefix`, in file order; unreadable lines are
    /// left out. For `iictl explain digest`, which asks when one went, not only whether.
    public static func entries(in bytes: [UInt8], prefix: String) -> [Entry] {
        var out: [Entry] = []
        forEachLine(bytes) { if let entry = $0, entry.key.hasPrefix(prefix) { out.append(entry) } }
        return out
    }

    /// Each line of `bytes` decoded, in file order; nil for one that is no entry (a torn line).
    static func forEachLine(_ bytes: [UInt8], _ body: (Entry?) -> Void) {
        let decoder = JSONDecoder()
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            body(try? decoder.decode(Entry.self, from: Data(line)))
        }
    }

    /// The keys recorded in `bytes`, and how many lines could not be read.
    public static func keys(in bytes: [UInt8]) -> (keys: Set<String>, bad: Int) {
        let read = scan(bytes)
        return (read.keys, read.bad)
    }

    /// The keys recorded in `bytes`, how many lines could not be read, and when a digest was last
    /// recorded on each channel (`latestDigest`), read in the same pass: the scheduler counts any
    /// digest recorded since a period began as that period's, so that it needs no scan of the
    /// ledger on each wake-up.
    public static func scan(_ bytes: [UInt8]) -> (keys: Set<String>, bad: Int, latestDigest: [Channel: Date]) {
        var keys = Set<String>()
        var bad = 0
        var latest: [Channel: Date] = [:]
        forEachLine(bytes) { entry in
            guard let entry else {
                bad += 1
                return
            }
            keys.insert(entry.key)
            if let (channel, at) = digestRecord(entry.key, at: entry.at) { noteDigest(channel, at: at, in: &latest) }
        }
        return (keys, bad, latest)
    }

    /// The channel of a digest's ledger key (`digest@2026-12-07T08:00#email`) and the instant it
    /// was recorded; nil for any other key or an unreadable time.
    static func digestRecord(_ key: String, at: String) -> (Channel, Date)? {
        guard key.hasPrefix(DigestSchedule.keyPrefix), let channel = digestChannel(of: key),
            let date = Timestamp.parse(at)
        else { return nil }
        return (channel, date)
    }

    /// The channel a digest's ledger key names after its `#`; nil for any other key.
    public static func digestChannel(of key: String) -> Channel? {
        guard key.hasPrefix(DigestSchedule.keyPrefix), let hash = key.lastIndex(of: "#") else { return nil }
        return Channel(rawValue: String(key[key.index(after: hash)...]))
    }

    /// Keeps the later of `at` and what `latest` holds for `channel`.
    public static func noteDigest(_ channel: Channel, at: Date, in latest: inout [Channel: Date]) {
        if latest[channel].map({ at > $0 }) ?? true { latest[channel] = at }
    }
}
