import IIDCore
import IIDSystem
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the daemon knows of the other devices that share its events folder: their delivery
/// records, and since when this device has been awake. Mutated on the loop's queue only.
struct DevicePresence {
    var records: DeliveryRecords?
    /// The daemon's start, or the last clock jump (a resume): see `SenderRule.awakeSince`.
    var awakeSince: Date?
}

extension Daemon {
    /// This device's name: the config's `device`, or the host name.
    var deviceName: String { loaded.config.deviceName(host: environment.host) }

    /// The delivery records for the current events folder and device, made (and this device
    /// announced in them) when either changed; nil only if the folder cannot be written.
    @discardableResult
    func deliveryRecords() -> DeliveryRecords? {
        if let r = presence.records, r.device == deviceName,
            r.directory == store.directory + "/" + DeliveryRecords.folderName
        {
            return r
        }
        let r = DeliveryRecords(eventsDirectory: store.directory, device: deviceName, zone: loaded.zone)
        do {
            try r.announce()
        } catch {
            log.error("cannot write this device's delivery records: \(error.description)")
        }
        r.reload()
        presence.records = r
        if watcher != nil { watcher?.watch(r.directory) }
        return r
    }

    /// Called at start, before the folders are watched: the records folder must exist to be watched.
    func announceDevice() {
        presence.awakeSince = started
        deliveryRecords()
    }

    /// The sender rule as things stand: the devices that announced themselves, their records.
    func senderRule(now: Date) -> SenderRule? {
        guard let records = deliveryRecords() else { return nil }
        return loaded.config.senderRule(
            device: deviceName, devices: records.devices, awakeSince: presence.awakeSince ?? started,
            sentElsewhere: records.elsewhere)
    }

    /// Another device's records changed (the sync tool brought them): read them again and decide
    /// again, so that a reminder held for its grace is dropped as soon as the record arrives.
    func deliveriesChanged(wake wakes: Bool) {
        guard let records = deliveryRecords() else { return }
        // Watched anew: a sync tool may have replaced the folder, and the old watch is gone with
        // it (removed) or follows it elsewhere (renamed).
        watcher?.unwatch(records.directory)
        watcher?.watch(records.directory)
        records.reload()
        log.debug(
            "delivery records re-read",
            metadata: [
                "devices": "\(records.devices.sorted().joined(separator: " "))",
                "records.elsewhere": "\(records.elsewhere.count)",
            ])
        if wakes { wake(.eventsChanged) }
    }

    /// The wall clock jumped (a resume, a manual change): what fell due meanwhile waits for the
    /// other devices' records for one grace.
    func clockJumped(now: Date) {
        presence.awakeSince = now
    }

    /// After a delivery: a channel that goes out once across devices is recorded where the others
    /// read it. A failure to write is logged; the others then send it too after their grace
    /// (twice rather than never).
    func shareDelivery(_ out: Outgoing, outcome: DeliveryOutcome, at now: Date) {
        guard case .delivered = outcome, !loaded.config.delivery.eachDevice.contains(out.channel),
            let records = deliveryRecords()
        else { return }
        do {
            for key in out.keys { try records.record(key, at: now) }
        } catch {
            log.error("cannot write this device's delivery records: \(error.description)")
        }
    }

    /// The devices for `status`: every one seen in the folder's file names or records, and when
    /// each last wrote there.
    func devicesSeen() -> [DaemonStatus.Device] {
        let writes = store.lastWrites()
        let names = Set(writes.keys).union(presence.records?.devices ?? []).union([deviceName])
        return names.sorted().map { name in
            DaemonStatus.Device(
                name: name, lastWrite: writes[name].map { Timestamp.format($0, in: loaded.zone) },
                this: name == deviceName)
        }
    }
}
