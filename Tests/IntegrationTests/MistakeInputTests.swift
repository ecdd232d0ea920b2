import Foundation
import Testing

/// What people type: times, lengths, text, addresses and names from anywhere.
@Suite struct MistakeInputTests {
    @Test func timesPeopleType() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        // A date typed without its leading zeros: 8 January of next year, in the future whatever
        // the day the suite runs, and in another year, so that `show` prints the year.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let year = calendar.component(.year, from: Date()) + 1
        let day = try #require(calendar.date(from: DateComponents(year: year, month: 1, day: 8, hour: 15)))
        let typed = "\(year)-1-8 15:00"
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = calendar.timeZone
        f.dateFormat = "EEE d MMM yyyy HH:mm"
        let shown = f.string(from: day)
        for time in ["tomorrow 3pm", "tue 3:30pm", "next tuesday 10:00", "in 2 days", typed] {
            let r = try s.iictl("schedule", "jane-doe", time)
            #expect(r.status == 0, "\(time): \(r.stderr)")
        }
        #expect(try s.iictl("show", "jane-doe").stdout.contains(shown), "\(shown)")
        let dayOnly = try s.run("iictl", ["schedule", "jane-doe", "tomorrow"])
        #expect(dayOnly.status != 0)
        #expect(dayOnly.stderr.contains("names a day but no time"), "\(dayOnly.stderr)")
        #expect(dayOnly.stderr.contains("\"tomorrow 15:00\""))
        let bad = try s.run("iictl", ["schedule", "jane-doe", "next week"])
        #expect(bad.stderr.contains("'next' goes with a weekday"))
        #expect(bad.stderr.contains("e.g. \"next tuesday 10:00\" or \"next fri 3pm\""))
        let typo = try s.run("iictl", ["schedule", "jane-doe", "tomorow 3pm"])
        #expect(typo.stderr.contains("unknown day 'tomorow'"))
        #expect(typo.stderr.contains("e.g. \"tomorrow 15:00\" or \"2026-12-08 3pm\""))
    }

    @Test func snoozesThatDoNothingOrTooMuch() throws {
        let s = try Sandbox()
        try s.iictl("add", "Bob Stone")
        try s.iictl("schedule", "bob-stone", "in 3 days")
        let zero = try s.run("iictl", ["snooze", "bob-stone.brief", "0m"])
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("changes nothing"))
        let long = try s.iictl("snooze", "bob-stone.brief", "3w")
        #expect(long.status == 0)
        #expect(long.stderr.contains("moot once the meeting begins"), "\(long.stderr)")
        let combined = try s.iictl("snooze", "bob-stone.homework", "1h30m")
        #expect(combined.status == 0, "\(combined.stderr)")
        let until = try s.iictl("snooze", "bob-stone.confirm", "until", "tomorrow 9:00")
        #expect(until.status == 0, "\(until.stderr)")
        #expect(until.stdout.hasPrefix("Snoozed until "))
        #expect(until.stdout.contains(" 09:00: Confirm the time with Bob Stone."))
    }

    @Test func emptyTextAndBadAddresses() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        let note = try s.run("iictl", ["note", "jane-doe", ""])
        #expect(note.status != 0)
        #expect(note.stderr.contains("the note is empty"))
        #expect(try s.run("iictl", ["question", "jane-doe", "  "]).stderr.contains("the question is empty"))
        let email = try s.run("iictl", ["add", "Bob Stone", "--email", "not-an-email"])
        #expect(email.status != 0)
        #expect(email.stderr.contains("'not-an-email'"))
        #expect(try s.iictl("list", "--json").stdout.contains("bob") == false)
    }

    @Test func namesFromAnywhere() throws {
        let s = try Sandbox()
        #expect(try s.iictl("add", "李小龙", "--org", "嘉禾").stdout == "li-xiao-long\n")
        try s.iictl("add", "Dr. Anne-Marie O'Neil, PhD", "--org", "Acme")
        let list = try s.iictl("list").stdout.split(separator: "\n").map(String.init)
        // The ORG column starts at the same terminal cell on every line.
        func column(_ line: String, _ word: String) -> Int? {
            guard let r = line.range(of: word) else { return nil }
            return line[..<r.lowerBound].unicodeScalars.reduce(0) { n, u in
                n + ((0x4E00...0x9FFF).contains(u.value) || (0x3000...0x303F).contains(u.value) ? 2 : 1)
            }
        }
        #expect(column(list[1], "嘉禾") == column(list[0], "ORG"))
        #expect(column(list[2], "Acme") == column(list[0], "ORG"))
        let script = try s.iictl("script", "dr-anne-marie-oneil-phd").stdout
        #expect(script.contains("\"Hello Anne-Marie, my name is"))
    }

    @Test func reImportNamesWhomItUpdatedAndWhomItLeftOut() throws {
        let s = try Sandbox()
        for org in ["Acme", "Globex", "Initech"] { try s.iictl("add", "Jane Doe", "--org", org, "--force") }
        try s.iictl("add", "Bob Stone", "--org", "Windwerk")
        let file = s.home + "/people.csv"
        try """
        Name,Company,Industry
        Bob Stone,Windwerk,Wind
        Jane Doe,,Climate
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try s.iictl("import", "csv", file)
        #expect(r.stdout.contains("1 added, 1 updated, 0 unchanged."), "\(r.stdout)")
        #expect(r.stdout.contains("Updated: Bob Stone (bob-stone)"))
        try s.iictl("add", "Jane Doe", "--force")
        try s.iictl("add", "Jane Doe", "--force")
        let again = try s.iictl("import", "csv", file)
        #expect(again.stdout.contains("1 ambiguous"), "\(again.stdout)")
        #expect(again.stdout.contains("Not applied, several contacts match"))
        #expect(again.stdout.contains("Jane Doe (jane-doe-4 or jane-doe-5 or jane-doe-6)"), "\(again.stdout)")
    }
}
