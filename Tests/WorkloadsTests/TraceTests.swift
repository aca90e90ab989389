import Testing
import Workloads

@Suite("Trace replay")
struct TraceTests {
    @Test("A trace with header, comments, blank lines and CRLF replays in start order with its durations")
    func replay() throws {
        let csv = "start,duration\r\n# recorded 2024-06-01\r\n0.5, 120\r\n\r\n0.25,30.5\r\n2,0\r\n"
        let process = try ArrivalProcess.loadTrace(csvText: csv, file: "calls.csv")
        #expect(process == .trace([TraceCall(start: 0.5, duration: 120), TraceCall(start: 0.25, duration: 30.5), TraceCall(start: 2, duration: 0)]))
        var generator = try ArrivalGenerator(process)
        var rng = RandomStream(seed: 1)
        var replayed: [Arrival] = []
        while let arrival = generator.nextArrival(using: &rng) { replayed.append(arrival) }
        #expect(replayed == [
            Arrival(time: 0.25, traceDuration: 30.5),
            Arrival(time: 0.5, traceDuration: 120),
            Arrival(time: 2, traceDuration: 0),
        ])
        #expect(process.expectedCount(from: 0, to: 1) == 2)
    }

    @Test("The header is optional")
    func noHeader() throws {
        let process = try ArrivalProcess.loadTrace(csvText: "1,2\n3,4", file: "t.csv")
        #expect(process == .trace([TraceCall(start: 1, duration: 2), TraceCall(start: 3, duration: 4)]))
    }

    @Test("Errors name the file, line and column, and say what was expected", arguments: [
        ("start,duration\n1,2\n3,abc\n", "t.csv:3:3: error: expected a non-negative number of seconds as the duration, found 'abc'"),
        ("1,2\n\n-4,2\n", "t.csv:3:1: error: expected a non-negative number of seconds as the start time, found '-4'"),
        ("1,2,3\n", "t.csv:1:5: error: expected 2 fields 'start,duration', found 3"),
        ("1\n", "t.csv:1:2: error: expected 2 fields 'start,duration', found 1"),
        ("1,2\nstart,duration\n", "t.csv:2:1: error: expected a non-negative number of seconds as the start time, found 'start'"),
        ("1, inf\n", "t.csv:1:4: error: expected a non-negative number of seconds as the duration, found 'inf'"),
        ("start,duration\n", "t.csv:2:1: error: expected at least one 'start,duration' row in the trace"),
    ])
    func errors(csv: String, message: String) {
        let error = failure { try ArrivalProcess.loadTrace(csvText: csv, file: "t.csv") }
        #expect(error?.description == message)
    }
}
