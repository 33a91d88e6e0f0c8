import GazetteModel

extension Committee {
    /// Decodes `committees/<id>.yaml`; the id is the file name.
    static func decode(_ file: ContentFile, registry: DepartmentRegistry, diagnostics: inout Diagnostics) -> Committee? {
        let id = String(file.relativePath.split(separator: "/").last!.dropLast(5))
        guard Slug.isValid(id) else {
            diagnostics.error("文件名“\(id)”\(Slug.rule)（它会成为网址的一部分）",
                              at: SourceLocation(path: file.displayPath))
            return nil
        }
        guard let yaml = YAMLValue.parse(file.text, path: file.displayPath, firstLine: 1, diagnostics: &diagnostics),
              let map = YAMLMap(yaml, diagnostics: &diagnostics) else { return nil }
        defer { map.finish(diagnostics: &diagnostics) }
        let name = map.string("name", required: true, diagnostics: &diagnostics)
        let source = map.string("source", required: true, diagnostics: &diagnostics)
        let established = map.day("established", diagnostics: &diagnostics)
        let adjusted = map.day("adjusted", diagnostics: &diagnostics)
        var officeUnit: UnitReference?
        var officeHead: String?
        if let office = map.map("office", diagnostics: &diagnostics) {
            if let unit = office.string("unit", diagnostics: &diagnostics) {
                officeUnit = registry.resolve(unit)
                if officeUnit?.departmentID == nil {
                    diagnostics.warning("单位“\(unit)”不在 departments.yaml 中（名称或别名），将按原文显示", at: office.location(of: "unit"))
                }
            }
            officeHead = office.string("head", diagnostics: &diagnostics)
            office.finish(diagnostics: &diagnostics)
        }
        var liaison: CommitteeMember?
        if let item = map.map("liaison", diagnostics: &diagnostics) {
            liaison = member(item, defaultRole: "联络员", registry: registry, diagnostics: &diagnostics)
            item.finish(diagnostics: &diagnostics)
        }
        let duties = map.strings("duties", diagnostics: &diagnostics)
        let officeDuties = map.strings("office_duties", diagnostics: &diagnostics)
        let members = people("members", in: map, registry: registry, diagnostics: &diagnostics)
        let officeMembers = people("office_members", in: map, registry: registry, diagnostics: &diagnostics)
        guard let name, let source else { return nil }
        return Committee(id: id, name: name, source: source, sourceDocumentID: nil, established: established,
                         adjusted: adjusted, officeUnit: officeUnit, officeHead: officeHead, liaison: liaison,
                         duties: duties, officeDuties: officeDuties, members: members, officeMembers: officeMembers,
                         location: SourceLocation(path: file.displayPath))
    }

    private static func people(_ key: String, in map: YAMLMap, registry: DepartmentRegistry,
                               diagnostics: inout Diagnostics) -> [CommitteeMember] {
        var seen: Set<String> = []
        return map.maps(key, diagnostics: &diagnostics).compactMap { item in
            defer { item.finish(diagnostics: &diagnostics) }
            guard let person = member(item, defaultRole: nil, registry: registry, diagnostics: &diagnostics) else { return nil }
            if !seen.insert(person.name).inserted {
                diagnostics.warning("“\(person.name)”在 `\(key)` 中出现两次", at: item.location(of: "name"))
            }
            return person
        }
    }

    private static func member(_ item: YAMLMap, defaultRole: String?, registry: DepartmentRegistry,
                               diagnostics: inout Diagnostics) -> CommitteeMember? {
        let role = item.string("role", required: defaultRole == nil, diagnostics: &diagnostics) ?? defaultRole
        let name = item.string("name", required: true, diagnostics: &diagnostics)
        let post = item.string("post", diagnostics: &diagnostics) ?? ""
        guard let role, let name else { return nil }
        return CommitteeMember(role: role, name: name, post: post, departmentID: registry.unit(inPost: post))
    }
}
