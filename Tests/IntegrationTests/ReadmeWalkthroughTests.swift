import Foundation
import Testing

// The README's tour and the walkthrough (Documentation/walkthrough.md), replayed with the built
// binaries.
//
// The format, in both:
//
// - A fenced block opened by ```console is replayed. In it, a line starting with "$ " is a command,
//   and the lines after it, up to the next "$ " line or the closing ```, are its expected stdout.
// - A command starts with `iictl` or `iid --check-config`. Its argv is split as a shell splits
//   simple quoting, with no shell: words are separated by blanks, "double" and 'single' quotes
//   group, a backslash outside single quotes takes the next character as it is, and an unquoted
//   `~/` at the start of a word is the home folder.
// - A line `<!-- file: PATH -->` before a fenced block of another kind (```yaml, ```csv) makes the
//   block's lines the contents of PATH (`~/` is the home folder), written before the commands
//   after it run.
// - Everything in a document runs in order, in one shared temporary home of its own (a Sandbox:
//   HOME, XDG_RUNTIME_DIR and TZ=Europe/Berlin set, the other XDG variables unset). Every command must exit 0 with nothing
//   on stderr, and its stdout, with the home folder's path written as `~` and trailing whitespace
//   trimmed on each line, must be exactly the printed lines. A printed line that starts with
//   "iictl: " is expected on stderr instead: such a command shows a refusal, and must exit 1
//   with exactly those lines on stderr.
//
// Other fenced blocks (```sh, ```text, ...) are not replayed.

/// One thing a document asks for, in order: a file to write or a command to run.
enum ReadmeStep: Equatable {
    case file(path: String, contents: String, line: Int)
    case command(String, expected: [String], line: Int)
}

struct ReadmeFormatError: Error, CustomStringConvertible {
    var description: String
}

