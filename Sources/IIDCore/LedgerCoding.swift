import Foundation

/// The delivery ledger's line format: `{"key":"<reminder key>#<channel>","at":"…","outcome":"delivered"}`.
///
/// The ledger is machine state, append-only; a torn last line (a crash mid-write) is ignored.
public enum LedgerCoding {
    public enum Outcome: String, Sendable { case delivered, skipped }

    public static func encode(key: String, at: Date, outcome: Outcome, zone: TimeZone) -> String {
        JSONText.object([("key", key), ("at", Timestamp.format(at, in: zone)), ("outcome", outcome.rawValue)])
    }

    /// The keys recorded in `bytes`, and how many lines could not be read.
    public static func keys(in bytes: [UInt8]) -> (keys: Set<String>, bad: Int) {
        var keys = Set<String>()
        var bad = 0
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let key = obj["key"] as? String
            else {
                bad += 1
                continue
            }
            keys.insert(key)
        }
        return (keys, bad)
    }
}
