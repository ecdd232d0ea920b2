#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A config that cannot be used: where, and what was expected.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var keyPath: String?
    public var message: String
    public init(location: SourceLocation, keyPath: String? = nil, message: String) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }
    public var description: String {
        if let keyPath { return "\(location): error: at `\(keyPath)`: \(message)" }
        return "\(location): error: \(message)"
    }
}
