#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The tasks a contact's record calls for, and their ids: what `Planner.apply` has made of the
/// events, turned into reminders with the config's offsets.
extension Planner {
    static func suffix(_ n: Int) -> String { n <= 1 ? "" : ".\(n)" }

    /// `jane-doe.follow-up` for the first follow-up, `jane-doe.follow-up-2` for the second; after
    /// a meeting, the next request's are `jane-doe.follow-up.2`, `jane-doe.follow-up-2.2`; asking
    /// again with no meeting between (after a request went cold), the request's day:
    /// `jane-doe.follow-up.20270301`.
    func followUpID(_ r: ContactRecord, step: Int) -> String {
        "\(r.id).\(TaskKind.followUp.rawValue)\(step <= 1 ? "" : "-\(step)")\(r.followUpSuffix)"
    }

    /// `20261201`: a day in `zone`, for ids that must differ from one day's to the next.
    static func dayStamp(_ date: Date, in zone: TZifZone) -> String {
        let day = LocalTime.fields(of: date, in: zone)
        var stamp = ""
        Timestamp.digits(day.year, 4, &stamp)
        Timestamp.digits(day.month, 2, &stamp)
        Timestamp.digits(day.day, 2, &stamp)
        return stamp
    }

    func make(_ kind: TaskKind, _ r: ContactRecord, anchor: Date, id: String, meeting: Meeting?) -> PendingTask {
        let rule = config.rule(kind)
        let sign = kind.countsBackward ? -1 : 1
        let remindAt = rule.offset.apply(to: anchor, sign: sign, in: zone)
        let due = max(rule.due.apply(to: anchor, sign: sign, in: zone), remindAt)
        return PendingTask(
            id: id, kind: kind, contact: r.id, contactName: r.name, anchor: anchor, remindAt: remindAt, due: due,
            expires: kind.expiresAtMeetingStart ? meeting?.start : nil, meeting: meeting)
    }

    /// A task whose first reminder is `offset` after `anchor` instead of the rule's (a follow-up
    /// after the first, a person's own cadence); due the rule's `window` later.
    func make(_ kind: TaskKind, _ r: ContactRecord, anchor: Date, offset: DurationSpec, id: String) -> PendingTask {
        let remindAt = offset.apply(to: anchor, in: zone)
        let due = config.rule(kind).window.map { $0.apply(to: remindAt, in: zone) } ?? remindAt
        return PendingTask(
            id: id, kind: kind, contact: r.id, contactName: r.name, anchor: anchor, remindAt: remindAt, due: due,
            expires: nil, meeting: nil)
    }

    /// `next`: the contact's organisation on the employer list and whom to ask there next, which
    /// `LivePlan` works out from the other contacts; without it, no next-contact task. `met`: the
    /// people `r` referred you to whom you have met, each owing `r` a report (`report-back`); the
    /// advice of `r`'s you acted on owes them one more (`AdviceReport`).
    func tasksFor(_ r: ContactRecord, next: NextContactContext? = nil, met: [MetReferral] = []) -> [PendingTask] {
        var out: [PendingTask] = []
        let sequence = config.followUps.sequence
        if let requested = r.openRequest, let step = r.nextFollowUp(of: sequence.count) {
            let id = followUpID(r, step: step)
            // The first keeps the rule's own offset and due; each next one counts from the last sent.
            var t =
                step == 1
                ? make(.followUp, r, anchor: requested, id: id, meeting: nil)
                : make(.followUp, r, anchor: r.followUpsSent[step - 2], offset: sequence[step - 1], id: id)
            t.step = step
            t.steps = sequence.count
            out.append(t)
        }
        for m in r.meetings where !m.cancelled {
            let s = Self.suffix(m.number)
            if !m.held, m.thankedAt == nil {
                out.append(make(.homework, r, anchor: m.start, id: "\(r.id).homework\(s)", meeting: m))
                if !m.confirmed {
                    out.append(make(.confirm, r, anchor: m.start, id: "\(r.id).confirm\(s)", meeting: m))
                }
                out.append(make(.brief, r, anchor: m.start, id: "\(r.id).brief\(s)", meeting: m))
            }
            if m.thankedAt == nil {
                out.append(make(.thankYou, r, anchor: m.end, id: "\(r.id).thank-you\(s)", meeting: m))
            }
        }
        if let t = keepInTouch(r) { out.append(t) }
        if let next, config.nextContact.oneAtATime, let requested = r.openRequest, r.repliedAt == nil {
            // One a request, as its follow-ups: the id ends as theirs do.
            var t = make(
                .nextContact, r, anchor: requested, id: "\(r.id).\(TaskKind.nextContact.rawValue)\(r.followUpSuffix)",
                meeting: nil)
            t.org = next.org
            t.nextPeople = next.people
            out.append(t)
        }
        if config.reportBack {
            for m in met {
                var t = make(.reportBack, r, anchor: m.heldAt, id: MetReferral.taskID(r.id, m.id), meeting: nil)
                t.referred = m.id
                t.referredName = m.name
                out.append(t)
            }
            if let t = adviceReport(r) { out.append(t) }
        }
        return out
    }

    /// Keep in touch after a thank-you, counted from the last interaction; with a cadence of their
    /// own, also with people never met, whenever no request or meeting is under way. Never while a
    /// request waits for an answer: its follow-ups speak for it, and once it is cold nothing does.
    func keepInTouch(_ r: ContactRecord) -> PendingTask? {
        let cadence = r.cadence.flatMap { try? Cadence(parsing: $0) }
        if cadence == .never { return nil }
        if r.openRequest != nil, r.repliedAt == nil { return nil }
        let between = r.openRequest == nil && r.upcomingMeeting == nil
        guard r.lastThanked != nil || (cadence != nil && between), let last = r.lastInteraction ?? r.addedAt
        else { return nil }
        let id = "\(r.id).keep-in-touch.\(Self.dayStamp(last, in: zone))"
        if case .every(let every) = cadence { return make(.keepInTouch, r, anchor: last, offset: every, id: id) }
        return make(.keepInTouch, r, anchor: last, id: id, meeting: nil)
    }
}

/// What a next-contact task says beyond its contact: the organisation on the list, and the people
/// there not yet asked, best first (`EmployerList.nextToAsk`).
public struct NextContactContext: Sendable, Equatable {
    public var org: String
    public var people: [String]
    public init(org: String, people: [String]) {
        self.org = org
        self.people = people
    }
}
