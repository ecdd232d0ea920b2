import Foundation
import IIDCore
import Testing

/// The vCard reader's rules, each on the smallest card that shows it.
@Suite struct VCardReaderTests {
    func card(_ lines: [String], version: String = "3.0", end: String = "\r\n") -> VCardReader.Card? {
        let text = (["BEGIN:VCARD", "VERSION:\(version)"] + lines + ["END:VCARD"]).joined(separator: end) + end
        return VCardReader.cards(text).first
    }

    func card(bytes: [UInt8]) -> VCardReader.Card? { VCardReader.cards(bytes).first }

    @Test func quotedPrintableIsDecodedInTheDeclaredCharset() throws {
        let utf8 = try #require(card(["FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg"], version: "2.1"))
        #expect(utf8.name == "Jörg")
        let cp1252 = card(
            ["FN:X", "NOTE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:=80 =93hi=94 =96 =85 =E9"], version: "2.1")
        #expect(cp1252?.note == "€ “hi” – … é")
        let latin1 = card(["FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9e"], version: "2.1")
        #expect(latin1?.name == "Renée")
        // The declaration wins over a guess: these bytes are also valid UTF-8, or differ in 0x80–0x9F.
        let declared = card(
            ["FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:=C3=A9", "NOTE;CHARSET=ISO-8859-1:=80"], version: "2.1")
        #expect(declared?.name == "Ã©")
        #expect(declared?.note == "=80", "not quoted-printable without ENCODING")
        let c1 = card(["FN:X", "NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:=80=E9"], version: "2.1")
        #expect(c1?.note == "\u{80}é")
        // 2.1's bare parameter, lower-case hex and a malformed escape kept as written.
        let bare = card(["FN;QUOTED-PRINTABLE;CHARSET=utf-8:J=c3=b6rg =ZZ 100%=3D"], version: "2.1")
        #expect(bare?.name == "Jörg =ZZ 100%=")
    }

    @Test func softLineBreaksAreJoinedEvenInsideACharacter() {
        let c = card(
            ["FN:X", "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gr=C3=", "=BC=C3=9Fe an J=", "=C3=B6rg"],
            version: "2.1")
        #expect(c?.note == "Grüße an Jörg")
        // Without the soft break, the next line would be a property of its own.
        let guarded = card(["FN:X", "NOTE;ENCODING=QUOTED-PRINTABLE:call=", "TEL:back"], version: "2.1")
        #expect(guarded?.note == "callTEL:back")
        #expect(guarded?.phone == nil)
    }

