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

    /// A new call, before its selection and first attempt.
    init(key: CallKey, arrival: Int64, holding: Int64, counted: Bool) {
        self.key = key
        self.arrival = arrival
        self.holding = holding
        self.selection = Selection()
        self.attempt = 0
        self.server = -1
        self.holdsChannel = false
        self.counted = counted
    }
}

/// Calls in flight in a flat buffer with a free list: no dictionary and no
/// allocation per call once the pool has grown to the peak number of calls.
struct CallPool: ~Copyable {
    private var records = UniqueArray<CallRecord>(capacity: 64)
    private var free = UniqueArray<Int32>(capacity: 64)

    /// Places a new call and returns its index. A freed place keeps its old
    /// selection, so the core can select into it and reuse its storage.
    mutating func insert(key: CallKey, arrival: Int64, holding: Int64, counted: Bool) -> Int32 {
        guard let i = self.free.popLast() else {
            self.records.append(CallRecord(key: key, arrival: arrival, holding: holding, counted: counted))
            return Int32(self.records.count - 1)
        }
        let n = Int(i)
        self.records[n].key = key
        self.records[n].arrival = arrival
        self.records[n].holding = holding
        self.records[n].attempt = 0
        self.records[n].server = -1
        self.records[n].holdsChannel = false
        self.records[n].counted = counted
        return i
    }

    /// Frees the record's place for the next call; the record itself stays until then.
    mutating func remove(_ i: Int32) {
        self.free.append(i)
    }

    subscript(i: Int32) -> CallRecord {
        _read { yield self.records[Int(i)] }
        _modify { yield &self.records[Int(i)] }
    }
}
