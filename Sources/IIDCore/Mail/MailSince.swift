#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Config.Mail {
    /// How far back a scan reads: `since`, or 90 days before the oldest open task's anchor
    /// (its request, its meeting), or before `now` when nothing is open: far enough back for
    /// every answer that still matters, and not the years of mail before the search began.
    /// Calendar days in `zone`, at the same wall-clock time.
    public func readSince(_ plan: Planner.Plan, now: Date, zone: TZifZone) -> Date {
        if let since { return since }
        let oldest = plan.tasks.map(\.anchor).min() ?? now
        return DurationSpec.days(90).apply(to: min(oldest, now), sign: -1, in: zone)
    }
}
