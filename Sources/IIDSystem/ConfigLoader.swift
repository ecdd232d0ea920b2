import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A config as loaded: where it came from and what was said about it.
public struct LoadedConfig: Sendable {
    public var config: Config
    public var zone: TZifZone
    /// The file read, or nil when the built-in default is in use because no file exists.
    public var path: String?
    /// The path looked at.
    public var searchedPath: String
    public var warnings: [Diagnostic]
}

/// Finds and reads the config; a missing file means the built-in default, a bad one is an error.
public struct ConfigLoader: Sendable {
    public var paths: Paths
    public var override: String?
    /// Where the zone comes from; `TZ` is read from the paths' environment.
    public var zones: ZoneLoader

    public init(paths: Paths, override: String? = nil, zones: ZoneLoader? = nil) {
        self.paths = paths
        self.override = override
        self.zones = zones ?? ZoneLoader(environment: paths.environment)
    }

    public var path: String { paths.configFile(override: override) }

    /// The built-in defaults in the local zone: what iictl reads the log with while the config
    /// file does not parse. A system zone that does not load is UTC here only: `load` reports it.
    public func builtInDefaults() -> LoadedConfig {
        LoadedConfig(
            config: .default, zone: (try? zones.system()) ?? .utc, path: nil, searchedPath: path, warnings: [])
    }

    public func load() throws(ConfigError) -> LoadedConfig {
        let file = path
        let text: String
        var readPath: String? = file
        if !FileIO.exists(file) {
            if override != nil || (paths.environment["IID_CONFIG"].map { !$0.isEmpty } ?? false) {
                throw ConfigError(
                    location: SourceLocation(file: file, line: 1, column: 1), keyPath: nil, message: "no such file")
            }
            text = DefaultConfigText.yaml
            readPath = nil
        } else {
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(file, limit: 1 << 20)
            } catch {
                throw ConfigError(
                    location: SourceLocation(file: file, line: 1, column: 1), keyPath: nil, message: error.description)
            }
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw ConfigError(
                    location: SourceLocation(file: file, line: 1, column: 1), keyPath: nil, message: "not valid UTF-8")
            }
            text = decoded
        }
        let zones = self.zones
        var result = try ConfigParser.parse(
            text, file: readPath ?? "(built-in default)", knownZones: { (try? zones.zone(named: $0)) != nil })
        if let readPath, !result.config.delivery.push.urls.isEmpty, let mode = FileIO.mode(readPath),
            mode & 0o044 != 0
        {
            // Push URLs carry tokens and passwords: anyone who can read them can message the phone.
            result.warnings.append(
                Diagnostic(
                    .warning, .secretsReadable,
                    "\(readPath) holds delivery.push.urls, which contain secrets, and other users can read it "
                        + "(mode \(String(mode & 0o777, radix: 8))); run: chmod 600 \(readPath)",
                    at: SourceLocation(file: readPath, line: 1)))
        }
        let zone: TZifZone
        do {
            zone = try zones.load(configured: result.config.timezone)
        } catch {
            // The configured name was checked as it was parsed: what is left is TZ or /etc/localtime.
            throw ConfigError(
                location: SourceLocation(file: readPath ?? file, line: 1, column: 1), keyPath: "timezone",
                message: "\(error.message); set timezone: in the config, or fix the system's zone")
        }
        return LoadedConfig(
            config: result.config, zone: zone, path: readPath, searchedPath: file, warnings: result.warnings)
    }
}
