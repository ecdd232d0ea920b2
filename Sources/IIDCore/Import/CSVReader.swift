/// RFC 4180 CSV: quoted fields with commas, doubled quotes and newlines, CRLF or LF, a UTF-8 BOM.
///
/// Written here rather than taken from a package: it is sixty lines, and the importers need its
/// exact handling of a BOM and of a preamble before the header, which the packages do differently.
public enum CSVReader {
    public struct Error: Swift.Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Rows of fields; blank lines are dropped.
    public static func rows(_ text: String) throws(Error) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var quotedLine = 0
        var line = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endRow() {
            row.append(field)
            field = ""
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    if !(c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") {
                        field.unicodeScalars.append(c)
                    }
                }
            } else {
                switch c {
                case "\"" where field.isEmpty:
                    inQuotes = true
                    quotedLine = line
                case ",":
                    row.append(field)
                    field = ""
                case "\r" where i + 1 < scalars.count && scalars[i + 1] == "\n":
                    break
                case "\n", "\r":
                    endRow()
                    line += 1
                default: field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if inQuotes { throw Error(line: quotedLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }
}
