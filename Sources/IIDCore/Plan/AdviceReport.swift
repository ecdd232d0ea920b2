#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The report owed to a contact whose advice you acted on (`acted`): the contact's own task, one
/// for all the advice acted on since the last such report was done. Two pieces of advice acted on
/// before you report make one report that tells of both; advice acted on after it, the next.
///
/// Its id, `jane-doe.report-back.advice.20250616`, carries the day of the first piece it covers:
/// a fourth part, so that it is never the id of a person met (`REFERRER.report-back.PERSON`), and
/// a day, so that the next report's id differs from the last done (a second one begun the same
/// day gets `-2`, as a request's follow-ups do).
public enum AdviceReport {
    /// The word in the id after the kind.
    public static let word = "advice"

    /// `jane-doe.report-back.advice.`: what every report on `contact`'s advice starts with.
    public static func prefix(_ contact: String) -> String {
        "\(contact).\(TaskKind.reportBack.rawValue).\(word)."
    }

    /// The advice of `r`'s that no report has told them of yet, oldest first.
    public static func owed(_ r: ContactRecord) -> [ActedAdvice] {
        Array(r.advice.dropFirst(min(r.adviceReported, r.advice.count)))
    }

    /// The id of the report owed on `owed`, which begins with advice acted on at `first`.
    static func taskID(_ r: ContactRecord, first: Date, zone: TZifZone) -> String {
        let base = prefix(r.id) + Planner.dayStamp(first, in: zone)
        var id = base
        var n = 1
        while r.adviceReports.contains(id) {
            n += 1
            id = "\(base)-\(n)"
        }
        return id
    }
}

extension Planner {
    /// `done` of a report on `r`'s advice: it told them of all the advice acted on so far.
    func reportAdvice(_ r: inout ContactRecord, task: String) {
        guard task.hasPrefix(AdviceReport.prefix(r.id)) else { return }
        r.adviceReported = r.advice.count
        r.adviceReports.append(task)
    }

    /// The report owed on `r`'s advice acted on since the last report, counted from the first of it.
    func adviceReport(_ r: ContactRecord) -> PendingTask? {
        let owed = AdviceReport.owed(r)
        guard let first = owed.first else { return nil }
        var t = make(
            .reportBack, r, anchor: first.at, id: AdviceReport.taskID(r, first: first.at, zone: zone), meeting: nil)
        t.advice = owed.map(\.text)
        return t
    }
}