enum ReadmeWalkthrough {
    /// The files and commands of `text`, in order; `document` names it in errors.
    static func steps(in text: String, document: String = "README.md") throws -> [ReadmeStep] {
        let lines = text.components(separatedBy: "\n")
        var steps: [ReadmeStep] = []
        var pendingFile: (path: String, line: Int)?
        var i = 0
        func closing(from start: Int) throws -> Int {
            guard let end = lines[start...].firstIndex(of: "```") else {
                throw ReadmeFormatError(description: "\(document):\(start): a fenced block is never closed")
            }
            return end
        }
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("<!-- file: "), line.hasSuffix(" -->") {
                pendingFile = (String(line.dropFirst(11).dropLast(4)), i + 1)
            } else if line == "```console" {
                let end = try closing(from: i + 1)
                var current: (command: String, expected: [String], line: Int)?
                for k in (i + 1)..<end {
                    if lines[k].hasPrefix("$ ") {
                        if let c = current { steps.append(.command(c.command, expected: c.expected, line: c.line)) }
                        current = (String(lines[k].dropFirst(2)), [], k + 1)
                    } else if current != nil {
                        current?.expected.append(trimmedRight(lines[k]))
                    } else {
                        throw ReadmeFormatError(description: "\(document):\(k + 1): output before any \"$ \" command")
                    }
                }
                if let c = current { steps.append(.command(c.command, expected: c.expected, line: c.line)) }
                i = end
            } else if line.hasPrefix("```"), line != "```" {
                let end = try closing(from: i + 1)
                if let file = pendingFile {
                    let body = lines[(i + 1)..<end].map { $0 + "\n" }.joined()
                    steps.append(.file(path: file.path, contents: body, line: file.line))
                    pendingFile = nil
                }
                i = end
            } else if pendingFile != nil, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ReadmeFormatError(
                    description:
                        "\(document):\(pendingFile?.line ?? i): a file comment not followed by a fenced block")
            }
            i += 1
        }
        return steps
    }

    /// Splits a command line as a shell would for simple quoting; `home` replaces an unquoted leading `~`.
    static func words(_ line: String, home: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        let chars = Array(line)
        for (k, ch) in chars.enumerated() {
            if escaped {
                word.append(ch)
                escaped = false
            } else if let q = quote {
                if ch == q {
                    quote = nil
                } else if ch == "\\" && q == "\"" {
                    escaped = true
                } else {
                    word.append(ch)
                }
            } else if ch == " " || ch == "\t" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                if !inWord, ch == "~", k + 1 < chars.count, chars[k + 1] == "/" {
                    word = home
                    inWord = true
                    continue
                }
                inWord = true
                if ch == "\"" || ch == "'" {
                    quote = ch
                } else if ch == "\\" {
                    escaped = true
                } else {
                    word.append(ch)
                }
            }
        }
        if quote != nil || escaped { throw ReadmeFormatError(description: "unbalanced quoting in: \(line)") }
        if inWord { words.append(word) }
        return words
    }

    /// Runs `steps` in `sandbox`; one message per command that did not give its printed output,
    /// naming the line of `document`.
    static func replay(_ steps: [ReadmeStep], in sandbox: Sandbox, document: String = "README.md") throws
        -> [String]
    {
        var failures: [String] = []
        for step in steps {
            switch step {
            case .file(let path, let contents, _):
                let full = path.hasPrefix("~/") ? sandbox.home + path.dropFirst(1) : path
                try FileManager.default.createDirectory(
                    atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try contents.write(toFile: full, atomically: true, encoding: .utf8)
            case .command(let command, let expected, let line):
                let argv = try words(command, home: sandbox.home)
                guard argv.first == "iictl" || argv.prefix(2) == ["iid", "--check-config"] else {
                    failures.append("\(document):\(line): $ \(command)\nnot an iictl or iid --check-config command")
                    continue
                }
                let result = try sandbox.run(argv[0], Array(argv.dropFirst()))
                let actual = outputLines(result.stdout.replacingOccurrences(of: sandbox.home, with: "~"))
                let refusal = expected.filter { $0.hasPrefix("iictl: ") }
                let expected = expected.filter { !$0.hasPrefix("iictl: ") }
                var problems: [String] = []
                if refusal.isEmpty {
                    if result.status != 0 { problems.append("exit status \(result.status)") }
                    if !result.stderr.isEmpty { problems.append("stderr:\n\(result.stderr)") }
                } else {
                    if result.status != 1 { problems.append("exit status \(result.status), expected 1") }
                    let stderr = outputLines(result.stderr.replacingOccurrences(of: sandbox.home, with: "~"))
                    if stderr != refusal {
                        problems.append(
                            "expected on stderr:\n\(refusal.joined(separator: "\n"))\nactual:\n\(stderr.joined(separator: "\n"))"
                        )
                    }
                }
                if actual != expected {
                    problems.append(
                        "expected:\n\(expected.joined(separator: "\n"))\nactual:\n\(actual.joined(separator: "\n"))")
                }
                if !problems.isEmpty {
                    failures.append("\(document):\(line): $ \(command)\n" + problems.joined(separator: "\n"))
                }
            }
        }
        return failures
    }

    static func outputLines(_ stdout: String) -> [String] {
        var lines = stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map(trimmedRight)
    }

    static func trimmedRight(_ s: String) -> String {
        var s = Substring(s)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

@Suite struct ReadmeWalkthroughTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    /// The steps of `document` (a path from the package's root) and the failures of their replay
    /// in a fresh home.
    static func replayed(_ document: String) throws -> (steps: [ReadmeStep], failures: [String]) {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        let steps = try ReadmeWalkthrough.steps(in: text, document: document)
        return (steps, try ReadmeWalkthrough.replay(steps, in: try Sandbox(), document: document))
    }

    static func commands(_ steps: [ReadmeStep]) -> [ReadmeStep] {
        steps.filter { if case .command = $0 { return true } else { return false } }
    }

    @Test func everyConsoleBlockOfTheWalkthroughGivesThePrintedOutput() throws {
        let (steps, failures) = try Self.replayed("Documentation/walkthrough.md")
        #expect(Self.commands(steps).count >= 20, "the walkthrough's commands were not found")
        #expect(steps.contains { if case .file = $0 { return true } else { return false } })
        for failure in failures {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test func everyConsoleBlockOfTheReadmeGivesThePrintedOutput() throws {
        let (steps, failures) = try Self.replayed("README.md")
        #expect(Self.commands(steps).count >= 5, "the README's commands were not found")
        for failure in failures {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test func aWrongOutputIsReported() throws {
        let text = """
            <!-- file: ~/.config/iid/config.yaml -->
            ```yaml
            timezone: Europe/Berlin
            ```

            ```console
            $ iictl add "Jane Doe" --at "2025-05-04 09:00"
            jane-doe
            $ iictl add 'Jane Doe' --force
            jane-doe
            $ iictl add 'jane doe'
            iictl: Jane Doe is already a contact: jane-doe, jane-doe-2; give an --org or --email that tells them apart, or add --force to add another
            $ iictl add 'Jane Doe'
            iictl: no such refusal
            ```
            """
        let steps = try ReadmeWalkthrough.steps(in: text)
        #expect(steps.count == 5)
        let failures = try ReadmeWalkthrough.replay(steps, in: try Sandbox())
        #expect(failures.count == 2, "\(failures)")
        #expect(failures.first?.contains("README.md:9: $ iictl add 'Jane Doe' --force") == true)
        #expect(failures.first?.hasSuffix("actual:\njane-doe-2") == true)
        #expect(failures.last?.contains("README.md:13: $ iictl add 'Jane Doe'\nexpected on stderr:") == true)
    }

    @Test func commandLinesAreSplitLikeAShell() throws {
        let w = { (line: String) in try ReadmeWalkthrough.words(line, home: "/h") }
        #expect(
            try w(#"iictl add "Jane Doe" --org 'Acme "A"'"#) == ["iictl", "add", "Jane Doe", "--org", #"Acme "A""#])
        #expect(try w(#"iictl note x "say \"hi\"" a\ b"#) == ["iictl", "note", "x", #"say "hi""#, "a b"])
        #expect(
            try w("iictl  import csv ~/people.csv '~/x' ~x \"\"") == [
                "iictl", "import", "csv", "/h/people.csv", "~/x", "~x", "",
            ])
        #expect(throws: ReadmeFormatError.self) { try w("iictl add \"Jane") }
    }
}
