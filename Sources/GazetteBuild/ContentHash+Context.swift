import GazetteParallel
import GazetteRender

extension ContentHash {
    /// Adds a template context: dictionaries in sorted key order, so equal contexts hash equally.
    /// (Arrays are walked through `TemplateList`, as the template engine walks them.)
    mutating func add(context value: Any) {
        switch value {
        case let s as String: add(bytes: [0x73]); add(s)
        case let i as Int: add(bytes: [0x69]); add(word: UInt64(bitPattern: Int64(i)))
        case let b as Bool: add(bytes: [b ? 0x54 : 0x46])
        case let dict as [String: Any]:
            add(bytes: [0x7B])
            for key in dict.keys.sorted() { add(key); add(context: dict[key]!) }
            add(bytes: [0x7D])
        case let list as any TemplateList:
            add(bytes: [0x5B])
            list.forEachItem { add(context: $0) }
            add(bytes: [0x5D])
        default:
            add("?\(value)")
        }
    }
}
