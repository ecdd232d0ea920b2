import Foundation
import Testing

@testable import IIDCore

/// The JSON writer: key order kept, strings escaped so that a line stays one line.
@Suite struct JSONTextTests {
    @Test func shapesAndEscapes() {
        let v = JSONObject([
            ("s", "a\"b\\c\n\u{1}\u{2028}"), ("n", 3), ("b", true), ("nil", nil), ("empty", [String]()),
            ("list", ["x", "y"]), ("pairs", [("k", "v")] as [(String, Any?)]),
            ("objects", [JSONObject([("a", 1)])] as [Any?]),
        ])
        #expect(
            JSONText.value(v)
                == #"{"s":"a\"b\\c\n\u0001\u2028","n":3,"b":true,"nil":null,"empty":[],"list":["x","y"],"pairs":{"k":"v"},"objects":[{"a":1}]}"#
        )
        #expect(
            JSONText.pretty([JSONObject([("a", [String]()), ("b", JSONObject([])), ("c", ["x"])])] as [Any?])
                == "[\n  {\n    \"a\": [],\n    \"b\": {},\n    \"c\": [\n      \"x\"\n    ]\n  }\n]")
        #expect(JSONText.object([("key", "k")]) == #"{"key":"k"}"#)
    }
}
