import Foundation
import IIDCore
import Testing

/// One test per exporter, on a sample in the shape that program writes (Tests/Fixtures/vcard).
/// Each is read the way `iictl import vcard` reads it and, as a check, straight from its bytes.
@Suite struct VCardExporterTests {
    func read(_ name: String) throws -> [ImportCandidate] {
        let path = "vcard/" + name
        let fromText = VCardReader.cards(try ImportFixtures.text(path))
        #expect(VCardReader.cards(try ImportFixtures.bytes(path)) == fromText, "bytes and decoded text agree")
        return ContactImport.vCard(try ImportFixtures.text(path))
    }

    /// 2.1, every non-ASCII value quoted-printable UTF-8, long values broken with `=` (once
    /// inside a character), a bare `PREF`, and a base64 photo followed by a blank line.
    @Test func android() throws {
        let people = try read("android-2.1.vcf")
        #expect(people.map(\.name) == ["Jörg Müller"])
        let p = try #require(people.first)
        #expect(p.org == "Grünwald & Söhne GmbH")
        #expect(p.position == "Geschäftsführer")
        #expect(p.email == "joerg.mueller@gruenwald.example, joerg@home.example")
        #expect(p.phone == "+49 30 5550100")
        #expect(p.address == "Straße des 17. Juni 1\n10623 Berlin\nDeutschland")
        #expect(
            p.note
                == "Kennengelernt auf der Jobmesse in Köln, später per Mail: möchte über die Datenteams sprechen. Grüße an Jörg."
        )
    }

    /// 2.1 in Windows-1252, both raw (so the file is not UTF-8) and quoted-printable with
    /// smart quotes, € and dashes from 0x80–0x9F, and a soft break inside an encoded CR LF.
    @Test func outlook() throws {
        #expect(String(validating: try ImportFixtures.bytes("vcard/outlook-2.1.vcf"), as: UTF8.self) == nil)
        let people = try read("outlook-2.1.vcf")
        #expect(people.map(\.name) == ["Amélie Lefèvre"])
        let p = try #require(people.first)
        #expect(p.org == "“Café Crème” S.à r.l.")
        #expect(p.position == "Directrice financière")
        #expect(p.email == "a.lefevre@cafe-creme.example, amelie@perso.example")
        #expect(p.phone == "+33 1 55 55 01 23")
        #expect(p.address == "12 rue de l’Église\n75004 Paris\nFrance")
        #expect(p.url == "https://cafe-creme.example/")
        #expect(p.note == "Budget 2027 : 40 000 € – « à confirmer » ; rappeler après le 15.\r\nTel: voir la fiche")
    }

    /// 3.0 with CR CR LF line ends, `item1.` groups, `type=` given once per type, `X-ABLabel`.
    @Test func iPhone() throws {
        let people = try read("iphone-3.0.vcf")
        #expect(people.map(\.name) == ["Hiro Nakamura", "田中 由紀"])
        let p = try #require(people.first)
        #expect(p.org == "Yamagato Industries")
        #expect(p.position == "Head of Research")
        #expect(p.email == "hiro.nakamura@yamagato.example, hiro@home.example")
        #expect(p.phone == "+81 90-5555-0142")
        #expect(p.address == "1-2-3 Marunouchi\n100-0005 Chiyoda-ku\nTokyo\nJapan")
        #expect(p.url == "https://yamagato.example/hiro")
        #expect(p.note == "Met at PyCon JP, hallway track\nAsk about the research rotation")
        #expect(people.last?.org == "東京データ株式会社")
        #expect(people.last?.email == "yuki@tokyo-data.example")
    }

    /// 3.0 with `TYPE=INTERNET;TYPE=WORK`, no preference (the first email wins), `http\://`, and a
    /// card with an empty name that is skipped.
    @Test func gmail() throws {
        let people = try read("gmail-3.0.vcf")
        #expect(people.map(\.name) == ["Ana Silva", "Bob Stone"])
        let p = try #require(people.first)
        #expect(p.org == "Umbrella Payments, GmbH")
        #expect(p.position == "Risk Analyst")
        #expect(p.email == "ana.silva@umbrella.example, ana@silva.example")
        #expect(p.phone == "+49 151 55501234")
        #expect(p.address == "Friedrichstraße 10\n10117 Berlin\nGermany")
        #expect(p.url == "https://www.linkedin.com/in/anasilva")
        #expect(p.note == "Alumni list; ask about the risk team")
        #expect(people.last?.org == "Hooli")
    }

    /// 3.0 with LF line ends, `type=pref` on the second email, and a folded base64 photo before
    /// the note, which must still be read.
    @Test func appleContacts() throws {
        let people = try read("apple-contacts-3.0.vcf")
        #expect(people.map(\.name) == ["Rosa Díaz"])
        let p = try #require(people.first)
        #expect(p.org == "Díaz Consulting")
        #expect(p.position == "Founder")
        #expect(p.email == "rosa@diaz-consulting.example, rosa@home.example")
        #expect(p.phone == "+1 (555) 010-0200")
        #expect(p.address == "1 Market St\n94105 San Francisco\nCA\nUnited States")
        #expect(p.note == "Referred by Jake; coffee in the Mission")
    }

    /// 4.0 with `PREF=1` on the second email and phone, `VALUE=TEXT`, and `N` after `FN`.
    @Test func thunderbird() throws {
        let people = try read("thunderbird-4.0.vcf")
        #expect(people.map(\.name) == ["Mei-Ling Zhou"])
        let p = try #require(people.first)
        #expect(p.org == "Lumen Analytics")
        #expect(p.position == "Engineering Manager")
        #expect(p.email == "meiling.zhou@lumen.example, meiling@home.example")
        #expect(p.phone == "+44 20 5555 0199")
        #expect(p.url == "https://lumen.example/people/meiling")
        #expect(p.note == "Runs the analytics guild, monthly\nPrefers mornings")
    }

    /// 3.0 with `X-EVOLUTION-*` properties and parameters, and lines folded at 75 octets inside a
    /// UTF-8 character, which makes the file as a whole invalid UTF-8.
    @Test func evolution() throws {
        #expect(String(validating: try ImportFixtures.bytes("vcard/evolution-3.0.vcf"), as: UTF8.self) == nil)
        let people = try read("evolution-3.0.vcf")
        #expect(people.map(\.name) == ["Milica Đorđević"])
        let p = try #require(people.first)
        #expect(p.org == "Beograd Soft d.o.o.")
        #expect(p.position == "Vodeći inženjer")
        #expect(p.email == "milica@beograd-soft.example, milica@home.example")
        #expect(p.phone == "+381 64 5550199")
        #expect(p.address == "Knez Mihailova 12\n11000 Beograd\nSrbija")
        #expect(
            p.note == "Upoznali smo se na konferenciji u Novom Sadu; zanimaju je đaci i mentorstvo, piše o podacima.")
    }
}
