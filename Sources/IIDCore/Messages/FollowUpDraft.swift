import Foundation

/// The follow-ups of a request that got no date, one for each step of
/// `reminders.follow-up.sequence`: each shorter than the one before, and each naming the original
/// ask and its day, since the person has to find it again to answer.
public struct FollowUpDraft: Sendable {
    public var config: Config
    public var zone: TimeZone
    public init(config: Config, zone: TimeZone) {
        self.config = config
        self.zone = zone
    }

    var steps: Int { config.followUps.sequence.count }

    /// Which follow-up to draft: `asked` (`--step N`, any of the sequence, sent or not, to read
    /// one again), or else the next to send. Refused, naming what fits, when there is nothing to
    /// follow up: no open request, an answer, a no, or every follow-up sent.
    public func step(for c: ContactRecord, asked: Int?, now: Date) -> Result<Int, Refusal> {
        let w = Wording(zone: zone)
        if let declined = c.declinedAt {
            return .failure(
                Refusal(
                    "\(c.name) declined on \(w.day(declined, now: now)): no follow-up; `iictl request \(c.id)` asks again"
                ))
        }
        guard let requested = c.openRequest else {
            if let m = c.upcomingMeeting {
                return .failure(
                    Refusal(
                        "\(c.name) has a meeting scheduled, \(w.when(m.start, now: now)): no follow-up needed; `iictl prep \(c.id)` for the preparation"
                    ))
            }
            return .failure(Refusal("\(c.name) has no open request: `iictl request \(c.id)` records one"))
        }
        if let replied = c.repliedAt {
            return .failure(
                Refusal(
                    "\(c.name) replied on \(w.day(replied, now: now)): no follow-up; `iictl schedule \(c.id) TIME` records the meeting you agree"
                ))
        }
        if let asked {
            guard (1...max(steps, 1)).contains(asked), steps > 0 else {
                let count = steps == 1 ? "is one follow-up" : "are \(steps) follow-ups"
                return .failure(Refusal("there \(count) (reminders.follow-up.sequence): --step \(asked) is not one"))
            }
            return .success(asked)
        }
        if let next = c.nextFollowUp(of: steps) { return .success(next) }
        let sent = c.followUpsSent.map { w.day($0, now: now) }
        let which =
            switch sent.count {
            case 0: "no follow-ups are configured (reminders.follow-up.sequence is empty)"
            case 1: "the follow-up went out on \(sent[0])"
            case 2: "both follow-ups went out, on \(Wording.list(sent))"
            default: "all \(sent.count) follow-ups went out, on \(Wording.list(sent))"
            }
        let cold = c.coldAt ?? requested
        let goes = cold <= now ? "went cold on" : "goes cold on"
        return .failure(Refusal("\(which); the request \(goes) \(w.day(cold, now: now))"))
    }

    /// The `step`th follow-up of `c`'s open request (or, with none, of a request not recorded).
    public func mail(_ c: ContactRecord, step: Int, referrals: ReferralNames = .none, now: Date)
        -> (subject: String, body: String)
    {
        let me = config.me
        let asked = c.openRequest.map { Wording(zone: zone).day($0, now: now) }
        var paragraphs = ["Dear \(PersonName.given(c.name)),"]
        if step <= 1 {
            var first =
                "I wrote\(asked.map { " on \($0)" } ?? "") asking for 20 minutes of your time, to hear your view "
                + "on \(Scripts.topics(c))."
            if let opening = referrals.opening { first += " " + opening }
            first += " I know how full an inbox gets, so I am following up in case my note was buried."
            paragraphs.append(first)
            if !me.pitch.isEmpty { paragraphs.append(me.pitch) }
            paragraphs.append(
                "Would a short call or a coffee in the coming weeks suit you? I am happy to fit around your schedule.")
        } else if step < steps {
            paragraphs.append(
                "One more short note about my request\(asked.map { " of \($0)" } ?? "") for 20 minutes of your time: "
                    + "would a short call in the coming weeks suit you?")
        } else {
            paragraphs.append(
                "A last short note about my request\(asked.map { " of \($0)" } ?? "") for 20 minutes of your time. "
                    + "If now is not a good moment, I understand; and if someone else would be better placed to "
                    + "talk to, I would be grateful for a name.")
        }
        paragraphs.append("Kind regards,\n" + me.signature)
        return ("Re: " + Scripts.requestSubject(c), paragraphs.joined(separator: "\n\n") + "\n")
    }
}
