/// The version both executables report.
public enum IIDVersion {
    public static let string = "0.1.0"
}