    @Test(arguments: ["\r\n", "\n", "\r\r\n", "\r"])
    func everyLineEndReadsTheSame(end: String) throws {
        let c = try #require(
            card(["FN:Hiro Nakamura", "EMAIL;type=INTERNET;type=pref:hiro@example.jp", "NOTE:a", " b"], end: end))
        #expect(c.name == "Hiro Nakamura")
        #expect(c.email == "hiro@example.jp")
        #expect(c.note == "ab")
    }

    @Test func aColonInsideAQuotedParameterIsNotTheSplit() {
        let c = card(
            [
                "FN:Rosa Diaz", "ORG;SORT-AS=\"Diaz: the firm\":Diaz Consulting",
                "EMAIL;X-LABEL=\"Work: main\":rosa@diaz.example",
            ],
            version: "4.0")
        #expect(c?.org == "Diaz Consulting")
        #expect(c?.email == "rosa@diaz.example")
        // A quote that never closes still gives the value after the first colon.
        #expect(card(["FN;X-A=\"open:Rosa"])?.name == "Rosa")
    }

    @Test(arguments: [
        (["EMAIL:first@x", "EMAIL;PREF=1:pref@x"], "4.0"),
        (["EMAIL;PREF=2:first@x", "EMAIL;PREF=1:pref@x", "EMAIL;PREF=1:later@x"], "4.0"),
        (["EMAIL;TYPE=work:first@x", "EMAIL;TYPE=\"work,pref\":pref@x"], "4.0"),
        (["EMAIL;TYPE=INTERNET:first@x", "EMAIL;TYPE=pref:pref@x"], "3.0"),
        (["EMAIL;type=INTERNET:first@x", "item1.EMAIL;type=INTERNET;type=pref:pref@x"], "3.0"),
        (["EMAIL;TYPE=INTERNET:first@x", "EMAIL;TYPE=INTERNET,PREF:pref@x"], "3.0"),
        (["EMAIL;INTERNET:first@x", "EMAIL;PREF;INTERNET:pref@x"], "2.1"),
        (["EMAIL;PREF=1:", "EMAIL:pref@x"], "4.0"),
    ])
    func thePreferredEmailComesFirst(lines: [String], version: String) {
        // Every address is kept (a contact may have several); the preferred one is first, the one drafts use.
        let emails = card(["FN:X"] + lines, version: version)?.email?.components(separatedBy: ", ")
        #expect(emails?.first == "pref@x")
        #expect(
            Set(emails ?? []) == Set(lines.compactMap { $0.components(separatedBy: ":").last }.filter { !$0.isEmpty }))
    }

    @Test func withoutAPreferenceTheFirstComesFirst() {
        #expect(
            card(["FN:X", "EMAIL;TYPE=WORK:first@x", "EMAIL;TYPE=HOME:second@x", "EMAIL:FIRST@x"])?.email
                == "first@x, second@x")
        #expect(card(["FN:X", "TEL;TYPE=CELL:+1", "TEL;TYPE=pref:+2"])?.phone == "+2")
    }

    @Test func aCharacterSplitByAFoldIsWholeAgain() throws {
        // "Jörg" folded between the two bytes of "ö": the file as a whole is not UTF-8.
        let bytes =
            Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xB6]
            + Array("rg Müller\r\nORG:Café\r\nEND:VCARD\r\n".utf8)
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        #expect(card(bytes: bytes)?.name == "Jörg Müller")
        // As iictl hands it over: read as Latin-1, every byte one character.
        let latin1 = try #require(String(data: Data(bytes), encoding: .isoLatin1))
        let c = try #require(VCardReader.cards(latin1).first)
        #expect(c.name == "Jörg Müller")
        #expect(c.org == "Café")
    }

    @Test func aValueThatIsNotUTF8FallsBackOnItsOwn() {
        let bytes = Array("BEGIN:VCARD\r\nFN:Zo".utf8) + [0xEB] + Array("\r\nORG:Zoë AG\r\nEND:VCARD\r\n".utf8)
        let c = card(bytes: bytes)
        #expect(c?.name == "Zoë")
        #expect(c?.org == "Zoë AG")
        // Valid UTF-8 text with characters of U+0080–U+00FF is read as it is.
        #expect(card(["FN:Ã¶"])?.name == "Ã¶")
        #expect(card(["FN:Ã¶ Zoë"])?.name == "Ã¶ Zoë")
    }

    @Test func escapesAreUndoneIn3And4ButNotBeyond2Point1() {
        let c = card(["FN:X", "NOTE:a\\,b\\;c\\nd\\\\e\\Nf", "URL:https\\://example.org"])
        #expect(c?.note == "a,b;c\nd\\e\nf")
        #expect(c?.url == "https://example.org")
        let legacy = card(["FN:X", "NOTE:C:\\new\\files\\; ok", "ORG:A\\;B;Dept"], version: "2.1")
        #expect(legacy?.note == "C:\\new\\files; ok")
        #expect(legacy?.org == "A;B")
        #expect(card(["FN:X", "ORG:Acme\\, Inc.;Risk"])?.org == "Acme, Inc.")
    }

    @Test func nameFromNWhenFNIsMissingOrEmpty() {
        #expect(card(["N:Okafor;Chidi;;;"])?.name == "Chidi Okafor")
        #expect(card(["FN:", "N:O\\,Brien;Pat;;;"])?.name == "Pat O,Brien")
        #expect(card(["N:;;;;", "EMAIL:x@y"]) == nil)
    }

    @Test func groupsAreStripped() {
        let c = card(["item1.FN:Ana", "item2.EMAIL:ana@x", "item2.X-ABLabel:work", "ITEM3.tel:+1"])
        #expect(c?.name == "Ana")
        #expect(c?.email == "ana@x")
        #expect(c?.phone == "+1")
    }
}
