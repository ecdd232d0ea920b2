#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The whole configuration, as decoded from YAML; every key has a default.
public struct Config: Equatable, Sendable {
    public struct Me: Equatable, Sendable {
        public var name = ""
        public var email = ""
        /// The 15-second summary of background and aims.
        public var pitch = ""
        public var objectives: [String] = []
        /// Notable accomplishments to mention when asked about your background.
        public var accomplishments: [String] = []
        /// Your postal address, one line each, for thank-you letters.
        public var address: [String] = []
        public init() {}
    }

    public struct Notify: Equatable, Sendable {
        public var command = "notify-send"
        /// Offer Done / Snooze buttons where the server supports actions.
        public var actions = true
        public var timeout = DurationSpec(10, .seconds)
        public init() {}
    }

    public struct Email: Equatable, Sendable {
        public var to = ""
        public var from = ""
        public var sendmail = ["/usr/sbin/sendmail", "-t", "-oi"]
        public var timeout = DurationSpec(30, .seconds)
        public init() {}
    }

    public struct Journal: Equatable, Sendable {
        public var socket = "/run/systemd/journal/socket"
        public init() {}
    }

    /// Push messages to the phone (and anything else Apprise reaches), through the `apprise` command.
    public struct Push: Equatable, Sendable {
        /// Apprise URLs (`ntfy://…`, `gotify://…`); they hold secrets, so they are never logged.
        /// Empty: Apprise's own configuration file is used.
        public var urls: [String] = []
        public var command = "apprise"
        public var timeout = DurationSpec(30, .seconds)
        public init() {}
    }

    public struct Delivery: Equatable, Sendable {
        public var notify = Notify()
        public var email = Email()
        public var journal = Journal()
        public var push = Push()
        /// The first retry of a failed delivery; each further one waits twice as long, at most an hour.
        public var retry = DurationSpec(30, .seconds)
        /// With several devices: the one that sends email at once (nil: the first by name), how long
        /// another waits for its record, and the channels every device sends itself (`SenderRule`).
        public var sender: String?
        public var grace = DurationSpec(5, .minutes)
        public var eachDevice: [Channel] = [.notify, .journal]
        public init() {}
    }

    public var me = Me()
    /// This device's name in a shared events folder; nil means the host name (`deviceName(host:)`).
    public var device: String?
    /// An IANA zone name; nil means the system's zone.
    public var timezone: String?
    /// Nil means `$XDG_DATA_HOME/iid/events`.
    public var eventsDir: String?
    public var quietHours: QuietHours?
    /// Reminders older than this at start or resume are logged, not delivered.
    public var catchUp = DurationSpec.days(7)
    public var delivery = Delivery()
    /// The vdir iid keeps for CalDAV clients and vdirsyncer; nil (the default) turns it off.
    public var calendarDir: String?
    /// The person's mail folders that iid reads (`mail`); nil (the default) turns it off.
    public var mail: Mail?
    public var reminders: [TaskKind: ReminderRule] = ReminderRule.defaults
    /// The weekly digest (`digest`); nil (the default) turns it off.
    public var digest: DigestSchedule?
    public var followUps = FollowUps()
    /// One employer at a time (`reminders.next-contact`).
    public var nextContact = NextContact()
    /// Whether meeting someone a contact referred you to owes that contact a report
    /// (`report-back`); `reminders.report-back.after: never` turns it off.
    public var reportBack = true

    /// A week's goals (`goals`); nil (the default) sets none.
    public var goals: Goals?

    public init() {}

    public func rule(_ kind: TaskKind) -> ReminderRule {
        reminders[kind] ?? ReminderRule.defaults[kind] ?? ReminderRule(kind: kind)
    }

    /// The built-in default configuration.
    public static let `default` = Config()
}

/// The follow-ups of a request that got no date: coaches teach more than one, and a point at
/// which to stop asking.
public struct FollowUps: Equatable, Sendable {
    /// Each follow-up's first reminder: the first counted from the request, each next one from
    /// the one before it being sent (its task done). The first is `reminders.follow-up.after`.
    public var sequence: [DurationSpec] = [.days(7), .days(7)]
    /// How long after the last follow-up, unanswered, the contact goes `cold`.
    public var coldAfter = DurationSpec.days(7)
    public init() {}
}

/// What a person means to do each week, Monday to Monday in the configured zone: how many
/// meeting requests to send and how many meetings to hold. Either may be left out; nil sets no
/// goal for it. `iictl stats --week` and the weekly digest compare them with what was done.
public struct Goals: Equatable, Sendable {
    public var requests: Int?
    public var meetings: Int?
    public init(requests: Int? = nil, meetings: Int? = nil) {
        self.requests = requests
        self.meetings = meetings
    }
}

/// One employer at a time, as coaches teach it (the 3B7 routine): one open request per
/// organisation, and the next person there after `after` without an answer.
public struct NextContact: Equatable, Sendable {
    /// `request` to a second person at an organisation whose first has not answered (and whose
    /// `after` has not passed) is refused, unless `--force`.
    public var oneAtATime = true
    /// How long a request waits for its answer before the next person at its organisation may be
    /// asked: three business days, counted as the follow-up sequence counts them. The same value
    /// as `reminders.next-contact.after`, the first reminder of the `next-contact` task.
    public var after = DurationSpec(3, .businessDays)
    public init() {}
}

