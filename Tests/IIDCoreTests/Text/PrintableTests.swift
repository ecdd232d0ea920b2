import Foundation
import IIDCore
import Testing

@Suite struct PrintableTests {
    @Test(arguments: [
        ("\u{1B}]0;pwned\u{07}Jane", "\\u{1B}]0;pwned\\u{7}Jane"),
        ("Jane\r\n<0>forged", "Jane\\r\\n<0>forged"),
        ("a\u{08}b\u{7F}c", "a\\u{8}b\\u{7F}c"),
        ("csi\u{9B}2J", "csi\\u{9B}2J"),
        ("tab\tstays", "tab\tstays"),
        ("Zoë 李小龙 \u{200F}", "Zoë 李小龙 \u{200F}"),
    ])
    func controlsBecomeVisible(raw: String, shown: String) {
        #expect(Printable.escaped(raw) == shown)
        #expect(!Printable.escaped(raw).unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" })
    }

    @Test func newlinesCanBeKeptForMultiLineText() {
        #expect(Printable.escaped("one\ntwo\r", newlines: true) == "one\ntwo\\r")
        #expect(Printable.hasControls("a\nb") && !Printable.hasControls("a\tb"))
    }
}
