import IIDCore
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// swift-log to stderr in the form journald understands: a `<N>` syslog priority prefix per line,
/// no timestamp (the journal adds its own), metadata as `key=value`.
public struct JournalStderrLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let sink: @Sendable (String) -> Void

    public init(
        label: String, level: Logger.Level = .info,
        sink: @escaping @Sendable (String) -> Void = JournalStderrLogHandler.stderr
    ) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public static let stderr: @Sendable (String) -> Void = { line in
        StandardError.write(line)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        // Names and notes reach the log in messages and metadata: escaped, so every entry is one
        // line and a CR LF in a name cannot start a line of its own (with a `<0>` of its own).
        var text = Printable.escaped("\(event.message)")
        if !all.isEmpty {
            text +=
                " "
                + all.keys.sorted().map { "\($0)=\(Printable.escaped(all[$0].map { "\($0)" } ?? ""))" }
                .joined(separator: " ")
        }
        sink("<\(Self.priority(event.level))>" + text + "\n")
    }
}
