/// Text from other people (a LinkedIn export, a vCard, a spreadsheet) made safe to show: control
/// characters become visible escapes, so an ESC sequence cannot retitle or clear a terminal and a
/// CR LF cannot split a log line into a forged one with a priority of its own.
public enum Printable {
    /// `text` with every C0 control (tab and, when `newlines`, LF kept), DEL and C1 control
    /// (U+0080–U+009F, the 8-bit CSI among them) written as `\u{1B}`; a lone CR as `\r`, LF as
    /// `\n` when not kept. Unchanged (and not copied) when there is nothing to escape.
    public static func escaped(_ text: String, newlines: Bool = false) -> String {
        func unsafe(_ u: Unicode.Scalar) -> Bool {
            let v = u.value
            if v == 0x09 || (newlines && v == 0x0A) { return false }
            return v < 0x20 || (0x7F...0x9F).contains(v)
        }
        guard text.unicodeScalars.contains(where: unsafe) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for u in text.unicodeScalars {
            guard unsafe(u) else {
                out.unicodeScalars.append(u)
                continue
            }
            switch u.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            default: out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Whether `text` holds a character `escaped` would change (tab aside).
    public static func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0.value != 0x09) || (0x7F...0x9F).contains($0.value) }
    }
}
