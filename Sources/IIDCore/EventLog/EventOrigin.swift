/// Where an event came from (`Event.origin`, the log's `source`).
public enum EventOrigin {
    /// Recorded from the person's mail (`MailRecorder`).
    public static let mail = "mail"
    /// `mail` in the box events keep their `source` in (`Event.Storage.origin`): the events from
    /// mail, most of those that have a source, share this one.
    static let mailBox = Box(mail)

    /// The longest word `source` may be: a name, never a text.
    public static let maxLength = 32

    /// Whether `word` may be a `source`: 1 to 32 of `a`-`z`, `0`-`9` and `-`, starting with a
    /// letter. The log is other people's data too: nothing else reaches a terminal through it.
    public static func isValid(_ word: String) -> Bool {
        let bytes = word.utf8
        guard let first = bytes.first, bytes.count <= maxLength, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z")
        else { return false }
        return bytes.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "-")
        }
    }
}
