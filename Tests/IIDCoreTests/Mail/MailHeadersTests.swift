import Foundation
import IIDCore
import Testing

func headers(_ text: String) -> MailHeaders { MailHeaders(parsing: Array(text.utf8)) }

@Suite struct MailHeadersTests {
    @Test func fieldsAreUnfoldedAndNamesAreCaseInsensitive() {
        let h = headers("SUBJECT: a\r\n b\r\n\tc\r\nfrom: x@y.org\r\n\r\nBody: not a header\r\n")
        #expect(h["Subject"] == "a b\tc")
        #expect(h["From"] == "x@y.org")
        #expect(h["body"] == nil, "the body is never read")
        #expect(h.subject == "a b c", "a tab is a space once cleaned")
    }

    @Test func aLoneCRBreaksALineAsMailClientsSeeIt() {
        let h = headers("Subject: hi\rBcc: x@y.org\n\n")
        #expect(h["subject"] == "hi")
        #expect(h["bcc"] == "x@y.org")
    }

    @Test func aLineThatIsNoFieldEndsTheSection() {
        let h = headers("From mbox line\nSubject: s\nnot a field\nTo: a@b.org\n")
        #expect(h.fields.map(\.lowercasedName) == ["subject"])
    }

    @Test func encodedWordsAreDecodedAndControlsRemoved() {
        #expect(
            headers("Subject: =?utf-8?q?caf=C3=A9?= =?utf-8?q?_bar?=  plain  =?iso-8859-1?B?Y2Fm6Q==?=\n").subject
                == "café bar  plain  café")
        #expect(headers("Subject: =?utf-8?q?a=1B[31mred=07?=\n").subject == "a[31mred")
        #expect(headers("Subject: =?utf-8?q?bad=ZZ?=\n").subject == "bad=ZZ")
        #expect(headers("Subject: =?utf-8?b?!!!?=\n").subject == "")
        #expect(headers("Subject: x=?utf-8?q?caf=C3=A9?=y\n").subject == "xcaféy")
        #expect(headers("Subject: =?windows-1252?q?=93quoted=94?=\n").subject == "\u{201C}quoted\u{201D}")
        #expect(headers("Subject: =?utf-8?q?not closed\n").subject == "=?utf-8?q?not closed")
    }

    @Test func addressesWithGroupsCommentsAndQuotedNames() {
        let to = headers("To: Team: a@x.org, \"B, C\" <b@x.org>;, d@y.org (Dee), <e@z.org>\n").to
        #expect(
            to == [
                MailAddress(address: "a@x.org"), MailAddress(name: "B, C", address: "b@x.org"),
                MailAddress(address: "d@y.org"), MailAddress(address: "e@z.org"),
            ])
        #expect(
            headers("From: =?utf-8?q?J=C3=A9r=C3=B4me?= <jerome@x.org>\n").from == [
                MailAddress(name: "Jérôme", address: "jerome@x.org")
            ])
        #expect(headers("From: john . doe @ example . org\n").from == [MailAddress(address: "john.doe@example.org")])
        #expect(headers("From: J. Doe <jd@x.org>\n").from.first?.name == "J. Doe")
        #expect(headers("From: \"john doe\"@x.org\n").from.first?.address == "\"john doe\"@x.org")
        #expect(headers("From: Jane <@relay.example:jane@x.org>\n").from.first?.address == "jane@x.org")
    }

    @Test func addressTrapsMatchNobody() {
        #expect(headers("From: alice@example.org)<bob@example.org>\n").from == [])
        #expect(headers("From: \"unclosed <bob@example.org>\n").from == [])
        #expect(headers("From: (comment <bob@example.org>\n").from == [])
        #expect(headers("From: bob@example.org\u{1B}[2J\n").from == [])
        // The unclosed one is dropped; the addresses around it still count.
        #expect(headers("To: a@x.org, broken <b@x.org, c@y.org\n").to.map(\.address) == ["a@x.org", "c@y.org"])
    }

    @Test func namesLoseTheirControlCharacters() {
        let from = headers("From: \"=?utf-8?q?Eve=1B]0;pwned=07?=\" <eve@x.org>\n").from
        #expect(from.first?.name == "Eve]0;pwned")
    }

    @Test func messageIDsAndReplies() {
        let h = headers("Message-ID: <abc@x.org>\nIn-Reply-To: <a@x> (comment) <b@y>\n")
        #expect(h.messageID == "abc@x.org")
        #expect(h.inReplyTo == ["a@x", "b@y"])
        #expect(headers("Message-Id: abc@x.org\n").messageID == "abc@x.org")
        #expect(headers("Message-Id: a b\n").messageID == nil)
    }

    @Test(arguments: [
        ("Tue, 3 Dec 2024 10:14:00 +0100", "2024-12-03T09:14:00Z"),
        ("3 Dec 24 10:14 EST", "2024-12-03T15:14:00Z"),
        ("Tue,  3 Dec 2024 10:14:00 (CET)", "2024-12-03T10:14:00Z"),
        ("Tue, 3 Dec 2024 10:14:00 -0000", "2024-12-03T10:14:00Z"),
        ("3 Dec 2024 10:14:00 Z", "2024-12-03T10:14:00Z"),
        ("03 Dec 99 23:59:59 PST", "1999-12-04T07:59:59Z"),
        ("3 Dec 124 10:14 GMT", "2024-12-03T10:14:00Z"),
        ("Tue, 3 Dec 2024 10:14:00 +0530 (IST)", "2024-12-03T04:44:00Z"),
        ("Tue Dec 3 10:14:00 2024", "2024-12-03T10:14:00Z"),
        ("Sun, 31 Mar 2024 01:30:00 A", "2024-03-31T01:30:00Z"),
    ])
    func datesInTheirRFC5322Forms(text: String, expected: String) {
        #expect(headers("Date: \(text)\n").date.map { iso($0, utc) } == expected)
    }

    @Test(arguments: ["garbage", "31 Feb 2024 10:00 +0000", "3 Dec 2024 25:00 +0000", "", "3 Dec", "Tue, 3 Dec 2024"])
    func aDateThatIsNoneIsNil(text: String) {
        #expect(headers("Date: \(text)\n").date == nil)
    }

    @Test func hugeAndBinaryHeadersDoNotHangOrCrash() {
        var bytes = Array("Subject: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 2_000_000)
        bytes += [0x0A] + Array("From: \u{0}x\u{FF}@y.org\n".utf8) + [0xFF, 0xFE, 0x0A]
        let h = MailHeaders(parsing: bytes)
        #expect(h.subject?.count == 2_000_000)
        #expect(h.from == [])
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func fipsVectors(text: String, digest: String) {
        #expect(SHA256.hex(Array(text.utf8)) == digest)
    }

    @Test func aMillionAs() {
        #expect(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func everyPaddingLength() {
        // 55, 56 and 64 bytes are where the length does or does not fit in the last block.
        #expect(
            SHA256.hex([UInt8](repeating: 0x61, count: 55))
                == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(
            SHA256.hex([UInt8](repeating: 0x61, count: 56))
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(
            SHA256.hex([UInt8](repeating: 0x61, count: 64))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}
