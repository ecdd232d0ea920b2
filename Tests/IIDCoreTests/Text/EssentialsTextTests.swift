import Foundation
import IIDCore
import Testing

/// The small replacements for what `FoundationEssentials` lacks, held to Foundation's own answers
/// (the tests link all of Foundation) where Foundation has one.
@Suite struct EssentialsTextTests {
    @Test(arguments: ["  a b \t", "\u{00A0}x\u{2003}", "\n a \r\n", "", "   ", "é\u{0301} ", "\u{2028}line\u{85}"])
    func trimmingAgreesWithFoundation(text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmingNewlines() == text.trimmingCharacters(in: .newlines))
        #expect(Substring(text).trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func alphanumericsAgreeWithFoundation() {
        let samples: [Unicode.Scalar] = [
            "a", "Z", "5", "_", "-", " ", "é", "\u{0301}", "ß", "李", "Ж", "٣", "Ⅻ", "½", "😀", "'",
        ]
        for s in samples {
            #expect(s.isAlphanumeric == CharacterSet.alphanumerics.contains(s), "\(s)")
        }
    }

    @Test func paddingAgreesWithFoundation() {
        for (text, n) in [("abc", 6), ("abcdef", 3), ("", 2), ("status:", 10)] {
            #expect(text.padded(to: n) == text.padding(toLength: n, withPad: " ", startingAt: 0))
        }
    }

    @Test func digitsAgreeWithFormat() {
        for v in [0, 7, 42, 2026, 12345] {
            #expect(Digits.padded(v, 2) == String(format: "%02d", v))
            #expect(Digits.padded(v, 4) == String(format: "%04d", v))
        }
        for b: UInt8 in [0, 9, 10, 0x3D, 0xFF] { #expect(Digits.hex(b) == String(format: "%02X", b)) }
        // No ties: glibc rounds an exact half to even, `fixed` away from zero.
        for v in [0.0, 0.04, 1.26, 12.349, 99.96, 33.333, 66.6667, -2.56] {
            #expect(Digits.fixed(v, places: 1) == String(format: "%.1f", v), "\(v)")
            #expect(Digits.fixed(v * 100, places: 0) == String(format: "%.0f", v * 100), "\(v)")
        }
        #expect(Digits.fixed(0.125, places: 2) == "0.13")
    }

    @Test func pathNamesAgreeWithNSString() {
        // Not "a" alone: Foundation's `deletingLastPathComponent` traps on it (swift-corelibs 6.3).
        for path in ["/a/b", "/a/b/", "/a", "a/b", "/", "//a//b//", "/a/b.jsonl", "x/y/"] {
            #expect(PathName.parent(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
            #expect(PathName.last(of: path) == (path as NSString).lastPathComponent, "\(path)")
        }
        #expect(PathName.parent(of: "a") == "" && PathName.last(of: "a") == "a")
        #expect(PathName.parent(of: "") == "" && PathName.last(of: "") == "")
    }

    @Test func foldingDropsAccentsAndSpellsCyrillicAndGreek() {
        #expect(LatinFold.fold("  Zoë ÅNGSTRÖM ") == "  zoe angstrom ")
        #expect(LatinFold.fold("Dvořák Nguyễn Şahin İstanbul") == "dvorak nguyen sahin istanbul")
        #expect(LatinFold.fold("e\u{0301}") == "e")
        #expect(LatinFold.fold("Дмитрий Иванов") == "dmitrij ivanov")
        #expect(LatinFold.fold("Σωκράτης") == "sokrates")
        #expect(LatinFold.fold("ＡＣＭＥ") == "acme")
        #expect(LatinFold.fold("李小龙") == "李小龙")
    }
}
