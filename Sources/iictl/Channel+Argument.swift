import ArgumentParser
import IIDCore

/// A channel named on the command line (`notify`, `email`, `journal`, `push`): argument-parser checks the
/// name, lists the choices in the help and completes them, so no command parses it by hand.
/// IIDCore does not import ArgumentParser, hence the conformance here.
extension Channel: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
