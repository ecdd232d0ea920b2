/// What iid used of Foundation's `trimmingCharacters(in:)`, `padding(toLength:)` and
/// `CharacterSet.alphanumerics`, which `FoundationEssentials` (all the binaries link) does not
/// have. Named apart from Foundation's, so that a file that imports both (the tests) is never
/// ambiguous.
extension StringProtocol {
    /// Without leading and trailing spaces and tabs: `trimmingCharacters(in: .whitespaces)`.
    public func trimmingSpaces() -> String { trimming(Unicode.Scalar.isSpace) }

    /// Without leading and trailing white space and line breaks:
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmingWhitespace() -> String { trimming { $0.isSpace || $0.isLineBreak } }

    /// Without leading and trailing line breaks: `trimmingCharacters(in: .newlines)`.
    public func trimmingNewlines() -> String { trimming(Unicode.Scalar.isLineBreak) }

    /// Cut or padded with spaces to `length` characters: `padding(toLength:withPad:" ", startingAt: 0)`.
    public func padded(to length: Int) -> String {
        let n = count
        return n >= length ? String(prefix(length)) : String(self) + String(repeating: " ", count: length - n)
    }

    func trimming(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
            let last = scalars.lastIndex(where: { !drop($0) })
        else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}

extension Unicode.Scalar {
    /// A letter, mark or number in any script: `CharacterSet.alphanumerics`.
    public var isAlphanumeric: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default: return false
        }
    }

    /// A tab or a space separator (`CharacterSet.whitespaces`).
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == "\t" || s.properties.generalCategory == .spaceSeparator
    }

    var isSpace: Bool { Self.isSpace(self) }

    /// U+000A to U+000D, NEL, and the line and paragraph separators (`CharacterSet.newlines`).
    static func isLineBreak(_ s: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(s.value) || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029
    }

    var isLineBreak: Bool { Self.isLineBreak(self) }
}
