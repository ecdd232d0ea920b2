import Foundation

/// vCard 3.0 and 4.0 (RFC 6350): folded lines unfolded, parameters ignored, escapes decoded.
public enum VCardReader {
    /// The cards that have a name (FN, or else N), each as an import candidate.
    public static func cards(_ text: String) -> [ImportCandidate] {
        // Unfold: a line starting with a space or tab continues the previous one.
        var lines: [String] = []
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += raw.dropFirst()
            } else {
                lines.append(String(raw))
            }
        }
        var cards: [ImportCandidate] = []
        var card: ImportCandidate?
        var structuredName: [String] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let head = line[..<colon]
            let value = String(line[line.index(after: colon)...])
            // `item1.EMAIL;TYPE=work` → EMAIL
            let property =
                head.split(separator: ";").first.map { $0.split(separator: ".").last.map(String.init) ?? "" }?
                .uppercased() ?? ""
            switch property {
            case "BEGIN" where value.uppercased() == "VCARD":
                card = ImportCandidate(name: "")
                structuredName = []
            case "END" where value.uppercased() == "VCARD":
                if var c = card {
                    if c.name.isEmpty {
                        // N is family;given;additional;prefix;suffix
                        let n = structuredName
                        c.name = [n.count > 1 ? n[1] : "", n.first ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
                    }
                    if !c.name.isEmpty { cards.append(c) }
                }
                card = nil
            case "FN": card?.name = unescape(value)
            case "N": structuredName = split(value)
            case "ORG": card?.org = split(value).first { !$0.isEmpty }
            case "TITLE": card?.position = unescape(value)
            case "EMAIL" where card?.email == nil: card?.email = unescape(value)
            case "TEL" where card?.phone == nil:
                card?.phone = unescape(value).replacingOccurrences(of: "tel:", with: "")
            case "ADR" where card?.address == nil:
                // PO box;extended;street;locality;region;postal code;country
                let p = split(value)
                func at(_ i: Int) -> String { i < p.count ? p[i] : "" }
                let cityLine = [at(5), at(3)].filter { !$0.isEmpty }.joined(separator: " ")
                let lines = [at(0), at(1), at(2), cityLine, at(4), at(6)].filter { !$0.isEmpty }
                card?.address = lines.isEmpty ? nil : lines.joined(separator: "\n")
            case "URL" where card?.url == nil: card?.url = unescape(value)
            case "NOTE": card?.note = unescape(value)
            default: break
            }
        }
        return cards
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Splits a structured value on unescaped semicolons.
    static func split(_ s: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for c in s {
            if escaped {
                current.append("\\")
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ";" {
                parts.append(unescape(current))
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(unescape(current))
        return parts
    }
}
