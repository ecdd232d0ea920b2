#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A device's name, and which device a file in the shared events folder belongs to.
///
/// Each device appends only to files named for it (`2026-12.laptop.jsonl`, and its delivery
/// records `deliveries/laptop.jsonl`), so a sync tool never sees two devices write one file, and
/// the name is read back from the file's name. Names are therefore kept to what is safe in a file
/// name everywhere: letters, digits, `-` and `_`.
public enum DeviceName {
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.unicodeScalars.allSatisfy(isSafe)
    }

    static func isSafe(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_"
    }

    /// The default name from the host name: its first label, with anything unsafe made `-`.
    public static func fromHost(_ host: String) -> String {
        let label = host.split(separator: ".").first.map(String.init) ?? ""
        var out = ""
        for c in label.unicodeScalars.prefix(64) { out.unicodeScalars.append(isSafe(c) ? c : "-") }
        return out.isEmpty ? "device" : out
    }

    /// Syncthing's mark in the name of a conflict copy: `NAME.sync-conflict-DATE-TIME-ID.EXT`.
    public static let conflictMark = ".sync-conflict-"

    /// The device an event file belongs to: `2026-12.laptop.jsonl` (and its conflict copies) is
    /// laptop's; `2026-12.jsonl` and other names are no device's.
    public static func owner(ofEventFile name: String) -> String? {
        let parts = baseName(name).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, isValid(String(parts[1])) else { return nil }
        return String(parts[1])
    }

    /// The device a delivery-record file belongs to: `laptop.jsonl` (and its conflict copies).
    public static func owner(ofDeliveryFile name: String) -> String? {
        let base = baseName(name)
        return isValid(base) ? base : nil
    }

    /// The name without `.jsonl` and without a conflict copy's suffix.
    static func baseName(_ name: String) -> String {
        var base = name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
        if let r = base.firstRange(of: conflictMark) { base = String(base[..<r.lowerBound]) }
        return base
    }

    /// Whether `name` is a conflict copy a sync tool made.
    public static func isConflictCopy(_ name: String) -> Bool { name.contains(conflictMark) }
}

extension Config {
    /// This device's name: `device`, or the host name's first label.
    public func deviceName(host: String) -> String { device ?? DeviceName.fromHost(host) }
}
