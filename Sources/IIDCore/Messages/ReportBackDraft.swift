#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The short report a referrer is owed once you met the person they suggested (that you met, what
/// helped, and what comes next), or an adviser once you acted on their advice (what you did, and
/// what came of it). Coaches' advice: keep the people who open doors informed of your
/// progress; they are more likely to open the next one.
public struct ReportBackDraft: Sendable {
    public var config: Config
    public var zone: TZifZone
    public init(config: Config, zone: TZifZone) {
        self.config = config
        self.zone = zone
    }

    /// The subject line when it goes by email.
    public func subject(about met: ContactRecord) -> String { "How it went with \(met.name)" }

    /// To `referrer`, about `met` (whom they suggested) and the meeting held with them.
    public func text(to referrer: ContactRecord, about met: ContactRecord, meeting: Meeting?) -> String {
        let w = Wording(zone: zone)
        var paragraphs = ["Dear \(PersonName.given(referrer.name)),"]
        var thanks = "Thank you again for suggesting I talk to \(met.name)"
        if let org = met.org, !org.isEmpty { thanks += " at \(org)" }
        thanks += "."
        if let m = meeting { thanks += " We met on \(w.longDate(m.start))" } else { thanks += " We met" }
        let points = Array((meeting?.points ?? []).prefix(2))
        switch points.count {
        case 0: thanks += ", and the conversation was very helpful."
        case 1: thanks += ", and what \(PersonName.given(met.name)) said about \(points[0]) was especially helpful."
        default:
            thanks +=
                ", and what \(PersonName.given(met.name)) said about \(points[0]), and about \(points[1]), was especially helpful."
        }
        paragraphs.append(thanks)
        paragraphs.append(
            "[what you will do next because of it: a lead to follow, an application, the next conversation]")
        paragraphs.append("I will keep you posted on how things develop.")
        paragraphs.append("Best regards,\n" + config.me.signature)
        return paragraphs.joined(separator: "\n\n") + "\n"
    }

    /// A piece of advice as one item of the list: its line breaks as spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The subject line of a report on advice acted on.
    public var adviceSubject: String { "What came of your advice" }

    /// To `adviser`, on what you did because of their advice: each piece in your words with its
    /// day, and room for what came of it.
    public func text(to adviser: ContactRecord, advice: [ActedAdvice]) -> String {
        let w = Wording(zone: zone)
        var paragraphs = ["Dear \(PersonName.given(adviser.name)),"]
        paragraphs.append(
            "Thank you again for your advice. I wanted to let you know what I did with it:\n"
                + advice.map { "- \(Self.oneLine($0.text)) (\(w.longDate($0.at)))" }.joined(separator: "\n"))
        paragraphs.append("[what came of it: an answer, an interview, what you learned, what you will do next]")
        paragraphs.append("I will keep you posted on how things develop.")
        paragraphs.append("Best regards,\n" + config.me.signature)
        return paragraphs.joined(separator: "\n\n") + "\n"
    }
}
