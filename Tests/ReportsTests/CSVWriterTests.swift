import Foundation
import Testing
import Reports

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("Fields are quoted only when RFC 4180 requires it", arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("crlf\r\n", "\"crlf\r\n\""),
        (" padded", "\" padded\""),
        ("sip:+15550000042@example.com;user=phone", "sip:+15550000042@example.com;user=phone"),
        ("ünïcode", "ünïcode"),
    ])
    func escaping(field: String, expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    @Test("A document has a header, one LF-terminated line per row, and typed fields")
    func document() throws {
        var csv = CSVWriter(header: ["algorithm", "answered", "blocking", "note"])
        try csv.appendRow(["round-robin", 9871, 0.0129, "ok"])
        try csv.appendRow([.text("hash, from"), .integer(-3), .number(1.0 / 3), .text("said \"no\"")])
        try csv.appendRow(["serial", 0, .number(.nan), ""])
        #expect(csv.text == """
            algorithm,answered,blocking,note
            round-robin,9871,0.0129,ok
            "hash, from",-3,0.333333,"said ""no\"\"\"
            serial,0,,

            """)
        #expect(csv.rowCount == 3)
    }

    @Test("A row with the wrong number of fields is refused, naming the columns")
    func wrongFieldCount() {
        var csv = CSVWriter(header: ["a", "b"])
        #expect(throws: CSVError.self) { try csv.appendRow(["only one"]) }
        do {
            try csv.appendRow(["1", "2", "3"])
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "expected 2 fields (a,b) in row 1, got 3")
        }
        #expect(csv.text == "a,b\n")
    }

    @Test("The number of decimal places is the writer's choice")
    func decimals() throws {
        var csv = CSVWriter(header: ["x"], decimals: 2)
        try csv.appendRow([.number(2.0 / 3)])
        #expect(csv.text == "x\n0.67\n")
    }

    @Test("A document is written to disk byte for byte")
    func writeFile() throws {
        var csv = CSVWriter(header: ["t", "state"])
        try csv.appendRow([1.5, "up"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-\(UUID().uuidString).csv").path
        try csv.write(toFile: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let back = try String(contentsOfFile: path, encoding: .utf8)
        #expect(back == "t,state\n1.5,up\n")
    }
}
