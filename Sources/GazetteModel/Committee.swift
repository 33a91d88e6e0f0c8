/// A person's place in a committee or its office.
public struct CommitteeMember: Sendable, Hashable, Encodable {
    /// 主任, 副组长, 成员, 工作人员 …
    public var role: String
    public var name: String
    /// The post as written (市财政局局长).
    public var post: String
    /// The unit the post names, when the registry knows it.
    public var departmentID: String?

    public init(role: String, name: String, post: String, departmentID: String?) {
        self.role = role
        self.name = name
        self.post = post
        self.departmentID = departmentID
    }
}

/// A leading group, committee or task force: `committees/<id>.yaml`.
public struct Committee: Sendable, Identifiable, Encodable {
    public var id: String
    public var name: String
    /// 发文字号 of the document that set it up or adjusted it.
    public var source: String
    public var sourceDocumentID: String?
    /// 成立日期, when the source founded it.
    public var established: Day?
    /// 调整日期, when the source adjusted an existing body.
    public var adjusted: Day?
    /// 办公室设在…
    public var officeUnit: UnitReference?
    /// 办公室主任.
    public var officeHead: String?
    /// 联络员.
    public var liaison: CommitteeMember?
    public var duties: [String]
    public var officeDuties: [String]
    public var members: [CommitteeMember]
    public var officeMembers: [CommitteeMember]
    public var location: SourceLocation

    public init(id: String, name: String, source: String, sourceDocumentID: String?, established: Day?,
                adjusted: Day?, officeUnit: UnitReference?, officeHead: String?, liaison: CommitteeMember?,
                duties: [String], officeDuties: [String], members: [CommitteeMember],
                officeMembers: [CommitteeMember], location: SourceLocation) {
        self.id = id
        self.name = name
        self.source = source
        self.sourceDocumentID = sourceDocumentID
        self.established = established
        self.adjusted = adjusted
        self.officeUnit = officeUnit
        self.officeHead = officeHead
        self.liaison = liaison
        self.duties = duties
        self.officeDuties = officeDuties
        self.members = members
        self.officeMembers = officeMembers
        self.location = location
    }

    /// The date to show: when it was set up or last adjusted.
    public var date: Day? { adjusted ?? established }
}
