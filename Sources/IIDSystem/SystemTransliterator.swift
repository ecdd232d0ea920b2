import IIDCore

#if canImport(Glibc)
    import Glibc
#endif

/// Names in scripts `LatinFold` has no table for (Han, Arabic, Hebrew, Thai…) spelled in Latin
/// letters by the system's ICU (Debian's libicu, which libxml2 and most desktops already have),
/// loaded with `dlopen` only when such a name needs an id. The binaries link no ICU: its 30 MB of
/// data would be mapped into every start of iid and iictl for the few `iictl add` that use it.
/// Without a libicu the id falls back to `contact-` and a hash, as for a name of symbols.
public enum SystemTransliterator {
    /// `Any-Latin` on `text`, or nil when no libicu could be loaded or it failed.
    public static func latin(_ text: String) -> String? {
        guard let icu = loaded else { return nil }
        var status: Int32 = 0
        let id = Array("Any-Latin".utf16)
        guard let trans = icu.open(id, Int32(id.count), 0, nil, 0, nil, &status), status <= 0 else { return nil }
        defer { icu.close(trans) }
        let input = Array(text.utf16)
        // Latin spellings run longer than the ideographs they spell: room for four times as many.
        var buffer = input + Array(repeating: 0, count: input.count * 4 + 16)
        var length = Int32(input.count)
        var limit = length
        icu.trans(trans, &buffer, &length, Int32(buffer.count), 0, &limit, &status)
        guard status <= 0, length >= 0, Int(length) <= buffer.count else { return nil }
        return String(decoding: buffer[..<Int(length)], as: UTF16.self)
    }

    typealias Open =
        @convention(c) (
            UnsafePointer<UInt16>?, Int32, Int32, UnsafePointer<UInt16>?, Int32, UnsafeMutableRawPointer?,
            UnsafeMutablePointer<Int32>?
        ) -> OpaquePointer?
    typealias Trans =
        @convention(c) (
            OpaquePointer?, UnsafeMutablePointer<UInt16>?, UnsafeMutablePointer<Int32>?, Int32, Int32,
            UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
        ) -> Void
    typealias Close = @convention(c) (OpaquePointer?) -> Void

    struct ICU: @unchecked Sendable {
        let open: Open
        let trans: Trans
        let close: Close
    }

    /// ICU's C functions carry its major version in their names (`utrans_openU_72`): the newest
    /// library found wins.
    static let loaded: ICU? = {
        for version in (50...99).reversed() {
            guard let lib = dlopen("libicui18n.so.\(version)", RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let open = dlsym(lib, "utrans_openU_\(version)"),
                let trans = dlsym(lib, "utrans_transUChars_\(version)"),
                let close = dlsym(lib, "utrans_close_\(version)")
            else {
                dlclose(lib)
                continue
            }
            return ICU(
                open: unsafeBitCast(open, to: Open.self), trans: unsafeBitCast(trans, to: Trans.self),
                close: unsafeBitCast(close, to: Close.self))
        }
        return nil
    }()
}