/// When a task's reminders fire and where they go.
public struct ReminderRule: Equatable, Sendable {
    /// The first reminder, counted from the anchor (backward for meeting prep, forward otherwise).
    public var offset: DurationSpec
    /// When the task is due, counted the same way.
    public var due: DurationSpec
    public var via: [Channel]
    /// A second reminder at the due time, through these channels; empty for none.
    public var overdueVia: [Channel]

    /// How long after its first reminder a task is due, for tasks whose reminder moves (the next
    /// follow-up, a person's own cadence): `due` less `offset` where both are in one kind of unit,
    /// else none (due at the reminder).
    public var window: DurationSpec? { offset.until(due) }

    public init(
        kind: TaskKind, offset: DurationSpec = .minutes(0), due: DurationSpec = .minutes(0),
        via: [Channel] = [.notify, .journal], overdueVia: [Channel] = []
    ) {
        self.offset = offset
        self.due = due
        self.via = via
        self.overdueVia = overdueVia
    }

    public static let defaults: [TaskKind: ReminderRule] = [
        .followUp: ReminderRule(kind: .followUp, offset: .days(7), due: .days(10)),
        .homework: ReminderRule(kind: .homework, offset: .days(2), due: .minutes(0)),
        .confirm: ReminderRule(kind: .confirm, offset: .days(1), due: .hours(2)),
        .brief: ReminderRule(kind: .brief, offset: .hours(1), due: .minutes(0)),
        .thankYou: ReminderRule(
            kind: .thankYou, offset: .hours(2), due: .days(2), overdueVia: [.notify, .email, .journal]),
        .keepInTouch: ReminderRule(kind: .keepInTouch, offset: .days(90), due: .days(104)),
        .nextContact: ReminderRule(
            kind: .nextContact, offset: DurationSpec(3, .businessDays), due: DurationSpec(5, .businessDays)),
        .reportBack: ReminderRule(kind: .reportBack, offset: .days(2), due: .days(7)),
    ]
}

/// A daily window in which reminders wait, such as `22:00-07:00` (it may span midnight).
public struct QuietHours: Equatable, Sendable, CustomStringConvertible {
    public var startMinute: Int
    public var endMinute: Int

    public init(startMinute: Int, endMinute: Int) {
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    public init?(parsing text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2,
            let a = TimeExpression.parseClock(String(parts[0]).trimmingSpaces()),
            let b = TimeExpression.parseClock(String(parts[1]).trimmingSpaces()),
            a != b
        else { return nil }
        self.init(startMinute: a.0 * 60 + a.1, endMinute: b.0 * 60 + b.1)
    }

    public var description: String {
        Digits.padded(startMinute / 60, 2) + ":" + Digits.padded(startMinute % 60, 2) + "-"
            + Digits.padded(endMinute / 60, 2) + ":"
            + Digits.padded(endMinute % 60, 2)
    }

    func contains(minuteOfDay m: Int) -> Bool {
        startMinute < endMinute ? (m >= startMinute && m < endMinute) : (m >= startMinute || m < endMinute)
    }

    /// `date` itself if outside the window, else the window's end (local wall clock in `zone`).
    public func release(_ date: Date, in zone: TZifZone) -> Date {
        let f = LocalTime.fields(of: date, in: zone)
        let minute = f.hour * 60 + f.minute
        guard contains(minuteOfDay: minute) else { return date }
        var end = f
        end.hour = endMinute / 60
        end.minute = endMinute % 60
        end.second = 0
        let sameDay = LocalTime.instant(end, in: zone) ?? date
        if sameDay > date { return sameDay }
        let next = LocalTime.addingDays(1, to: date, in: zone)
        var nf = LocalTime.fields(of: next, in: zone)
        nf.hour = end.hour
        nf.minute = end.minute
        nf.second = 0
        return LocalTime.instant(nf, in: zone) ?? date
    }
}

extension Config {
    /// `mail:`: which Maildir trees iid reads, which of their folders hold the person's sent
    /// mail, the person's addresses besides `me.email`, and how far back a scan goes.
    public struct Mail: Equatable, Sendable {
        /// Maildir roots, as written (`~` and `$XDG_…` expanded by the reader).
        public var roots: [String] = []
        /// Folder names of the person's sent mail; empty means the guess (`*Sent*`). Only shown:
        /// whose message it is comes from `From:`, never from the folder.
        public var sent: [String] = []
        public var addresses: [String] = []
        /// Messages dated before this day (midnight UTC) are not read; nil: see `readSince`.
        public var since: Date?

        public init(roots: [String] = [], sent: [String] = [], addresses: [String] = [], since: Date? = nil) {
            self.roots = roots
            self.sent = sent
            self.addresses = addresses
            self.since = since
        }

        /// The person's own addresses, lowercased: `me.email` and `addresses`.
        public func own(_ me: Config.Me) -> Set<String> {
            Set(([me.email] + addresses).filter { !$0.isEmpty }.map { $0.lowercased() })
        }

        /// `2026-09-01` as midnight UTC.
        static func day(_ text: String) -> Date? {
            let parts = text.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
                let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d)
            else { return nil }
            var c = DateComponents()
            (c.year, c.month, c.day) = (y, m, d)
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = TimeZone(secondsFromGMT: 0) ?? cal.timeZone
            guard let date = cal.date(from: c), cal.component(.day, from: date) == d else { return nil }
            return date
        }
    }
}
