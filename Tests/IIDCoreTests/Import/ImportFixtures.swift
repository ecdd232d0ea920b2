import Foundation
import IIDCore

/// The exporters' samples under `Tests/Fixtures`, as bytes and as `iictl import` reads them.
enum ImportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").standardized

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }

    /// As `iictl import` decodes a file before the reader sees it: UTF-8 when the whole file is
    /// valid UTF-8, else Latin-1. The readers must come out right either way.
    static func text(_ name: String) throws -> String {
        text(of: try bytes(name))
    }

    static func text(of bytes: [UInt8]) -> String {
        let data = Data(bytes)
        return String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
    }

    /// Every sample file, the older ones at the top level included, by path under `Fixtures`.
    static func all() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String {
            let isSample = [".vcf", ".csv", ".tsv"].contains { name.hasSuffix($0) }
            if isSample { names.append(name) }
        }
        return names.sorted()
    }
}
