/// The two path operations iid needs, as `NSString` spelled them, without Foundation's `NSString`
/// (the binaries link `FoundationEssentials` only, which has no `NSString`). Plain text on `/`:
/// no file is looked at.
public enum PathName {
    /// `/a/b` → `/a`, `/a` → `/`, `a` → empty, `/a/b/` → `/a`, `//a//b` → `/a`, `/` → `/`.
    public static func parent(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let head = withoutTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// `/a/b` → `b`, `/a/b/` → `b`, `/` → `/`, empty → empty.
    public static func last(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// Runs of slashes made one and trailing slashes dropped, but `/` stays `/`.
    static func withoutTrailingSlashes(_ path: String) -> String {
        var out = ""
        for c in path where !(c == "/" && out.hasSuffix("/")) { out.append(c) }
        while out.count > 1, out.hasSuffix("/") { out.removeLast() }
        return out
    }
}
