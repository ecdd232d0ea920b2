/// RFC 4180 CSV: quoted fields with delimiters, doubled quotes and line breaks, records ended by
/// CRLF, LF or CR, a UTF-8 BOM, and a delimiter of `,`, `;` or TAB that is found from the file.
///
/// Written here rather than taken from a package: it is short, and the importers need its exact
/// handling of a BOM and of a preamble before the header, which the packages do differently. A
/// line break inside quotes is kept as written (CR LF stays CR LF, as RFC 4180 says): the field is
/// the exporter's data, and any normalising belongs to whatever shows it.
public enum CSVReader {
    public struct Error: Swift.Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The delimiters a file is tried with, in the order ties are broken. Spreadsheets in much of
    /// Europe write `;` because `,` is their decimal mark; TAB is what "tab-separated" exports use.
    public static let delimiters: [Unicode.Scalar] = [",", ";", "\t"]

    /// How many records the delimiter is judged on: the header and the first rows, enough to see
    /// past a preamble such as LinkedIn's notes without reading a large file three times.
    static let sampleRecords = 20

    /// Rows of fields; blank lines are dropped. Without a `delimiter`, the one
    /// `detectDelimiter` finds is used.
    public static func rows(_ text: String, delimiter: Unicode.Scalar? = nil) throws(Error) -> [[String]] {
        let scalars = body(text)
        var parser = Parser(scalars: scalars, delimiter: delimiter ?? detect(scalars))
        var rows: [[String]] = []
        while let row = try parser.next() { rows.append(row) }
        return rows
    }

    /// The delimiter that gives the most sampled records one and the same column count (more than
    /// one column: any character "splits" a file into single columns); `,` on ties, then `;`.
    public static func detectDelimiter(_ text: String) -> Unicode.Scalar { detect(body(text)) }

    static func body(_ text: String) -> [Unicode.Scalar] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        return scalars
    }

    static func detect(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        var best = delimiters[0]
        var bestScore = 0
        for delimiter in delimiters {
            var parser = Parser(scalars: scalars, delimiter: delimiter)
            var records: [Int: Int] = [:]
            for _ in 0..<sampleRecords {
                // An unclosed quote ends the sample; what was read before it still counts.
                guard let row = try? parser.next() else { break }
                records[row.count, default: 0] += 1
            }
            let score = records.filter { $0.key > 1 }.values.max() ?? 0
            if score > bestScore {
                best = delimiter
                bestScore = score
            }
        }
        return best
    }

    /// Reads one record at a time, so that detection can stop after a few.
    struct Parser {
        let scalars: [Unicode.Scalar]
        let delimiter: Unicode.Scalar
        var i = 0
        var line = 1

        init(scalars: [Unicode.Scalar], delimiter: Unicode.Scalar) {
            self.scalars = scalars
            self.delimiter = delimiter
        }

        /// The next record that is not a blank line, or nil at the end.
        mutating func next() throws(Error) -> [String]? {
            var row: [String] = []
            var field = String.UnicodeScalarView()
            var inQuotes = false
            var quotedLine = line
            while i < scalars.count {
                let c = scalars[i]
                i += 1
                let lfFollows = i < scalars.count && scalars[i] == "\n"
                if inQuotes {
                    if c == "\"" {
                        if i < scalars.count && scalars[i] == "\"" {
                            field.append("\"")
                            i += 1
                        } else {
                            inQuotes = false
                        }
                    } else {
                        if c == "\n" || (c == "\r" && !lfFollows) { line += 1 }
                        field.append(c)
                    }
                } else if c == "\"" && field.isEmpty {
                    inQuotes = true
                    quotedLine = line
                } else if c == delimiter {
                    row.append(String(field))
                    field = String.UnicodeScalarView()
                } else if c == "\r" || c == "\n" {
                    if c == "\r" && lfFollows { i += 1 }
                    line += 1
                    row.append(String(field))
                    field = String.UnicodeScalarView()
                    if row.count == 1 && row[0].isEmpty {
                        row = []
                        continue
                    }
                    return row
                } else {
                    field.append(c)
                }
            }
            if inQuotes { throw Error(line: quotedLine, message: "a quoted field is never closed") }
            if !field.isEmpty || !row.isEmpty {
                row.append(String(field))
                return row
            }
            return nil
        }
    }
}
