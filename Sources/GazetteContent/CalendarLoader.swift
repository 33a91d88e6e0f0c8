import Foundation
import GazetteModel

/// Reads only the holiday calendar, for `site calendar`.
public enum CalendarLoader {
    public static func load(contentRoot: URL) -> (calendar: WorkCalendar, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let reader = TreeReader(root: contentRoot)
        let files = reader.files(in: "calendar", withExtension: "yaml").compactMap {
            reader.file("calendar/\($0)", required: true, diagnostics: &diagnostics)
        }
        if files.isEmpty {
            diagnostics.error("没有节假日安排文件（calendar/<年份>.yaml）", at: SourceLocation(path: reader.display("calendar")))
        }
        return (WorkCalendar.decode(files, diagnostics: &diagnostics), diagnostics)
    }
}
