#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One mailbox from an address header: its display name (decoded, control characters removed)
/// and its address.
///
/// The parser follows RFC 5322 §3.4 (with the obsolete forms of §4.4 a real mailbox holds):
/// quoted display names, comments (nested), groups (`Team: a@x, b@y;`), white space around the
/// dots and the `@`, and encoded words in names. A mailbox it cannot read whole is dropped, never
/// guessed at: `alice@example.org)<bob@example.org>` yields no address at all, so a crafted
/// header cannot make a message seem to come from a contact.
public struct MailAddress: Sendable, Hashable {
    public var name: String
    /// `local@domain`, as written (the local part re-quoted when it needs quotes).
    public var address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// The address as iid compares it: lowercased. (A local part may in theory be case-sensitive;
    /// no mail system a person uses treats it so, and people write addresses in any case.)
    public var normalized: String { address.lowercased() }

    /// The mailboxes of an address list (`To:`, `Cc:`, `From:`), in order; the ones that cannot be
    /// read are left out.
    public static func list(_ text: String) -> [MailAddress] {
        var parser = AddressParser(Self.tokens(text))
        return parser.addressList()
    }

    enum Token: Equatable {
        /// An atom, or a run of atom characters and dots.
        case atom(String)
        case quoted(String)
        case special(Character)
        case domainLiteral(String)
        /// White space or a comment: significant only between words of a phrase.
        case space
        /// A character that has no place in an address (an unbalanced `)`, a control character).
        case invalid
    }

    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        let s = Array(text.unicodeScalars)
        var i = 0
        func isAtext(_ u: Unicode.Scalar) -> Bool {
            if u.value >= 0x80 { return !(0x80...0x9F).contains(u.value) }
            if u.value <= 0x20 || u.value == 0x7F { return false }
            return !"()<>[]:;@\\,.\"".unicodeScalars.contains(u)
        }
        while i < s.count {
            let u = s[i]
            switch u {
            case " ", "\t", "\r", "\n":
                if out.last != .space { out.append(.space) }
                i += 1
            case "(":
                var depth = 0
                while i < s.count {
                    if s[i] == "\\" {
                        i += 2
                        continue
                    }
                    if s[i] == "(" { depth += 1 }
                    if s[i] == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    i += 1
                }
                if depth != 0 { out.append(.invalid) }
                i += 1
                if out.last != .space { out.append(.space) }
            case "\"":
                var q = String.UnicodeScalarView()
                i += 1
                var closed = false
                while i < s.count {
                    if s[i] == "\\", i + 1 < s.count {
                        q.append(s[i + 1])
                        i += 2
                        continue
                    }
                    if s[i] == "\"" {
                        closed = true
                        i += 1
                        break
                    }
                    if s[i] != "\r" && s[i] != "\n" { q.append(s[i]) }
                    i += 1
                }
                out.append(closed ? .quoted(String(q)) : .invalid)
            case "[":
                var d = String.UnicodeScalarView()
                i += 1
                var closed = false
                while i < s.count {
                    if s[i] == "]" {
                        closed = true
                        i += 1
                        break
                    }
                    if s[i] == "[" || s[i] == "\\" { break }
                    if s[i] != " " && s[i] != "\t" { d.append(s[i]) }
                    i += 1
                }
                out.append(closed ? .domainLiteral("[" + String(d) + "]") : .invalid)
            case "<", ">", "@", ",", ";", ":", ".":
                out.append(.special(Character(u)))
                i += 1
            default:
                guard isAtext(u) else {
                    out.append(.invalid)
                    i += 1
                    continue
                }
                var a = String.UnicodeScalarView()
                while i < s.count, isAtext(s[i]) {
                    a.append(s[i])
                    i += 1
                }
                out.append(.atom(String(a)))
            }
        }
        return out
    }
}

/// A recursive-descent reader over the tokens. Each address either parses whole or is skipped to
/// the next top-level comma.
struct AddressParser {
    typealias Token = MailAddress.Token
    let tokens: [Token]
    var i = 0

    init(_ tokens: [Token]) { self.tokens = tokens }

    var peek: Token? {
        var j = i
        while j < tokens.count, tokens[j] == .space { j += 1 }
        return j < tokens.count ? tokens[j] : nil
    }

    mutating func skipSpace() { while i < tokens.count, tokens[i] == .space { i += 1 } }

