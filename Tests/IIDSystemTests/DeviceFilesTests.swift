import Foundation
import IIDCore
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The files of a shared events folder: each device appends to its own, reads everyone's.
@Suite struct DeviceFilesTests {
    let zone = systemZone("Europe/Berlin")
    let november = Date(timeIntervalSince1970: 1_795_795_200)

    func event(_ id: String, _ type: EventType = .note) -> Event {
        var e = Event(id: id, at: november, type: type, contact: "jane")
        if type == .added { e.name = "Jane" }
        e.text = "x"
        return e
    }

    @Test func eachDeviceAppendsToItsOwnFileAndReadsAll() throws {
        let dir = TempDir()
        let laptop = EventStore(directory: dir.path, zone: zone, device: "laptop")
        let desktop = EventStore(directory: dir.path, zone: zone, device: "desktop")
        try laptop.append(event("a", .added), recordedAt: november)
        try desktop.append(event("b"), recordedAt: november)
        #expect(laptop.fileForNewEvents(at: november) == dir.path + "/2026-11.laptop.jsonl")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter(EventStore.isEventFile)
        #expect(Set(names) == ["2026-11.laptop.jsonl", "2026-11.desktop.jsonl"])
        #expect(Set(laptop.load().events.map(\.id)) == ["a", "b"])
        #expect(laptop.devicesInFileNames(laptop.files()) == ["laptop", "desktop"])
        #expect(Set(laptop.lastWrites().keys) == ["laptop", "desktop"])
    }

    /// Syncthing's conflict copies are read (their events are de-duplicated by the plan); its
    /// folder marker and temporary files are not.
    @Test func conflictCopiesAreReadAndASyncToolsOwnFilesAreNot() throws {
        let dir = TempDir()
        let line = EventCoding.encode(event("a", .added), zone: zone) + "\n"
        try dir.write("2026-11.laptop.jsonl", line)
        try dir.write("2026-11.laptop.sync-conflict-20261201-101500-ABCDEFG.jsonl", line)
        try dir.write(".syncthing.2026-11.desktop.jsonl.tmp", "{\"half")
        mkdir(dir.path + "/.stfolder", 0o700)
        mkdir(dir.path + "/deliveries", 0o700)
        let store = EventStore(directory: dir.path, zone: zone)
        #expect(store.files().map { ($0 as NSString).lastPathComponent }.count == 2)
        let snapshot = store.load()
        #expect(snapshot.diagnostics.isEmpty)
        let plan = Planner(config: Config(), zone: zone).plan(snapshot.events)
        #expect(plan.contacts.count == 1 && plan.diagnostics.isEmpty)
    }

    @Test func deliveryRecordsAreSharedPerDevice() throws {
        let dir = TempDir()
        let laptop = DeliveryRecords(eventsDirectory: dir.path, device: "laptop", zone: zone)
        let desktop = DeliveryRecords(eventsDirectory: dir.path, device: "desktop", zone: zone)
        try laptop.announce()
        try desktop.announce()
        #expect(dir.mode("deliveries") == 0o700)
        #expect(dir.mode("deliveries/laptop.jsonl") == 0o600)
        try desktop.record("jane.homework|first|1#email", at: november)
        laptop.reload()
        #expect(laptop.devices == ["laptop", "desktop"])
        #expect(laptop.elsewhere == ["jane.homework|first|1#email": "desktop"])
        desktop.reload()
        #expect(desktop.elsewhere.isEmpty, "its own records are in its ledger")
        // A conflict copy of desktop's file counts as desktop's.
        try FileManager.default.copyItem(
            atPath: dir.path + "/deliveries/desktop.jsonl",
            toPath: dir.path + "/deliveries/desktop.sync-conflict-20261201-101500-ABCDEFG.jsonl")
        laptop.reload()
        #expect(laptop.devices == ["laptop", "desktop"])
        // The writer lock stays this device's: a .stignore keeps it out of the sync.
        let ignore = try String(contentsOfFile: dir.path + "/.stignore", encoding: .utf8)
        #expect(ignore.contains("/.lock"))
    }

    @Test func idsMadeInOneProcessSortInTheOrderMade() {
        let ids = (0..<50).map { _ in EventStore.newEventID(at: november) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == 50)
    }
}
