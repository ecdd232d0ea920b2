#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Something you did because a contact advised it (`iictl acted`): when, and what, in your words.
/// Coaches' advice: tell the people who advised you what came of it; the report is owed to them
/// (`AdviceReport`).
public struct ActedAdvice: Sendable, Equatable {
    public var at: Date
    public var text: String
}
