import Foundation
import Testing

@testable import IIDCore

/// The event log's JSON reader against Foundation's: the same lines accepted, the same strings read.
@Suite struct JSONLineReaderTests {
    func read(_ text: String) -> (failure: JSONLineReader.Failure?, members: [(String, JSONLineReader.Value)]) {
        var members: [(String, JSONLineReader.Value)] = []
        var copy = text
        let failure = copy.withUTF8 { JSONLineReader.members(of: $0) { members.append(($0, $1)) } }
        return (failure, members)
    }

    static let wellFormed = [
        #"{}"#, #" { } "#, #"{"a":"b"}"#, #"{"a" : "b" , "c":1}"#, #"{"n":-0.5e+3,"z":0,"t":true,"f":false}"#,
        #"{"x":null}"#, #"{"l":["a","b"],"e":[]}"#, #"{"o":{"p":[1,{"q":[]}],"r":"s"}}"#,
        #"{"s":"\"\\\/\b\f\n\r\t"}"#, #"{"u":"\u00e9\u4e2d\ud83d\ude00"}"#, #"{"k\u0041":"v"}"#,
        #"{"mixed":["a",1]}"#, "{\"tab\":\t\"x\"}", #"{"big":1e308,"neg":-12}"#, #"{"é":"ü"}"#,
        #"{"a":"b",}"#, #"{"a":["b",],"c":[{},]}"#,
    ]

    static let malformed = [
        "", " ", "{", "}", #"{"a"}"#, #"{"a":}"#, #"{"a":"b""#, #"{a:"b"}"#, #"{'a':'b'}"#,
        #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":-}"#, #"{"a":1e}"#, #"{"a":tru}"#, #"{"a":nul}"#,
        #"{"a":"b"} x"#, #"{"a":"b"}{"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\ud800"}"#,
        #"{"a":"\udc00"}"#, #"{"a":[}"#, "{\"a\":\"line\nbreak\"}", #"{"a":+1}"#,
        #"{"a" "b"}"#, #"{,}"#, #"{"a":NaN}"#, #"{"a":[1 2]}"#,
    ]

    @Test(arguments: wellFormed)
    func acceptsWhatFoundationAccepts(line: String) throws {
        let foundation = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        let r = read(line)
        #expect(r.failure == nil)
        #expect(r.members.count == foundation?.count)
        for (key, value) in r.members {
            switch value {
            case .string(let s): #expect(foundation?[key] as? String == s, "\(key)")
            case .strings(let l): #expect(foundation?[key] as? [String] == l, "\(key)")
            case .number(let d): #expect((foundation?[key] as? NSNumber)?.doubleValue == d, "\(key)")
            case .null: #expect(foundation?[key] is NSNull, "\(key)")
            case .bool, .other: #expect(foundation?[key] != nil, "\(key)")
            }
        }
    }

    @Test(arguments: malformed)
    func refusesWhatFoundationRefuses(line: String) {
        #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) == nil, "Foundation reads \(line)")
        #expect(read(line).failure != nil, "\(line)")
    }

    @Test func jsonThatIsNotAnObjectIsNamedSo() {
        for line in [#"[1,2]"#, #""text""#, "42", "null"] {
            #expect(read(line).failure == .notObject, "\(line)")
        }
    }

    @Test func invalidUTF8InAStringIsAnEncodingError() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let failure = bytes.withUnsafeBufferPointer { JSONLineReader.members(of: $0) { _, _ in } }
        #expect(failure == .encoding)
    }

    @Test func deepNestingIsRefusedNotRecursedWithoutEnd() {
        let line = #"{"a":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(read(line).failure == .syntax)
    }

    @Test func eventLineDecodesTheSameFields() throws {
        let line =
            #"{"id":"e1","at":"2026-11-27T10:00:00+01:00","type":"scheduled","contact":"jane","#
            + #""start":"2026-12-01T14:00:00Z","minutes":30.0,"place":"Caf\u00e9 \"Zur Post\"","extra":{"k":[1]}}"#
        let e = try EventCoding.decode(line: Substring(line))
        #expect(e.minutes == 30)
        #expect(e.place == "Café \"Zur Post\"")
        #expect(e.start == Timestamp.parse("2026-12-01T14:00:00Z"))
        #expect(throws: EventDecodingError(.badMinutes, "'minutes' must be a whole number from 1 to 1440")) {
            try EventCoding.decode(line: Substring(line.replacingOccurrences(of: "30.0", with: "30.5")))
        }
        #expect(throws: EventDecodingError(.notAString, "'name' must be a string")) {
            try EventCoding.decode(line: Substring(line.replacingOccurrences(of: "\"extra\"", with: "\"name\"")))
        }
    }
}
