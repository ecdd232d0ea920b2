import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// What each device sent, shared through the events folder: `deliveries/<device>.jsonl`, one line
/// per reminder and channel in the ledger's format, appended by that device alone.
///
/// The ledger (`Ledger`) stays per device: it is what this daemon did. These files are what the
/// others need to know, so that a reminder that reaches the person elsewhere (email) goes out
/// once across devices; they live in the events folder because that is the one folder a person
/// shares. Conflict copies a sync tool makes are read like the rest; only the keys matter.
public final class DeliveryRecords: @unchecked Sendable {
    /// The subfolder of the events folder.
    public static let folderName = "deliveries"

    public let directory: String
    public let device: String
    let zone: TZifZone
    /// Keys other devices recorded, and which device did.
    public private(set) var elsewhere: [String: String] = [:]
    /// Devices that have a record file here, this one included.
    public private(set) var devices: Set<String> = []
    /// Lines the disk refused, written with the next record.
    private var unwritten: [String] = []

    public init(eventsDirectory: String, device: String, zone: TZifZone) {
        directory = eventsDirectory + "/" + Self.folderName
        self.device = device
        self.zone = zone
    }

    public var ownFile: String { directory + "/" + device + ".jsonl" }

    /// Creates the folder (0700) and this device's file (0600), so that the other devices know of
    /// this one before it has sent anything: without it, two devices that have never written
    /// would each think itself the only one and both send.
    public func announce() throws(SystemError) {
        try FileIO.makeDirectory(directory)
        try Self.keepLockUnsynced(eventsDirectory: PathName.parent(of: directory))
        let fd = open(ownFile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SystemError("open", ownFile) }
        fchmod(fd, 0o600)
        close(fd)
        devices.insert(device)
    }

    /// Records that this device delivered `key`; a line the disk refuses is kept for the next one.
    public func record(_ key: String, at: Date) throws(SystemError) {
        unwritten.append(LedgerCoding.encode(key: key, at: at, outcome: .delivered, zone: zone))
        try FileIO.makeDirectory(directory)
        while let line = unwritten.first {
            try FileIO.appendLine(line, to: ownFile)
            unwritten.removeFirst()
        }
    }

    /// The writer lock (`.lock`) is this device's alone: a sync tool that replaced it with another
    /// device's copy would let two writers on this device hold "the" lock at once. A Syncthing
    /// `.stignore` naming it is written when the folder has none (one that exists is left alone;
    /// it is not synced, so each device has its own).
    static func keepLockUnsynced(eventsDirectory: String) throws(SystemError) {
        let path = eventsDirectory + "/.stignore"
        guard !FileIO.exists(path) else { return }
        try FileIO.writeAtomically("// iid: the events folder's writer lock is per device\n/.lock\n", to: path)
    }

    /// Reads the other devices' files again (they are small: one line per email sent). What was
    /// seen stays known: records only grow, and a sync tool replacing the folder may show it
    /// half-filled for a moment, which must not make this device think itself alone.
    public func reload() {
        var keys = elsewhere
        var seen = devices.union([device])
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names.sorted() where EventStore.isEventFile(name) {
            guard let owner = DeviceName.owner(ofDeliveryFile: name) else { continue }
            seen.insert(owner)
            guard owner != device, let bytes = try? FileIO.read(directory + "/" + name) else { continue }
            for key in LedgerCoding.keys(in: bytes).keys where keys[key] == nil { keys[key] = owner }
        }
        elsewhere = keys
        devices = seen
    }
}

/// This machine's host name, the default device name.
public enum HostName {
    public static func current() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count - 1) == 0 else { return "device" }
        return String(decoding: buf.prefix(while: { $0 != 0 }).map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}

extension EventStore {
    /// The devices that append to this folder, by the names of its files (`2026-11.laptop.jsonl`).
    public func devicesInFileNames(_ paths: some Sequence<String>) -> Set<String> {
        Set(paths.compactMap { DeviceName.owner(ofEventFile: PathName.last(of: $0)) })
    }

    /// When each device last wrote to the folder (its event files and its delivery records, which
    /// a daemon creates when it starts), for `iictl status`. Asked for on demand only.
    public func lastWrites() -> [String: Date] {
        var out: [String: Date] = [:]
        func note(_ owner: String?, _ path: String) {
            guard let owner, let id = FileIO.identity(path) else { return }
            let at = Date(timeIntervalSince1970: Double(id.modified) / 1e9)
            if out[owner].map({ $0 < at }) ?? true { out[owner] = at }
        }
        for path in files() { note(DeviceName.owner(ofEventFile: PathName.last(of: path)), path) }
        let folder = directory + "/" + DeliveryRecords.folderName
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where EventStore.isEventFile(name) {
            note(DeviceName.owner(ofDeliveryFile: name), folder + "/" + name)
        }
        return out
    }
}
