import Foundation
import IIDCore
import Testing

/// `mail.json`: one line per message, read back as written, and a file of the first format still read.
@Suite struct MailStateTests {
    func roundTrip(_ state: MailState) throws -> (MailState, String) {
        let data = try JSONEncoder().encode(state)
        return (try JSONDecoder().decode(MailState.self, from: data), String(decoding: data, as: UTF8.self))
    }

    @Test func eachMessageIsOneLineReadBackAsWritten() throws {
        var state = MailState()
        state.folders["/m/INBOX"] = MailState.Folder(name: "INBOX", seen: ["1.M1.h"])
        state.messages["a1"] = MailState.Verdict(verdict: "nothing")
        state.messages["b2"] = MailState.Verdict(verdict: "requested", contact: "jane-doe", mine: true)
        state.messages["c3"] = MailState.Verdict(
            verdict: "suggested", contact: "odd id%20 here", at: Date(timeIntervalSince1970: 1_793_610_000.123_456))
        let (back, text) = try roundTrip(state)
        #expect(back == state)
        #expect(text.contains("\"a1 nothing\""), "\(text)")
        #expect(text.contains("\"b2 requested contact=jane-doe mine\""), "\(text)")
        #expect(text.contains("contact=odd%20id%2520%20here"), "\(text)")
    }

    @Test func aFileOfTheFirstFormatIsRead() throws {
        let old = #"{"folders":{},"messages":{"a1":{"verdict":"replied","contact":"jane-doe"}}}"#
        let state = try JSONDecoder().decode(MailState.self, from: Data(old.utf8))
        #expect(state.messages == ["a1": MailState.Verdict(verdict: "replied", contact: "jane-doe")])
    }

    @Test func aLineThatIsNoVerdictIsAnError() {
        for bad in [#"{"messages":["a1"]}"#, #"{"messages":["a1 replied whoever"]}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(MailState.self, from: Data(bad.utf8)) }
        }
    }
}
