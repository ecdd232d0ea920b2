#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a recording command is about to say happened.
public enum Recorded: Sendable, Equatable {
    case request
    /// A meeting at `start` (a new one, or the upcoming one moved).
    case schedule(start: Date)
    case confirm
    /// `minutes` is given for a meeting that took place without being scheduled in iid.
    case held(minutes: Int?)
    case thanked
    /// They said no: to the open request, or to the meeting arranged.
    case declined
}

/// A recording refused because the contact's state does not allow it: one line that names the
/// state and the command that would fit.
public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The state model every recording command checks first: a slip (a meeting already over, a
/// thank-you before the meeting, a confirm after it) is refused here, so that it never becomes a
/// wrong reminder. `--force` skips these checks for a deliberate exception.
public struct RecordingCheck: Sendable {
    public var words: Wording
    /// The real time, against which `--at` is checked.
    public var now: Date

    public init(zone: TZifZone, now: Date) {
        words = Wording(zone: zone)
        self.now = now
    }

    /// How far `--at` may be ahead of the clock: a minute, for clocks a little apart.
    public static let futureSlack: TimeInterval = 60

    func when(_ d: Date) -> String { words.when(d, now: now) }

    /// An event is recorded when it has happened: `--at` more than a minute ahead is a slip.
    public func time(_ at: Date) -> Refusal? {
        guard at.timeIntervalSince(now) > Self.futureSlack else { return nil }
        return Refusal(
            "--at \(when(at)) is in the future (now \(when(now))): record it once it has happened, or add --force")
    }

    /// Whether `what` may be recorded for `c` at `at`; nil when it may.
    public func check(_ what: Recorded, _ c: ContactRecord, at: Date) -> Refusal? {
        let name = c.name
        let id = c.id
        let upcoming = c.upcomingMeeting
        let lastHeld = c.meetings.last { !$0.cancelled && $0.held && $0.thankedAt == nil }
        let noMeeting =
            "\(name) has no meeting scheduled: `iictl schedule \(id) TIME` first, or `iictl held \(id) --at TIME --minutes N` for one that took place"
        switch what {
        case .request:
            if let m = upcoming {
                return Refusal(
                    "\(name) already has a meeting on \(when(m.start)): `iictl schedule \(id) TIME` moves it, `iictl cancel \(id)` cancels it"
                )
            }
        case .schedule(let start):
            if start < at {
                return Refusal(
                    "\(when(start)) is before \(when(at)), when this is recorded: for a meeting that took place use `iictl held \(id) --at TIME --minutes N`, or add --force"
                )
            }
        case .confirm:
            guard let m = upcoming else {
                if let held = lastHeld ?? c.meetings.last(where: { !$0.cancelled && $0.held }) {
                    return Refusal(
                        "the meeting with \(name) on \(when(held.start)) is held already: nothing to confirm; `iictl thanked \(id)` once the note is sent"
                    )
                }
                return Refusal("\(name) has no meeting scheduled: `iictl schedule \(id) TIME` first")
            }
            if m.start <= at {
                return Refusal(
                    "the meeting with \(name) began \(when(m.start)): nothing left to confirm; `iictl held \(id)` records that it took place"
                )
            }
        case .held(let minutes):
            if let m = upcoming {
                if at < m.start {
                    return Refusal(
                        "the meeting with \(name) starts \(when(m.start)), after \(when(at)): record it once it has begun, or `iictl schedule \(id) TIME` if it moved"
                    )
                }
            } else if lastHeld == nil, minutes == nil {
                return Refusal(noMeeting)
            }
        case .declined:
            if c.openRequest == nil, upcoming == nil {
                return Refusal(
                    "\(name) has no open request or meeting to decline: `iictl request \(id)` records a request, `iictl note \(id) TEXT` what they said"
                )
            }
        case .thanked:
            guard let m = c.meetings.last(where: { !$0.cancelled && $0.thankedAt == nil }) else {
                if let thanked = c.meetings.last(where: { $0.thankedAt != nil }), let t = thanked.thankedAt {
                    return Refusal(
                        "the thank-you to \(name) for the meeting on \(when(thanked.start)) is recorded already (\(when(t)))"
                    )
                }
                return Refusal(noMeeting)
            }
            if !m.held, at < m.start {
                return Refusal(
                    "the meeting with \(name) is \(when(m.start)), after \(when(at)): a thank-you comes after it; `iictl held \(id)` once it took place"
                )
            }
        }
        return nil
    }
}
