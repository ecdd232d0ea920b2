import IIDCore
import IIDSystem
import Testing

/// The system's ICU, loaded on demand, for ids of names in scripts `LatinFold` has no table for.
/// Debian's libicu is a dependency of the test machine (scripts/install-deps.sh); without it
/// `latin` is nil and ids fall back to a hash, which IIDCoreTests' NamesTests holds.
@Suite struct SystemTransliteratorTests {
    @Test func hanAndArabicNamesGetLatinIds() throws {
        let pinyin = try #require(SystemTransliterator.latin("李小龙"), "no libicui18n.so.NN could be loaded")
        #expect(LatinFold.fold(pinyin) == "li xiao long")
        #expect(SystemTransliterator.latin("Zoë") == "Zoë")
        #expect(SystemTransliterator.latin("")?.isEmpty == true)
        // Passed in, not set: the hook is global, and other suites run alongside.
        let icu = SystemTransliterator.latin
        #expect(ContactID.slug(for: "李小龙", otherScripts: icu) == "li-xiao-long")
        #expect(ContactID.slug(for: "Дмитрий Иванов", otherScripts: icu) == "dmitrij-ivanov")
        #expect(ContactID.slug(for: "☃☃", otherScripts: icu).hasPrefix("contact-"))
    }
}
