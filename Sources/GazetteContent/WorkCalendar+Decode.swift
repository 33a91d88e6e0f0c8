import GazetteModel

extension WorkCalendar {
    /// Decodes every `calendar/<YYYY>.yaml` into one calendar.
    static func decode(_ files: [ContentFile], diagnostics: inout Diagnostics) -> WorkCalendar {
        var holidays: [Holiday] = []
        var workdays: Set<Day> = []
        var years: [Int] = []
        for file in files {
            guard let yaml = YAMLValue.parse(file.text, path: file.displayPath, firstLine: 1, diagnostics: &diagnostics),
                  let map = YAMLMap(yaml, diagnostics: &diagnostics) else { continue }
            defer { map.finish(diagnostics: &diagnostics) }
            guard let year = map.int("year", required: true, range: 1949...2999, diagnostics: &diagnostics) else { continue }
            let stem = file.relativePath.split(separator: "/").last.map { String($0.dropLast(5)) } ?? ""
            if stem != String(year) {
                diagnostics.error("文件名应与 `year` 一致（\(year).yaml）", at: map.location(of: "year"))
                continue
            }
            _ = map.string("source", diagnostics: &diagnostics)
            years.append(year)
            for item in map.maps("holidays", diagnostics: &diagnostics) {
                defer { item.finish(diagnostics: &diagnostics) }
                let name = item.string("name", required: true, diagnostics: &diagnostics)
                let from = item.day("from", required: true, diagnostics: &diagnostics)
                let to = item.day("to", required: true, diagnostics: &diagnostics)
                guard let name, let from, let to else { continue }
                guard from <= to else {
                    diagnostics.error("假期“\(name)”的结束日期 \(to.iso) 早于开始日期 \(from.iso)", at: item.location(of: "to"))
                    continue
                }
                holidays.append(Holiday(name: name, from: from, to: to))
            }
            if let list = map.child("workdays"), let items = list.node.sequence {
                for node in items {
                    guard let day = list.child(node).day(named: "workdays", diagnostics: &diagnostics) else { continue }
                    if !day.isWeekend {
                        diagnostics.warning("调休上班日 \(day.iso) 本来就是工作日（不是周末）", at: list.child(node).location)
                    }
                    workdays.insert(day)
                }
            } else if let list = map.child("workdays"), !list.isNull {
                diagnostics.error("`workdays` 应为日期列表", at: list.location)
            }
        }
        return WorkCalendar(holidays: holidays, makeUpWorkdays: workdays, coveredYears: years)
    }
}
