import IIDCore
import Testing

@testable import iictl

/// A channel on the command line is parsed by argument-parser, which also lists the choices.
@Suite struct ChannelArgumentTests {
    @Test func namesParseAndListInTheirOrder() {
        #expect(Channel(argument: "email") == .email)
        #expect(Channel(argument: "pager") == nil)
        #expect(Channel.allValueStrings == ["notify", "email", "journal", "push"])
    }
}
