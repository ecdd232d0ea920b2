import Foundation
import IIDCore
import Testing

/// Which device sends a reminder that reaches the person elsewhere, and when.
@Suite struct SenderRuleTests {
    let due = local("2026-12-01 10:00")
    let started = local("2026-12-01 08:00")

    func rule(
        _ device: String, devices: Set<String> = ["laptop", "desktop"], preferred: String? = nil,
        awake: Date? = nil, elsewhere: [String: String] = [:]
    ) -> SenderRule {
        SenderRule(
            device: device, devices: devices, preferred: preferred, grace: 300, eachDevice: [.notify, .journal],
            awakeSince: awake ?? started, sentElsewhere: elsewhere)
    }

    @Test func theFirstDeviceByNameSendsAtOnceAndTheOtherAfterTheGrace() {
        #expect(rule("desktop").ranking == ["desktop", "laptop"])
        #expect(rule("desktop").verdict(key: "k#email", channel: .email, at: due) == .sendAt(due))
        #expect(rule("laptop").verdict(key: "k#email", channel: .email, at: due) == .sendAt(due + 300))
    }

    @Test func thePreferredDeviceGoesFirstAndTheRestFollowOneGraceApart() {
        let r = rule("desktop", devices: ["desktop", "laptop", "phone"], preferred: "laptop")
        #expect(r.ranking == ["laptop", "desktop", "phone"])
        #expect(r.verdict(key: "k#email", channel: .email, at: due) == .sendAt(due + 300))
        let phone = rule("phone", devices: ["desktop", "laptop", "phone"], preferred: "laptop")
        #expect(phone.verdict(key: "k#email", channel: .email, at: due) == .sendAt(due + 600))
    }

    @Test func aRecordFromAnotherDeviceMeansItIsSent() {
        let r = rule("laptop", elsewhere: ["k#email": "desktop"])
        #expect(r.verdict(key: "k#email", channel: .email, at: due) == .sentElsewhere(by: "desktop"))
        #expect(r.verdict(key: "other#email", channel: .email, at: due) == .sendAt(due + 300))
    }

    @Test func notificationsAndTheJournalGoOutOnEveryDevice() {
        let r = rule("laptop", elsewhere: ["k#notify": "desktop"])
        #expect(r.verdict(key: "k#notify", channel: .notify, at: due) == .sendAt(due))
        #expect(r.verdict(key: "k#journal", channel: .journal, at: due) == .sendAt(due))
    }

    @Test func aDeviceAloneSendsEverythingAtOnce() {
        let r = rule("laptop", devices: [], awake: local("2026-12-01 11:00"))
        #expect(r.devices == ["laptop"])
        #expect(r.verdict(key: "k#email", channel: .email, at: due) == .sendAt(due))
    }

    /// A device back from a week away, even the preferred one, first gives the others' records one
    /// grace to arrive: what they sent meanwhile is not sent again.
    @Test func whatFellDueWhileAwayWaitsOneGraceAfterComingBack() {
        let back = local("2026-12-08 09:00")
        #expect(rule("desktop", awake: back).verdict(key: "k#email", channel: .email, at: due) == .sendAt(back + 300))
        #expect(rule("laptop", awake: back).verdict(key: "k#email", channel: .email, at: due) == .sendAt(back + 600))
        let later = local("2026-12-08 12:00")
        #expect(rule("desktop", awake: back).verdict(key: "k#email", channel: .email, at: later) == .sendAt(later))
    }

    /// In the one decision path: the hold is a later time for the key, a record is a delivery.
    @Test func theSchedulerHoldsTheEmailAndSendsTheRestAtOnce() throws {
        var config = Config()
        config.reminders[.thankYou]?.via = [.notify, .email]
        var log = Log()
        log.add(.added, "jane", at: "2026-11-30 08:00")
        log.add(.held, "jane", at: "2026-12-01 08:00")
        let plan = planner(config).plan(log.events)
        let scheduler = Scheduler(config: config, zone: berlin)
        let fire = local("2026-12-01 10:00")
        let laptop = rule("laptop")
        let d = scheduler.decide(
            reminders: [scheduler.reminders(for: plan.tasks)], delivered: [], now: fire, sender: laptop)
        #expect(d.deliveries.map(\.channel) == [.notify])
        #expect(d.nextWake == fire + 300)
        #expect(d.upcoming.map(\.channel) == [.email])
        let key = try #require(d.upcoming.first?.ledgerKey)
        let sent = rule("laptop", elsewhere: [key: "desktop"])
        let after = scheduler.decide(
            reminders: [scheduler.reminders(for: plan.tasks)], delivered: Set(d.deliveries.map(\.ledgerKey)),
            now: fire + 300, sender: sent)
        #expect(after.deliveries.isEmpty)
        #expect(after.nextWake != fire + 300)
        let alone = scheduler.decide(
            reminders: [scheduler.reminders(for: plan.tasks)], delivered: Set(d.deliveries.map(\.ledgerKey)),
            now: fire + 300, sender: laptop)
        #expect(alone.deliveries.map(\.channel) == [.email])
    }
}

/// Which device a file belongs to, by its name.
@Suite struct DeviceNameTests {
    @Test func eventFilesNameTheirDevice() {
        #expect(DeviceName.owner(ofEventFile: "2026-12.laptop.jsonl") == "laptop")
        #expect(DeviceName.owner(ofEventFile: "2026-12.laptop.sync-conflict-20261201-101500-ABCDEFG.jsonl") == "laptop")
        #expect(DeviceName.owner(ofEventFile: "2026-12.jsonl") == nil)
        #expect(DeviceName.owner(ofEventFile: "manual.jsonl") == nil)
        #expect(DeviceName.owner(ofDeliveryFile: "desktop.jsonl") == "desktop")
        #expect(DeviceName.owner(ofDeliveryFile: "desktop.sync-conflict-20261201-101500-ABCDEFG.jsonl") == "desktop")
        #expect(DeviceName.isConflictCopy("2026-12.laptop.sync-conflict-20261201-101500-ABCDEFG.jsonl"))
    }

    @Test func theHostNameGivesASafeDefault() {
        #expect(DeviceName.fromHost("alex-laptop.fritz.box") == "alex-laptop")
        #expect(DeviceName.fromHost("ü/x") == "--x")
        #expect(DeviceName.fromHost("") == "device")
        var config = Config()
        #expect(config.deviceName(host: "desk.local") == "desk")
        config.device = "laptop"
        #expect(config.deviceName(host: "desk.local") == "laptop")
    }

    @Test func theConfigTakesOnlySafeNames() throws {
        let ok = try ConfigParser.parse(
            "device: laptop\ndelivery:\n  sender: desktop\n  grace: 2m\n", file: "c", knownZones: knownZone)
        #expect(ok.config.device == "laptop")
        #expect(ok.config.delivery.sender == "desktop")
        #expect(ok.config.delivery.grace == .minutes(2))
        #expect(ok.config.delivery.eachDevice == [.notify, .journal])
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse("device: ../etc\n", file: "c", knownZones: knownZone)
        }
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse("delivery:\n  grace: 0m\n", file: "c", knownZones: knownZone)
        }
    }
}
