#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Someone a contact referred you to, met: the contact is owed a report on how it went
/// (`report-back`), counted from the first meeting with them that was held.
public struct MetReferral: Sendable, Equatable {
    public var id: String
    public var name: String
    public var heldAt: Date

    /// The person `r` referred, met: their first meeting held, if any.
    public static func of(_ r: ContactRecord) -> MetReferral? {
        guard !r.archived, let held = r.meetings.first(where: { $0.held && !$0.cancelled }) else { return nil }
        return MetReferral(id: r.id, name: r.name, heldAt: held.heldAt ?? held.start)
    }

    /// `jane-doe.report-back.dan-ode`: the referrer's task, one for each person met, so that
    /// `iictl done` and the notification's buttons name it like any other.
    public static func taskID(_ referrer: String, _ met: String) -> String {
        "\(referrer).\(TaskKind.reportBack.rawValue).\(met)"
    }

    /// Everyone among `contacts` whom `referrer` referred and whom you met, in the order met.
    public static func all(by referrer: String, in contacts: [ContactRecord]) -> [MetReferral] {
        contacts.filter { $0.referredBy == referrer && $0.id != referrer }.compactMap(of).sorted {
            ($0.heldAt, $0.id) < ($1.heldAt, $1.id)
        }
    }
}
