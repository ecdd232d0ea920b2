#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Who a contact is: name, organisation and how to reach them. Declared once here and carried
/// whole by `added` and `updated` events, contact records and import candidates, so a new field
/// is added in one place and every reader, writer and importer sees it.
public struct ContactDetails: Hashable, Sendable {
    public var name: String?
    public var org: String?
    public var industry: String?
    public var email: String?
    public var phone: String?
    /// A postal address, lines separated by newlines.
    public var address: String?
    /// A profile URL (LinkedIn or similar).
    public var url: String?
    public var position: String?
    /// The id of the contact who suggested this one (`--referred-by`, `held --referral`): the
    /// method is a chain, and the request opens with the referrer's name.
    public var referredBy: String?
    /// How often to keep in touch with this person (`60d`, `3w`; `never`, or empty for the
    /// config's `reminders.keep-in-touch`). Kept as written, checked when planned (`Cadence`).
    public var cadence: String?

    public init(
        name: String? = nil, org: String? = nil, industry: String? = nil, email: String? = nil, phone: String? = nil,
        address: String? = nil, url: String? = nil, position: String? = nil, referredBy: String? = nil,
        cadence: String? = nil
    ) {
        self.name = name
        self.org = org
        self.industry = industry
        self.email = email
        self.phone = phone
        self.address = address
        self.url = url
        self.position = position
        self.referredBy = referredBy
        self.cadence = cadence
    }

    /// The fields by name. The raw value is the key in the event log and in `--json` output, and
    /// the order is the log's key order, which must not change: lines are compared and diffed.
    public enum Field: String, CaseIterable, Sendable {
        case name, org, industry, email, phone, address, url, position
        case referredBy = "referred_by"
        case cadence

        public var path: WritableKeyPath<ContactDetails, String?> {
            switch self {
            case .name: \.name
            case .org: \.org
            case .industry: \.industry
            case .email: \.email
            case .phone: \.phone
            case .address: \.address
            case .url: \.url
            case .position: \.position
            case .referredBy: \.referredBy
            case .cadence: \.cadence
            }
        }

        /// How a person reads it: `Organisation`, `Profile`.
        public var label: String {
            switch self {
            case .name: "Name"
            case .org: "Organisation"
            case .industry: "Industry"
            case .email: "Email"
            case .phone: "Phone"
            case .address: "Address"
            case .url: "Profile"
            case .position: "Position"
            case .referredBy: "Referred by"
            case .cadence: "Cadence"
            }
        }

        /// `Organisation: `: the label and a colon, padded so that values line up in a column.
        public var heading: String { (label + ":").padded(to: 14) }

        /// Every field, computed once: `allCases` builds a new array on each call.
        public static let all: [Field] = allCases
    }

    public subscript(field: Field) -> String? {
        get { self[keyPath: field.path] }
        set { self[keyPath: field.path] = newValue }
    }

    /// Every address in `email`: one, or several separated by commas (`iictl add --email` given
    /// more than once). The first is the one iid writes to.
    public var emails: [String] {
        (email ?? "").split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// `addresses` as the one `email` detail: `a@x.example, b@y.example`, or "" for none (which
    /// clears it). The log keeps one field, so a log written before contacts had several
    /// addresses reads as it did.
    public static func emails(_ addresses: [String]) -> String { addresses.joined(separator: ", ") }

    public var isEmpty: Bool { Field.all.allSatisfy { self[$0] == nil } }

    /// An `added` or `updated` event's details applied to what is known: each field the event
    /// carries replaces the known one, so a later event corrects an earlier one; an empty value
    /// clears it, but an empty name is ignored, as a contact is never left without one.
    public mutating func merge(_ update: ContactDetails) {
        for field in Field.all {
            guard let value = update[field] else { continue }
            if field == .name && value.isEmpty { continue }
            // An empty value clears (`iictl edit --org ""`, `--cadence default`, `--referred-by none`).
            self[field] = value.isEmpty ? nil : value
        }
    }

    /// What an import would change in `known`: the fields given here that differ from it. Never
    /// the name: a contact matched by email or profile keeps the name it was added with.
    public func changes(from known: ContactDetails) -> ContactDetails {
        var out = ContactDetails()
        for field in Field.all where field != .name {
            if let value = self[field], value != known[field] { out[field] = value }
        }
        return out
    }
}
