/// Numbers as text without `String(format:)`, which lives in Foundation proper (the binaries link
/// `FoundationEssentials` only) and goes through varargs.
public enum Digits {
    /// `value` zero-padded to `width` digits (more if it needs them; a minus sign first): `%0*d`.
    public static func padded(_ value: Int, _ width: Int) -> String {
        var out = ""
        Timestamp.digits(value, width, &out)
        return out
    }

    /// A byte as two upper-case hex digits: `%02X`.
    public static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return byte < 16 ? "0" + text : text
    }

    /// `value` rounded half away from zero to `places` decimals: `%.*f` for the finite values
    /// iid prints (percentages and day counts).
    public static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int(scaled / scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard places > 0 else { return sign + String(whole) }
        let fraction = Int(scaled - Double(whole) * scale)
        return sign + String(whole) + "." + padded(fraction, places)
    }
}
