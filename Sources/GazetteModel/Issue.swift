/// One gazette issue (一期公报): `content/issues/<YYYY>-<NN>/issue.yaml`.
public struct Issue: Sendable, Identifiable, Encodable {
    /// `2023-01`: the folder name, also the URL slug.
    public var id: String
    public var year: Int
    /// 第1期.
    public var number: Int
    /// 总第9期.
    public var total: Int
    /// 印发日期: the date the issue was printed, also the 发布日期 of its documents.
    public var published: Day
    public var printedBy: String
    /// Section names (栏目) in the order of the table of contents.
    public var sections: [String]
    public var location: SourceLocation

    public init(id: String, year: Int, number: Int, total: Int, published: Day,
                printedBy: String, sections: [String], location: SourceLocation) {
        self.id = id
        self.year = year
        self.number = number
        self.total = total
        self.published = published
        self.printedBy = printedBy
        self.sections = sections
        self.location = location
    }

    /// `2023年第1期（总第9期）`, as printed on the cover and used in citations.
    public var label: String { "\(year)年第\(number)期（总第\(total)期）" }
}