    mutating func take(_ c: Character) -> Bool {
        skipSpace()
        if i < tokens.count, tokens[i] == .special(c) {
            i += 1
            return true
        }
        return false
    }

    mutating func addressList() -> [MailAddress] {
        var out: [MailAddress] = []
        while true {
            skipSpace()
            if i >= tokens.count { break }
            if take(",") { continue }
            let start = i
            if let group = group() {
                out += group
            } else {
                i = start
                if let m = mailbox(), atBoundary() {
                    out.append(m)
                } else {
                    i = start
                    skipToComma()
                }
            }
        }
        return out
    }

    /// Whether the address ended where it should: at a comma or the end.
    mutating func atBoundary() -> Bool {
        skipSpace()
        return i >= tokens.count || tokens[i] == .special(",")
    }

    mutating func skipToComma() {
        while i < tokens.count, tokens[i] != .special(",") { i += 1 }
    }

    /// `display-name ":" [mailbox-list] ";"`. A mailbox in it that cannot be read is skipped.
    mutating func group() -> [MailAddress]? {
        guard phrase() != nil, take(":") else { return nil }
        var out: [MailAddress] = []
        while true {
            skipSpace()
            if i >= tokens.count || take(";") { break }
            if take(",") { continue }
            let start = i
            if let m = mailbox(), peek == .special(",") || peek == .special(";") || peek == nil {
                out.append(m)
            } else {
                i = start
                while i < tokens.count, tokens[i] != .special(","), tokens[i] != .special(";") { i += 1 }
            }
        }
        return out
    }

    /// `[display-name] "<" addr-spec ">"` or a bare `addr-spec`.
    mutating func mailbox() -> MailAddress? {
        let start = i
        let name = phrase()
        if take("<") {
            // The obsolete route (`<@a.example,@b.example:jane@x>`) is skipped.
            let routeStart = i
            if peek == .special("@") {
                while i < tokens.count, tokens[i] != .special(":") { i += 1 }
                if i < tokens.count { i += 1 } else { i = routeStart }
            }
            guard let spec = addrSpec(), take(">") else { return nil }
            return MailAddress(name: name.map { MailText.clean(EncodedWords.decode($0)) } ?? "", address: spec)
        }
        i = start
        guard let spec = addrSpec() else { return nil }
        return MailAddress(address: spec)
    }

    /// Words (atoms and quoted strings) separated by white space: a display name. Dots are
    /// allowed in it (the obsolete `J. Doe`), as every mail client writes them.
    mutating func phrase() -> String? {
        var words: [String] = []
        var lastWasSpace = false
        var text = ""
        while i < tokens.count {
            switch tokens[i] {
            case .atom(let a), .quoted(let a):
                if lastWasSpace, !text.isEmpty { text += " " }
                text += a
                words.append(a)
                lastWasSpace = false
            case .special("."):
                text += "."
                lastWasSpace = false
            case .space:
                lastWasSpace = true
            default:
                return words.isEmpty ? nil : text
            }
            i += 1
        }
        return words.isEmpty ? nil : text
    }

    /// `local-part "@" domain`, white space and comments around the dots allowed.
    mutating func addrSpec() -> String? {
        guard let local = dotted(allowQuoted: true), take("@") else { return nil }
        skipSpace()
        if i < tokens.count, case .domainLiteral(let d) = tokens[i] {
            i += 1
            return local + "@" + d
        }
        guard let domain = dotted(allowQuoted: false) else { return nil }
        return local + "@" + domain
    }

    mutating func dotted(allowQuoted: Bool) -> String? {
        var parts: [String] = []
        while true {
            skipSpace()
            guard i < tokens.count else { break }
            switch tokens[i] {
            case .atom(let a): parts.append(a)
            case .quoted(let q) where allowQuoted: parts.append(Self.quoteIfNeeded(q))
            default: return nil
            }
            i += 1
            let save = i
            if take(".") { continue }
            i = save
            break
        }
        return parts.isEmpty ? nil : parts.joined(separator: ".")
    }

    static func quoteIfNeeded(_ q: String) -> String {
        let plain =
            !q.isEmpty
            && q.unicodeScalars.allSatisfy { u in
                u.value > 0x20 && u.value != 0x7F && !"()<>[]:;@\\,.\"".unicodeScalars.contains(u)
            }
        if plain { return q }
        return "\"" + q.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
