#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// When a step recorded "now" is put in the log, so that a clock that is a few minutes off does
/// not reorder a person's own steps.
///
/// The log orders events by their time. A person who moves a meeting on the desktop and moves it
/// again a minute later on a laptop whose clock is five minutes behind would otherwise see the
/// laptop's step sorted first, and the meeting at the desktop's time. But the laptop has read the
/// desktop's step before the person acted on it: so a step taken now is put just after the latest
/// step of the same contact that this device has seen, when that one lies a little in the future.
/// A step given an explicit time (`--at`) keeps it; so does one whose latest predecessor is more
/// than `tolerance` ahead, which is a step recorded ahead on purpose, not a clock's drift.
public enum CausalStamp {
    /// How far ahead another device's clock may be and still be taken for drift.
    public static let tolerance: TimeInterval = 30 * 60

    /// The time to record a step taken at `now` after a contact whose latest event is `latest`.
    /// Whole seconds, as the log writes them: one second after the latest.
    public static func stamp(now: Date, after latest: Date?) -> Date {
        guard let latest, latest >= now, latest.timeIntervalSince(now) <= tolerance else { return now }
        return Date(timeIntervalSince1970: latest.timeIntervalSince1970.rounded(.down) + 1)
    }
}
