#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What to say and what to bring, for each step of the seed: the phone script, the request email,
/// the preparation sheet and the thank-you letter for regular mail.
public struct Scripts: Sendable {
    public var config: Config
    public var zone: TZifZone
    public init(config: Config, zone: TZifZone) {
        self.config = config
        self.zone = zone
    }

    var me: Config.Me { config.me }
    var pitch: String { me.pitch.isEmpty ? "[your 15-second summary: set me.pitch in the config]" : me.pitch }
    var lookingFor: String {
        me.objectives.isEmpty ? "insight into the field" : me.objectives.joined(separator: "; ")
    }

    /// What the seed's ask is about, at `c`'s organisation.
    static func topics(_ c: ContactRecord) -> String {
        "hot jobs, industry trends and the business issues \(c.org.map { "at \($0)" } ?? "in your field")"
    }

    /// The request email's subject; a follow-up answers it (`Re: `).
    static func requestSubject(_ c: ContactRecord) -> String {
        "20 minutes of your insight\(c.org.map { " on \($0)" } ?? "")?"
    }

    /// The method is a chain: every conversation should open the next door, so the brief and the
    /// prep sheet say to ask for it before leaving.
    static let askForNames = "Before you leave, ask for the names of two or three others you could talk to."

    /// Arrange a meeting: what to say on the phone, opening with the referrer when there is one.
    public func phone(_ c: ContactRecord, referrals: ReferralNames = .none) -> String {
        """
        Calling \(c.label)\(c.phone.map { ", \($0)" } ?? "")

        1. Introduce yourself (15 seconds):
           "Hello \(PersonName.given(c.name)), my name is \(me.signedName).\(referrals.opening.map { " \($0)" } ?? "") \(pitch)"
        2. What you are looking for:
           "What I would like to learn: \(lookingFor)."
        3. The ask:
           "Could you spare 20 minutes to share your view on \(Self.topics(c)) today?"
        4. Remember: this is not a job interview. Your purpose is information; do not ask about \
        openings, or the person may feel misled.
        5. Agree a time and place, then: iictl schedule \(c.id) "TIME" --where "PLACE"

        """
    }

    /// Arrange a meeting: the same as an email.
    public func requestEmail(_ c: ContactRecord, referrals: ReferralNames = .none) -> (subject: String, body: String) {
        let first = PersonName.given(c.name)
        let body = """
            Dear \(first),

            \(referrals.opening.map { "\($0)\n\n" } ?? "")\(pitch)

            What I would like to learn: \(lookingFor). I would value your perspective: could you spare 20 \
            minutes in the coming weeks to share your view on \(Self.topics(c))? I am not asking about \
            openings; I am hoping to learn from your experience.

            I am happy to meet at a time and place that suits you, or to talk by phone.

            Kind regards,
            \(me.signature)

            """
        return (Self.requestSubject(c), body)
    }

    /// Do your homework: a one-page preparation sheet.
    public func prep(_ c: ContactRecord, now: Date, referrals: ReferralNames = .none) -> String {
        let w = Wording(zone: zone)
        var s = "Preparation: \(c.label)\n"
        s += String(repeating: "=", count: min(72, s.count - 1)) + "\n\n"
        if let m = c.upcomingMeeting ?? c.meetings.last(where: { !$0.cancelled }) {
            s += "Meeting:      \(w.when(m.start, now: now)), \(m.minutes) min\(m.place.map { ", \($0)" } ?? "")"
            s += m.confirmed ? " (confirmed)\n" : " (not confirmed yet)\n"
        }
        for field in [ContactDetails.Field.position, .org, .industry, .email] {
            if let value = c.details[field] { s += "\(field.heading)\(value)\n" }
        }
        if let referrer = referrals.referrer { s += "\(ContactDetails.Field.referredBy.heading)\(referrer)\n" }
        if !c.notes.isEmpty { s += "\nWhat you know:\n" + c.notes.map { "  - \($0)\n" }.joined() }
        s += "\nResearch: business publications and corporate literature on \(c.org ?? "the organisation").\n"
        s +=
            "\nYour objectives:\n"
            + (me.objectives.isEmpty ? ["(set me.objectives in the config)"] : me.objectives).map { "  - \($0)\n" }
            .joined()
        s += "\nYour questions:\n"
        s +=
            c.questions.isEmpty
            ? "  (none yet: iictl question \(c.id) \"...\")\n"
            : c.questions.enumerated().map { "  \($0 + 1). \($1)\n" }.joined()
        s += "\nYour 15 seconds:\n  \(pitch)\n"
        if !me.accomplishments.isEmpty {
            s +=
                "\nAccomplishments to mention (upbeat and concise):\n"
                + me.accomplishments.map { "  - \($0)\n" }.joined()
        }
        s += """

            Etiquette:
              - Confirm at the start how much time they can give you; keep to 20 minutes.
              - Describe your objectives briefly.
              - Ask permission to take notes; don't let note-taking break the flow.
              - This is not a job interview: don't ask about openings.
              - \(Self.askForNames)

            """
        return s
    }

    /// Follow through: the thank-you note laid out as a letter for regular mail.
    public func letter(
        _ c: ContactRecord, meeting: Meeting?, date: Date, article: String?, referrals: ReferralNames = .none
    ) -> String {
        var s = ""
        for line in me.address { s += line + "\n" }
        s += "\n" + Wording(zone: zone).longDate(date) + "\n\n"
        s += c.name + "\n"
        if let p = c.position { s += p + "\n" }
        if let org = c.org { s += org + "\n" }
        if let a = c.address { s += a + "\n" }
        s += "\n"
        s += ThankYouDraft(config: config, zone: zone).text(
            contact: c, meeting: meeting, article: article, referrals: referrals)
        return s
    }
}

extension Config.Me {
    /// The name that signs a text, or a gap to fill in.
    var signedName: String { name.isEmpty ? "[your name]" : name }
    /// The name and, when set, the email under it: how an email is signed.
    var signature: String { signedName + (email.isEmpty ? "" : "\n\(email)") }
}
