import Foundation
@testable import GazetteSearch

/// A small site's worth of records covering what the engine must handle: document numbers with look-alike
/// brackets, phrases longer than the longest n-gram, Mongolian, title-only matches, several kinds and pages.
/// Tests/js/fixture/ holds the index built from them, so the browser code is tested on real index files.
enum IndexFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("js/fixture")

    static var records: [SearchRecord] {
        // Long enough that the last line falls on snippet page 3, which is a file of its own.
        let long = (1...100).map { "第\($0)条 各镇人民政府要加强组织领导，明确责任分工，确保各项任务落到实处。" }.joined(separator: "\n")
        return [
            SearchRecord(url: "documents/azbf-2023-9/", kind: "document",
                         title: "阿尔山市人民政府办公室关于印发《阿尔山市庭院经济发展实施方案》的通知",
                         number: "阿政办发〔2023〕9号", date: "2023-03-02", issue: "2023-01", issuer: "阿尔山市人民政府办公室",
                         text: "各镇人民政府、街道办事处，市直有关部门：\n现将《阿尔山市庭院经济发展实施方案》印发给你们，请认真贯彻落实。\n全市发展庭院经济工作要市级统筹、乡镇抓落实。"),
            SearchRecord(url: "documents/azf-2023-1/", kind: "document",
                         title: "阿尔山市人民政府关于开发公益性岗位的通知",
                         number: "阿政发〔2023〕1号", date: "2023-01-10", issue: "2023-01", issuer: "阿尔山市人民政府",
                         text: "为做好就业困难人员安置工作，市人民政府决定开发一批公益性岗位。\n公益性岗位人员由人力资源和社会保障局统一管理。\n参照阿政办发〔2023〕9号文件执行。"),
            SearchRecord(url: "interpretations/azbf-2023-9/", kind: "interpretation",
                         title: "《阿尔山市庭院经济发展实施方案》政策解读", number: "阿政办发〔2023〕9号",
                         date: "2023-03-02", issue: "2023-01", issuer: "阿尔山市人民政府办公室",
                         text: "一、起草依据\n依据有关规定起草。\n二、主要内容\n庭院经济是乡村振兴的重要抓手，医保政策同步衔接。"),
            SearchRecord(url: "documents/azf-2022-5/", kind: "document", title: "阿尔山市医疗保障工作要点",
                         number: "阿政发〔2022〕5号", date: "2022-06-01", issue: "2022-03", issuer: "阿尔山市人民政府",
                         text: "做好医保基金监管。\n医保，政策宣传要到位。\n" + long + "\n附：医保经办机构联系方式"),
            SearchRecord(url: "leaders/li-ming/", kind: "leader", title: "李明", date: nil, issue: nil,
                         issuer: "阿尔山市人民政府", text: "市长 负责市政府全面工作。ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ"),
            SearchRecord(url: "committees/yiwu-jiaoyu/", kind: "committee", title: "义务教育优质均衡发展工作领导小组",
                         date: nil, issue: nil, issuer: nil, text: "组长 李明\n成员单位：教育局、财政局。COVID-19 防控。"),
        ]
    }
}
