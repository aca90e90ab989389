import Dispatcher

/// One call in flight.
struct CallRecord {
    var key: CallKey
    var arrival: Int64
    /// Holding time once answered.
    var holding: Int64
    var selection: Selection
    /// Bumped on every attempt, so replies and timers of an abandoned attempt are ignored.
    var attempt: UInt32
    /// Server of the current attempt.
    var server: Int32
    /// Whether the current attempt holds a channel (ringing or answered).
    var holdsChannel: Bool
    /// Arrived after the warm-up: counted in the statistics.
    var counted: Bool
}

/// Calls in flight in a flat array with a free list: no dictionary and no
/// allocation per call once the pool has grown to the peak number of calls.
struct CallPool {
    private(set) var records: [CallRecord] = []
    private var free: [Int32] = []

    mutating func insert(_ call: CallRecord) -> Int32 {
        if let i = self.free.popLast() {
            self.records[Int(i)] = call
            return i
        }
        self.records.append(call)
        return Int32(self.records.count - 1)
    }

    mutating func remove(_ i: Int32) {
        self.free.append(i)
    }

    subscript(i: Int32) -> CallRecord {
        _read { yield self.records[Int(i)] }
        _modify { yield &self.records[Int(i)] }
    }
}
