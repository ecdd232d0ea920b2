#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One moment at which a task calls for attention, through some channels.
public struct Reminder: Hashable, Sendable {
    public enum Slot: String, Sendable {
        /// The task's first reminder.
        case first
        /// The reminder at the due time, for kinds that escalate.
        case overdue
        /// The end of a snooze.
        case snooze
        /// The weekly digest of a period (`DigestSchedule`): no task of its own.
        case digest
    }

    /// Identifies the reminder in the delivery ledger: the task, the slot and the anchor (or snooze end),
    /// so that a rescheduled meeting reminds again and a restart does not.
    public let key: String
    /// The task, in a box the task's other reminders share: the daemon keeps every reminder of
    /// every open task, and a task is some 270 bytes.
    private var box: Box<PendingTask>
    public var task: PendingTask {
        get { box.value }
        set { box = Box(newValue) }
    }
    public var slot: Slot
    public var fireAt: Date
    public let channels: [Channel]
    /// `ledgerKey(channels[i])`, made once: the scheduler looks them up on every wake-up.
    public let ledgerKeys: [String]

    public init(key: String, task: PendingTask, slot: Slot, fireAt: Date, channels: [Channel]) {
        self.init(key: key, box: Box(task), slot: slot, fireAt: fireAt, channels: channels)
    }

    private init(key: String, box: Box<PendingTask>, slot: Slot, fireAt: Date, channels: [Channel]) {
        self.key = Self.compact(key)
        self.box = box
        self.slot = slot
        self.fireAt = fireAt
        self.channels = channels
        ledgerKeys = channels.map { Self.compact("\(key)#\($0.rawValue)") }
    }

    /// A string with no room to spare: an interpolated one keeps the room it grew into, twice the
    /// text for a key of 40 bytes, and the daemon keeps two or three keys for every open task.
    static func compact(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }

    /// The reminders of `task` under `rule`, a snooze's suppressing any that would fire during it.
    public static func of(_ task: PendingTask, rule: ReminderRule) -> [Reminder] {
        of(Box(task), rule: rule)
    }

    /// The same, sharing `box` with whoever holds it (`LivePlan` keeps its tasks so).
    static func of(_ box: Box<PendingTask>, rule: ReminderRule) -> [Reminder] {
        let task = box.value
        let anchor = Int(task.anchor.timeIntervalSince1970)
        var out: [Reminder] = []
        if !rule.via.isEmpty {
            out.append(
                Reminder(
                    key: "\(task.id)|first|\(anchor)", box: box, slot: .first, fireAt: task.remindAt,
                    channels: rule.via))
        }
        if !rule.overdueVia.isEmpty, task.due > task.remindAt {
            out.append(
                Reminder(
                    key: "\(task.id)|overdue|\(anchor)", box: box, slot: .overdue, fireAt: task.due,
                    channels: rule.overdueVia))
        }
        if let at = task.snoozedAt, let until = task.snoozedUntil {
            out.removeAll { $0.fireAt >= at && $0.fireAt < until }
            let channels = rule.via.isEmpty ? rule.overdueVia : rule.via
            if !channels.isEmpty {
                out.append(
                    Reminder(
                        key: "\(task.id)|snooze|\(Int(until.timeIntervalSince1970))", box: box, slot: .snooze,
                        fireAt: until, channels: channels))
            }
        }
        return out
    }

    /// The digest of `period` as a reminder, so that the scheduler decides it by the same rules as
    /// any other (catch-up, quiet hours, retries, the sender with several devices) and arms the
    /// timer for it. Its task is a stand-in named by the period, for no contact: a digest's text
    /// comes from the whole plan at send time (`MessageBuilder.weekly`), never from this task.
    public static func digest(_ period: DigestSchedule.Period, channels: [Channel]) -> Reminder {
        let stand = PendingTask(
            id: period.key, kind: .followUp, contact: "", contactName: "", anchor: period.start,
            remindAt: period.start, due: period.start)
        return Reminder(key: period.key, task: stand, slot: .digest, fireAt: period.start, channels: channels)
    }

    public var isDigest: Bool { slot == .digest }

    public static func == (a: Reminder, b: Reminder) -> Bool { a.key == b.key && a.task == b.task }
    public func hash(into h: inout Hasher) { h.combine(key) }

    /// `key` plus the channel: one line in the ledger.
    public func ledgerKey(_ channel: Channel) -> String {
        channels.firstIndex(of: channel).map { ledgerKeys[$0] } ?? "\(key)#\(channel.rawValue)"
    }
}
