import GazetteModel

extension DepartmentRegistry {
    /// Decodes `departments.yaml`: a list of organisations with ids, names and aliases.
    static func decode(_ file: ContentFile?, diagnostics: inout Diagnostics) -> DepartmentRegistry {
        guard let file,
              let yaml = YAMLValue.parse(file.text, path: file.displayPath, firstLine: 1, diagnostics: &diagnostics)
        else { return DepartmentRegistry([]) }
        guard let items = yaml.node.sequence else {
            diagnostics.error("departments.yaml 应为单位列表（每项以 - 开头）", at: yaml.location)
            return DepartmentRegistry([])
        }
        var departments: [Department] = []
        var ids: Set<String> = []
        var names: [String: String] = [:]
        for node in items {
            guard let map = YAMLMap(yaml.child(node), context: "单位", diagnostics: &diagnostics) else { continue }
            defer { map.finish(diagnostics: &diagnostics) }
            let id = map.string("id", required: true, diagnostics: &diagnostics)
            let name = map.string("name", required: true, diagnostics: &diagnostics)
            let aliases = map.strings("aliases", diagnostics: &diagnostics)
            let kind = map.string("kind", diagnostics: &diagnostics)
            guard let id, let name else { continue }
            guard Slug.isValid(id) else {
                diagnostics.error("单位 `id`“\(id)”\(Slug.rule)", at: map.location(of: "id"))
                continue
            }
            guard ids.insert(id).inserted else {
                diagnostics.error("单位 `id`“\(id)”重复", at: map.location(of: "id"))
                continue
            }
            for n in [name] + aliases {
                if let other = names[n], other != id {
                    diagnostics.warning("名称“\(n)”同时属于单位 \(other) 和 \(id)，将归于 \(other)", at: map.location(of: "aliases"))
                }
                names[n] = names[n] ?? id
            }
            departments.append(Department(id: id, name: name, aliases: aliases, kind: kind,
                                          location: map.location))
        }
        return DepartmentRegistry(departments)
    }
}

extension YAMLMap {
    /// A list of unit names, each resolved through the registry; unknown names are warnings.
    func units(_ key: String, registry: DepartmentRegistry, diagnostics: inout Diagnostics) -> [UnitReference] {
        guard let list = child(key) else { return [] }
        let names = strings(key, diagnostics: &diagnostics)
        let nodes = list.node.sequence.map { Array($0) } ?? []
        return names.enumerated().map { index, name in
            let reference = registry.resolve(name)
            if reference.departmentID == nil {
                let at = index < nodes.count ? list.child(nodes[index]).location : list.location
                diagnostics.warning("单位“\(name)”不在 departments.yaml 中（名称或别名），将按原文显示", at: at)
            }
            return reference
        }
    }
}
