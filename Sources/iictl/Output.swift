import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// Terminal output: aligned tables, colour only on a terminal and never with NO_COLOR.
enum Output {
    static var useColor: Bool {
        let env = ProcessInfo.processInfo.environment
        if env["NO_COLOR"] != nil { return false }
        if env["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    static func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func stateColor(_ state: TaskState) -> String {
        switch state {
        case .overdue: "1;31"
        case .due: "33"
        case .snoozed: "2"
        case .upcoming: "0"
        }
    }

    /// Columns padded to their widest cell; the last column is not padded.
    static func table(_ header: [String], _ rows: [[String]], colors: [[String?]] = []) -> String {
        // Measured in terminal cells: a CJK name takes two per character, a combining accent none.
        let widths = header.indices.map { i in
            ([header[i]] + rows.map { $0[i] }).map(TerminalWidth.cells).max() ?? 0
        }
        func line(_ cells: [String], _ codes: [String?]) -> String {
            cells.enumerated().map { i, cell in
                let padded =
                    i == cells.count - 1 ? cell : TerminalWidth.pad(cell, to: widths[i])
                if let code = codes.indices.contains(i) ? codes[i] : nil { return paint(padded, code) }
                return padded
            }.joined(separator: "  ").replacing(#/\s+$/#, with: "")
        }
        var out = [line(header.map { $0.uppercased() }, header.map { _ in "1" })]
        for (i, row) in rows.enumerated() { out.append(line(row, colors.indices.contains(i) ? colors[i] : [])) }
        return out.joined(separator: "\n")
    }

    /// The JSON bytes straight to stdout, a newline after: no `String` of megabytes made first.
    static func json(_ value: Any?) { json(bytes: JSONText.prettyBytes(value)) }

    /// JSON already written as bytes, and a newline.
    static func json(bytes: [UInt8]) {
        var bytes = bytes
        bytes.append(0x0A)
        // What `print` buffered goes first.
        fflush(nil)
        StandardStream.write(bytes, to: STDOUT_FILENO)
    }
}

extension Stage: ExpressibleByArgument {}
extension Responsiveness: ExpressibleByArgument {}
