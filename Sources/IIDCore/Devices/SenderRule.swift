#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which device sends a reminder that reaches the person elsewhere (email), when several devices
/// share one event log: once across them, and not lost while one is off.
///
/// Desktop notifications and the journal are the device's own (`delivery.each_device`): every
/// device sends them. Every other channel is sent by one device: the devices are ranked (the
/// preferred one, `delivery.sender`, first, then the others by name), the first sends at the
/// reminder's time, the second `grace` later, the third twice `grace` later, and each one holds
/// back while no other device's delivery record shows the reminder. So the preferred device sends
/// at once, another one only when the preferred one did not within its grace (off, asleep, or
/// failing); and a record that arrived within the grace means it is not sent again.
///
/// A device that was away (just started, or its clock jumped as on a resume) sends what fell due
/// meanwhile only `grace` after it came back, whatever its rank: what the others sent in its
/// absence reaches it through the sync tool within that time.
///
/// A value for `Scheduler.decide`: the hold is a later time for the key, like quiet hours or a
/// retry, and a reminder another device sent counts as delivered.
public struct SenderRule: Sendable, Equatable {
    public var device: String
    /// Every device seen, this one included.
    public var devices: Set<String>
    /// `delivery.sender`; nil: the first device by name.
    public var preferred: String?
    public var grace: TimeInterval
    /// Channels every device sends on its own.
    public var eachDevice: Set<Channel>
    /// Since when this device has been awake: the daemon's start or the last clock jump.
    public var awakeSince: Date
    /// Ledger keys other devices recorded as delivered, and by which device.
    public var sentElsewhere: [String: String]

    public init(
        device: String, devices: Set<String>, preferred: String?, grace: TimeInterval, eachDevice: Set<Channel>,
        awakeSince: Date, sentElsewhere: [String: String]
    ) {
        self.device = device
        self.devices = devices.union([device])
        self.preferred = preferred
        self.grace = grace
        self.eachDevice = eachDevice
        self.awakeSince = awakeSince
        self.sentElsewhere = sentElsewhere
    }

    /// The devices in the order in which they send: the preferred one first, then by name.
    public var ranking: [String] {
        let first = preferred ?? devices.min() ?? device
        return [first] + devices.subtracting([first]).sorted()
    }

    /// This device's place in `ranking` (0: it sends at once).
    public var rank: Int { ranking.firstIndex(of: device) ?? devices.count }

    public enum Verdict: Sendable, Equatable {
        /// Send at this time (the reminder's own time when this device sends first).
        case sendAt(Date)
        /// Another device's record shows it: nothing to send.
        case sentElsewhere(by: String)
    }

    /// What this device does about `key` on `channel`, due at `at` (after quiet hours).
    public func verdict(key: String, channel: Channel, at: Date) -> Verdict {
        if eachDevice.contains(channel) || devices.count < 2 { return .sendAt(at) }
        if let other = sentElsewhere[key] { return .sentElsewhere(by: other) }
        let base = at >= awakeSince ? at : awakeSince.addingTimeInterval(grace)
        return .sendAt(base.addingTimeInterval(grace * Double(rank)))
    }
}

extension Config {
    /// The sender rule for `device` among `devices`, awake since `awakeSince`.
    public func senderRule(
        device: String, devices: Set<String>, awakeSince: Date, sentElsewhere: [String: String]
    ) -> SenderRule {
        SenderRule(
            device: device, devices: devices, preferred: delivery.sender, grace: delivery.grace.approximateSeconds,
            eachDevice: Set(delivery.eachDevice), awakeSince: awakeSince, sentElsewhere: sentElsewhere)
    }
}
