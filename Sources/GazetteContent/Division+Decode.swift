import GazetteModel

extension Division {
    /// Decodes `leadership/<YYYY-MM-DD>.yaml`.
    static func decode(_ file: ContentFile, registry: DepartmentRegistry, diagnostics: inout Diagnostics) -> Division? {
        guard let yaml = YAMLValue.parse(file.text, path: file.displayPath, firstLine: 1, diagnostics: &diagnostics),
              let map = YAMLMap(yaml, diagnostics: &diagnostics) else { return nil }
        defer { map.finish(diagnostics: &diagnostics) }
        let source = map.string("source", required: true, diagnostics: &diagnostics)
        let effective = map.day("effective", required: true, diagnostics: &diagnostics)
        let stem = String(file.relativePath.split(separator: "/").last!.dropLast(5))
        if let effective, stem != effective.iso {
            diagnostics.error("文件名应为生效日期 \(effective.iso).yaml", at: map.location(of: "effective"))
        }
        var ids: Set<String> = []
        var decoded: [(leader: Leader, map: YAMLMap)] = []
        for item in map.maps("leaders", diagnostics: &diagnostics) {
            defer { item.finish(diagnostics: &diagnostics) }
            guard let leader = decodeLeader(item, registry: registry, diagnostics: &diagnostics) else { continue }
            guard ids.insert(leader.id).inserted else {
                diagnostics.error("领导 `id`“\(leader.id)”重复", at: item.location(of: "id"))
                continue
            }
            decoded.append((leader, item))
        }
        // References go both ways (A assists B, B is listed later), so check once all ids are known.
        for (leader, item) in decoded {
            for id in leader.assists where !ids.contains(id) {
                diagnostics.warning("`assists` 中的领导 id“\(id)”未在本文件中定义", at: item.location(of: "assists"))
            }
            for co in leader.coOversees where !ids.contains(co.with) {
                diagnostics.warning("`co_oversees` 中的领导 id“\(co.with)”未在本文件中定义", at: item.location(of: "co_oversees"))
            }
        }
        let leaders = decoded.map(\.leader)
        guard let source, let effective else { return nil }
        return Division(source: source, sourceDocumentID: nil, effective: effective, leaders: leaders,
                        location: SourceLocation(path: file.displayPath))
    }

    private static func decodeLeader(_ map: YAMLMap, registry: DepartmentRegistry,
                                     diagnostics: inout Diagnostics) -> Leader? {
        let id = map.string("id", required: true, diagnostics: &diagnostics)
        let name = map.string("name", required: true, diagnostics: &diagnostics)
        let post = map.string("post", required: true, diagnostics: &diagnostics)
        let duties = map.string("duties", diagnostics: &diagnostics) ?? ""
        let areas = map.strings("areas", diagnostics: &diagnostics)
        let presides = map.units("presides", registry: registry, diagnostics: &diagnostics)
        let oversees = map.units("oversees", registry: registry, diagnostics: &diagnostics)
        let coOversees = map.maps("co_oversees", diagnostics: &diagnostics).compactMap { item -> CoOversight? in
            defer { item.finish(diagnostics: &diagnostics) }
            let unit = item.string("unit", required: true, diagnostics: &diagnostics)
            let with = item.string("with", required: true, diagnostics: &diagnostics)
            let asWritten = item.string("as_written", diagnostics: &diagnostics)
            guard let unit, let with else { return nil }
            let reference = registry.resolve(unit)
            if reference.departmentID == nil {
                diagnostics.warning("单位“\(unit)”不在 departments.yaml 中（名称或别名），将按原文显示", at: item.location(of: "unit"))
            }
            return CoOversight(unit: reference, with: with, asWritten: asWritten)
        }
        let assists = map.strings("assists", diagnostics: &diagnostics)
        let liaises = map.units("liaises", registry: registry, diagnostics: &diagnostics)
        let other = map.string("other", diagnostics: &diagnostics)
        guard let id, let name, let post else { return nil }
        guard Slug.isValid(id) else {
            diagnostics.error("领导 `id`“\(id)”\(Slug.rule)（它会成为网址的一部分）", at: map.location(of: "id"))
            return nil
        }
        return Leader(id: id, name: name, post: post, duties: duties, areas: areas, presides: presides,
                      oversees: oversees, coOversees: coOversees, assists: assists, liaises: liaises,
                      other: other, location: map.location)
    }
}
