import Foundation
import IIDSystem
import Testing

/// The version has one source, the VERSION file at the root of the checkout: `make dist` names the
/// package and the tarball from it, and this test holds the constant that `iid --version` and
/// `iictl --version` print to the same text. Bump both together.
@Suite struct VersionTests {
    @Test func theConstantIsTheVersionFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("VERSION"), encoding: .utf8)
        let version = file.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(file == version + "\n", "VERSION holds one line")
        #expect(
            IIDVersion.string == version,
            "Sources/IIDSystem/IIDVersion.swift says \(IIDVersion.string), VERSION says \(version)")
    }

    /// A Debian version and a file name: digits and dots, then an optional `~`, `+` or `-` suffix.
    @Test func theVersionIsUsableInPackageNames() {
        let ok = IIDVersion.string.range(of: #"^[0-9]+(\.[0-9]+)*([~+][0-9A-Za-z.]+)?$"#, options: .regularExpression)
        #expect(ok != nil, "'\(IIDVersion.string)' is not a version a package name can carry")
    }
}
