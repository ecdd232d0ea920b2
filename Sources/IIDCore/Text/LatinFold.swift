/// Folding for names and organisation keys without ICU: lower case (the standard library's own
/// Unicode tables), accents dropped, Cyrillic and Greek letters spelled in Latin ones, full-width
/// forms made ASCII. `String.folding(options:)` and `applyingTransform(.toLatin)` did this with
/// ICU, whose 30 MB of data the binaries no longer carry (they link `FoundationEssentials` only).
///
/// The tables are deliberately small: the precomposed Latin letters of Latin-1 Supplement, Latin
/// Extended-A and -B and Latin Extended Additional (generated from Unicode's canonical
/// decompositions: a letter whose decomposition is an ASCII letter and combining marks), the
/// combining marks U+0300–U+036F, and the Cyrillic and Greek alphabets as ICU's `Any-Latin` spells
/// them once their accents are gone (`й` → `j`, `х` → `h`, `ж` → `z`, `θ` → `th`). Other scripts
/// (Han, Arabic, Hebrew, Devanagari…) stay as they are: a slug made of them falls back to
/// `contact-` and a hash (`ContactID.fallback`), and an organisation key keeps their letters.
public enum LatinFold {
    /// `  Zoë ÅNGSTRÖM` → `  zoe angstrom`, `Дмитрий` → `dmitrij`, `ＡＢＣ` → `abc`.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            let v = scalar.value
            if (0x300...0x36F).contains(v) { continue }
            if let base = latin[scalar] {
                out.append(Unicode.Scalar(base))
            } else if let spelled = cyrillicAndGreek[scalar] {
                out.append(contentsOf: spelled.unicodeScalars)
            } else if (0xFF01...0xFF5E).contains(v), let ascii = Unicode.Scalar(v - 0xFEE0) {
                // Full-width ASCII: only lower case is left after `lowercased()`.
                out.append(ascii)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Precomposed Latin letter → its lower-case ASCII base letter; capitals too, since
    /// `lowercased()` gives some of them (`İ`) a form with a combining mark instead.
    static let latin: [Unicode.Scalar: UInt8] = {
        let from =
            "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ"
            + "ćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő"
            + "ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛ"
            + "ǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯ"
            + "ȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷ"
            + "ḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳ"
            + "ṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵ"
            + "ẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰự" + "ỲỳỴỵỶỷỸỹ"
        let to =
            "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaac"
            + "cccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooo"
            + "rrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuu"
            + "uaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeoooooo"
            + "ooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkll"
            + "llllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuu"
            + "uuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaa"
            + "aaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuu" + "yyyyyyyy"
        return Dictionary(uniqueKeysWithValues: zip(from.unicodeScalars, to.utf8))
    }()

    /// Lower-case Cyrillic and Greek letters in Latin ones, without accents.
    static let cyrillicAndGreek: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "z", "з": "z", "и": "i", "й": "j",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
        "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "u", "я": "a",
        "є": "e", "і": "i", "ї": "i", "ґ": "g", "ў": "u", "ј": "j", "љ": "l", "њ": "n", "ћ": "c", "ђ": "d", "џ": "d",
        "ѕ": "z", "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "e", "θ": "th", "ι": "i",
        "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
        "υ": "y", "φ": "ph", "χ": "ch", "ψ": "ps", "ω": "o", "ά": "a", "έ": "e", "ή": "e", "ί": "i", "ό": "o", "ύ": "y",
        "ώ": "o", "ϊ": "i", "ϋ": "y",
        "ΐ": "i", "ΰ": "y",
    ]
}
