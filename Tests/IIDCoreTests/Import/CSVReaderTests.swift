import Foundation
import IIDCore
import Testing

/// RFC 4180 as spreadsheets write it: the bytes of a quoted field kept, and the delimiter found.
@Suite struct CSVReaderTests {
    @Test func lineBreaksInsideQuotesAreKeptAsWritten() throws {
        let rows = try CSVReader.rows("a,\"x\r\ny\"\r\nb,\"lf\nonly\",\"cr\ronly\"\n")
        #expect(rows == [["a", "x\r\ny"], ["b", "lf\nonly", "cr\ronly"]])
    }

    @Test func recordsEndAtCRLFOrLFOrCR() throws {
        #expect(try CSVReader.rows("a,b\r\nc,d\ne,f\rg,h") == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        #expect(try CSVReader.rows("a,b\r\n\r\n\nc,d\r\n") == [["a", "b"], ["c", "d"]], "blank lines are dropped")
    }

    @Test(
        arguments: [
            ("name,org\nAna,Umbrella\n", ","),
            ("name;org;note\nAna;Umbrella;1,5\nBob;Hooli;2,25\n", ";"),
            ("name\torg\nDoe, Jane\tAcme, Inc.\nLi\tInitech\n", "\t"),
            ("name;org\n\"Doe, Jane\";Acme\n\"Roe, Rick\";Globex\n", ";"),
            ("name\nAna\nBob\n", ","),
            ("a,b;c\n1,2;3\n", ","),
            ("", ","),
        ] as [(String, Unicode.Scalar)])
    func theDelimiterIsDetected(text: String, delimiter: Unicode.Scalar) {
        #expect(CSVReader.detectDelimiter(text) == delimiter)
    }

    @Test func detectionLooksPastAPreamble() throws {
        let text = try ImportFixtures.text("Connections.csv")
        #expect(CSVReader.detectDelimiter(text) == ",")
        let notes = "Notes:\n\"one; two; three\"\n\nName;Company\nAna;Umbrella\nBob;Hooli\n"
        #expect(CSVReader.detectDelimiter(notes) == ";")
    }

    @Test func aGivenDelimiterIsUsed() throws {
        #expect(try CSVReader.rows("a;b,c\n", delimiter: ",") == [["a;b", "c"]])
        #expect(try CSVReader.rows("a;b,c\n", delimiter: ";") == [["a", "b,c"]])
        #expect(try CSVReader.rows("a;b,c\n") == [["a;b", "c"]], "a tie goes to the comma")
    }

    @Test func anUnclosedQuoteSaysWhereItOpened() {
        let error = #expect(throws: CSVReader.Error.self) {
            try CSVReader.rows("a,b\r\n1,\"two\r\nlines\"\r\n3,\"never\r\nclosed\n")
        }
        #expect(error?.line == 4)
    }

    /// Excel in a German locale: a BOM, `;`, CR LF record ends and a CR LF inside a quoted address.
    @Test func windowsSpreadsheetExport() throws {
        let (people, columns, skipped) = try ContactImport.csv(try ImportFixtures.text("csv/excel-semicolon.csv"))
        #expect(columns.map(\.0) == [.name, .org, .email, .phone, .address, .note])
        #expect(columns.first?.1 == "Name", "the BOM is not part of the first header")
        #expect(people.map(\.name) == ["Jörg Müller", "Amélie Lefèvre", "Hiro Nakamura"])
        #expect(people[0].org == "Grünwald & Söhne; Vertrieb")
        #expect(people[0].email == "joerg@gruenwald.example")
        #expect(people[0].phone == "+49 30 5550100")
        #expect(people[0].address == "Straße des 17. Juni 1\r\n10623 Berlin")
        #expect(people[0].note == "Budget 1,5 Mio.")
        #expect(people[1].note == "Says \"maybe\"; call again, after the 15th")
        #expect(people[2].phone == "+81 3-5555-0100")
        #expect(skipped == ["row 4: no name"])
        // Decoded without dropping the BOM, as not every caller does, the reader drops it.
        let raw = String(decoding: try ImportFixtures.bytes("csv/excel-semicolon.csv"), as: UTF8.self)
        #expect(raw.unicodeScalars.first == "\u{FEFF}")
        #expect(try CSVReader.rows(raw).first?.first == "Name")
        #expect(CSVReader.detectDelimiter(raw) == ";")
    }

    @Test func tabSeparatedExport() throws {
        let rows = try CSVReader.rows(try ImportFixtures.text("csv/tab-separated.tsv"))
        #expect(rows.count == 3)
        #expect(rows[1] == ["Doe, Jane", "Acme, Inc.", "jane@acme.example", "two\r\nlines"])
        #expect(rows[2] == ["Li Wei", "Initech", "li@initech.example", ""])
    }
}
