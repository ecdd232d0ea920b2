#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One message on one channel, and the deliveries (ledger keys) it carries: what the daemon hands
/// a channel, composed here so that the timer's path and a full wake-up send the same text.
public struct Outgoing: Sendable {
    public var message: ReminderMessage
    public var deliveries: [Scheduler.Delivery]
    public var channel: Channel

    public var keys: [String] { deliveries.map(\.ledgerKey) }
    /// The reminders carried, for the fallback rule.
    public var reminders: [Reminder] { deliveries.map(\.reminder) }
    /// The distinct tasks carried: what a digest counts and the log reports.
    public var taskCount: Int { message.tasks.count }
}

/// When several reminders on one channel become one digest instead of a message each.
public enum DigestRule {
    /// More than this many at once make a digest, whatever their lateness.
    public static let atOnce = 3

    /// A channel with several reminders of which some are late (after an absence), or with many at
    /// once, gets one digest: a person back from a week away wants one message, not forty.
    public static func wantsDigest(_ items: [Scheduler.Delivery]) -> Bool {
        items.count > atOnce || (items.count > 1 && items.contains(where: \.isLate))
    }

    /// The deliveries grouped per channel, in `Channel.allCases` order.
    public static func batches(_ deliveries: [Scheduler.Delivery]) -> [(
        channel: Channel, items: [Scheduler.Delivery], digest: Bool
    )] {
        Channel.allCases.compactMap { channel in
            let items = deliveries.filter { $0.channel == channel }
            return items.isEmpty ? nil : (channel, items, wantsDigest(items))
        }
    }
}

extension MessageBuilder {
    /// The messages for `deliveries` at `now`: a digest per channel where `DigestRule` asks for
    /// one, otherwise one message per delivery.
    public func compose(
        _ deliveries: [Scheduler.Delivery], now: Date, watch: Watch? = nil, contact: (String) -> ContactRecord?
    ) -> [Outgoing] {
        var out: [Outgoing] = []
        for batch in DigestRule.batches(deliveries) {
            if batch.digest {
                let items = batch.items.map { ($0.reminder, contact($0.reminder.task.contact)) }
                let message = digest(items, now: now, watch: watch) { ReminderContext.referrer(of: $0, contact) }
                out.append(Outgoing(message: message, deliveries: batch.items, channel: batch.channel))
            } else {
                for d in batch.items {
                    let lateness =
                        !d.isLate
                        ? .onTime
                        : (watch?.lateness(of: d.reminder.fireAt, contact: d.reminder.task.contact, now: now) ?? .away)
                    let record = contact(d.reminder.task.contact)
                    let m = message(
                        for: d.reminder, contact: record, now: now, lateness: lateness,
                        referrer: ReminderContext.referrer(of: record, contact))
                    out.append(Outgoing(message: m, deliveries: [d], channel: batch.channel))
                }
            }
        }
        return out
    }
}
