import CYAML

/// The config file as a tree of nodes, each with the line and column it starts at, composed from
/// libyaml's events. libyaml is the C parser Yams wrapped; Yams went because it imports Foundation,
/// which would bring ICU and its 30 MB of data into every binary. The same parser underneath gives
/// the same error texts and positions.
enum Node {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    /// 1-based, as libyaml's 0-based marks plus one; columns count Unicode scalars.
    struct Mark: Equatable {
        var line: Int
        var column: Int
    }

    struct Scalar {
        enum Style { case plain, quoted, block }
        var string: String
        var style: Style
        var mark: Mark
    }

    struct Sequence: Swift.Sequence {
        var items: [Node]
        var mark: Mark
        func makeIterator() -> IndexingIterator<[Node]> { items.makeIterator() }
    }

    struct Mapping: Swift.Sequence {
        var pairs: [(Node, Node)]
        var mark: Mark
        func makeIterator() -> IndexingIterator<[(Node, Node)]> { pairs.makeIterator() }
    }

    var mark: Mark? {
        switch self {
        case .scalar(let s): return s.mark
        case .sequence(let s): return s.mark
        case .mapping(let m): return m.mark
        }
    }
}

/// What stopped composing: libyaml's own problem text and where, or a rule of ours.
enum YAMLError: Error {
    /// libyaml's scanner or parser; `context` is what it was reading when it found `problem`.
    case syntax(problem: String, mark: Node.Mark, context: (text: String, mark: Node.Mark)?)
    /// Bytes that are not UTF-8 (libyaml's reader).
    case reader(problem: String)
    case duplicateKeys([String], mark: Node.Mark)
    case undefinedAlias(String, mark: Node.Mark)
    case moreThanOneDocument(mark: Node.Mark)
}

enum YAMLComposer {
    /// The single document in `text`, or nil for an empty stream.
    static func compose(_ text: String) throws(YAMLError) -> Node? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        let result: Result<Node?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            // On the heap: the composer keeps a pointer to it, which `&` of a local would not give.
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            parser.initialize(to: yaml_parser_t())
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else {
                return .failure(.reader(problem: "out of memory"))
            }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count - 1)
            var composer = Composer(parser: parser)
            do throws(YAMLError) {
                return .success(try composer.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// One pass over libyaml's events; `parser` outlives it (the caller allocates and frees it).
    struct Composer {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        var anchors: [String: Node] = [:]

        init(parser: UnsafeMutablePointer<yaml_parser_t>) { self.parser = parser }

        mutating func document() throws(YAMLError) -> Node? {
            var event = try next()  // stream start
            yaml_event_delete(&event)
            event = try next()
            if event.type == YAML_STREAM_END_EVENT {
                yaml_event_delete(&event)
                return nil
            }
            yaml_event_delete(&event)  // document start
            var first = try next()
            let root = try node(&first)
            var end = try next()  // document end
            yaml_event_delete(&end)
            var after = try next()
            defer { yaml_event_delete(&after) }
            if after.type != YAML_STREAM_END_EVENT {
                throw .moreThanOneDocument(mark: Self.mark(after.start_mark))
            }
            return root
        }

        func next() throws(YAMLError) -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else { throw error() }
            return event
        }

        /// The node that `event` starts; deletes `event`.
        mutating func node(_ event: inout yaml_event_t) throws(YAMLError) -> Node {
            defer { yaml_event_delete(&event) }
            let mark = Self.mark(event.start_mark)
            switch event.type {
            case YAML_ALIAS_EVENT:
                let name = Self.text(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else { throw .undefinedAlias(name, mark: mark) }
                return target
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value =
                    s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) }
                    ?? ""
                let style: Node.Scalar.Style =
                    switch s.style {
                    case YAML_PLAIN_SCALAR_STYLE, YAML_ANY_SCALAR_STYLE: .plain
                    case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
                    default: .quoted
                    }
                let node = Node.scalar(.init(string: value, style: style, mark: mark))
                remember(Self.text(s.anchor), node)
                return node
            case YAML_SEQUENCE_START_EVENT:
                let anchor = Self.text(event.data.sequence_start.anchor)
                var items: [Node] = []
                while true {
                    var item = try next()
                    if item.type == YAML_SEQUENCE_END_EVENT {
                        yaml_event_delete(&item)
                        break
                    }
                    items.append(try node(&item))
                }
                let node = Node.sequence(.init(items: items, mark: mark))
                remember(anchor, node)
                return node
            default:  // YAML_MAPPING_START_EVENT: the parser produces nothing else here
                let anchor = Self.text(event.data.mapping_start.anchor)
                var pairs: [(Node, Node)] = []
                while true {
                    var keyEvent = try next()
                    if keyEvent.type == YAML_MAPPING_END_EVENT {
                        yaml_event_delete(&keyEvent)
                        break
                    }
                    let key = try node(&keyEvent)
                    var valueEvent = try next()
                    pairs.append((key, try node(&valueEvent)))
                }
                try Self.checkDuplicates(pairs)
                let node = Node.mapping(.init(pairs: pairs, mark: mark))
                remember(anchor, node)
                return node
            }
        }

        mutating func remember(_ anchor: String?, _ node: Node) {
            if let anchor { anchors[anchor] = node }
        }

        /// Plain-text keys given twice; reported at the first of the alphabetically first one, as
        /// Yams did.
        static func checkDuplicates(_ pairs: [(Node, Node)]) throws(YAMLError) {
            var first: [String: Node.Mark] = [:]
            var twice: Set<String> = []
            for (key, _) in pairs {
                guard case .scalar(let s) = key else { continue }
                if first[s.string] == nil { first[s.string] = s.mark } else { twice.insert(s.string) }
            }
            let sorted = twice.sorted()
            if let name = sorted.first, let mark = first[name] { throw .duplicateKeys(sorted, mark: mark) }
        }

        func error() -> YAMLError {
            let p = parser.pointee
            let problem = Self.text(p.problem) ?? "unknown problem"
            if p.error == YAML_READER_ERROR || p.error == YAML_MEMORY_ERROR { return .reader(problem: problem) }
            let context = Self.text(p.context).map { (text: $0, mark: Self.mark(p.context_mark)) }
            return .syntax(problem: problem, mark: Self.mark(p.problem_mark), context: context)
        }

        static func mark(_ m: yaml_mark_t) -> Node.Mark { Node.Mark(line: Int(m.line) + 1, column: Int(m.column) + 1) }

        static func text(_ pointer: UnsafePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }

        static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
