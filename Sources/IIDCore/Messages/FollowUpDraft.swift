#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The follow-ups of a request that got no date, one for each step of
/// `reminders.follow-up.sequence`: each shorter than the one before, and each naming the original
/// ask and its day, since the person has to find it again to answer.
public struct FollowUpDraft: Sendable {
    public var config: Config
    public var zone: TZifZone
    public init(config: Config, zone: TZifZone) {
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

    /// The last follow-up: the shortest, still naming the request, its day and the 20 minutes,
    /// and asking for a name, since a no can still open the next door.
    static func last(asked: String?) -> String {
        "A last note on my request\(asked.map { " of \($0)" } ?? "") for 20 minutes: "
            + "if now is not the time, who else could I ask?"
    }

    /// The follow-ups between the first and the last, longest first: each opening names the
    /// request and its day, each question asks for the call, and the pairs are kept when longer
    /// than the last and of a length no other pair has, so any two of them differ in length.
    static func middles(asked: String?) -> [String] {
        let of = asked.map { " of \($0)" } ?? ""
        let openings = [
            "Following up once more on my request\(of) for 20 minutes of your time",
            "One more note about my request\(of) for 20 minutes of your time",
            "A short note about my request\(of) for 20 minutes",
        ]
        let questions = [
            "would a short call or a coffee in the coming weeks suit you? I am happy to fit around your schedule.",
            "would a short call or a coffee in the coming weeks suit you?",
            "would a short call in the coming weeks suit you?",
            "would a short call suit you?",
        ]
        let shortest = last(asked: asked).count
        var seen = Set<Int>()
        return openings.flatMap { o in questions.map { "\(o): \($0)" } }
            .filter { $0.count > shortest }
            .sorted { $0.count > $1.count }
            .filter { seen.insert($0.count).inserted }
    }

    /// The text of follow-up `step` (2 or later) of `steps`. The middle ones are spread over
    /// `middles`, so each is shorter than the one before and longer than the last, for as many
    /// follow-ups as there are middles; a longer sequence repeats the shortest middle one, since
    /// the first is only so long and every one must still name the request and its day.
    static func later(step: Int, of steps: Int, asked: String?) -> String {
        let ladder = middles(asked: asked)
        guard step < steps, !ladder.isEmpty else { return last(asked: asked) }
        let count = steps - 2
        let i = step - 2
        guard count > 1, count <= ladder.count else { return ladder[min(i, ladder.count - 1)] }
        return ladder[i * (ladder.count - 1) / (count - 1)]
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
        } else {
            paragraphs.append(Self.later(step: step, of: steps, asked: asked))
        }
        paragraphs.append("Kind regards,\n" + me.signature)
        return ("Re: " + Scripts.requestSubject(c), paragraphs.joined(separator: "\n\n") + "\n")
    }
}
