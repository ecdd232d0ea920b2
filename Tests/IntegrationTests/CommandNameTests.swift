import ArgumentParser
import Testing

@testable import iictl

/// Every command of iictl writes its name. Without one, argument-parser makes it from the type's
/// name with `String(describing:)`, and describing a type looks up its conformances: in a static
/// binary, a search through every conformance the binary holds, for each subcommand, at every start
/// of iictl. That was a fifth of `iictl --version`.
@Suite struct CommandNameTests {
    @Test func everyCommandNamesItself() {
        var commands: [String] = []
        var unnamed: [String] = []
        func walk(_ command: ParsableCommand.Type, path: String) {
            let name = command.configuration.commandName
            if name == nil { unnamed.append(path + "\(command)") }
            commands.append(path + (name ?? "?"))
            for sub in command.configuration.subcommands { walk(sub, path: path + (name ?? "?") + " ") }
        }
        walk(IICtl.self, path: "")
        #expect(commands.contains("iictl draft thank-you") && commands.contains("iictl mail scan"), "\(commands)")
        #expect(unnamed.isEmpty, "commands without a commandName: \(unnamed)")
    }
}
