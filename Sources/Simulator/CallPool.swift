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
///
/// The simulator touches a call's record several times per event, so the
/// buffer is a `ManagedBuffer` reached through a pointer: no copy-on-write
/// uniqueness check and no bounds check on each access, which an `Array` would
/// pay every time. Indexes come only from `insert`, so they are in range.
struct CallPool {
    private var buffer = Storage.make(capacity: 64)
    private var free: [Int32] = []

    /// Places a new call and returns its index. A freed place keeps its old
    /// selection, so the core can select into it and reuse its storage.
    mutating func insert(key: CallKey, arrival: Int64, holding: Int64, counted: Bool) -> Int32 {
        if let i = self.free.popLast() {
            let record = self.records + Int(i)
            record.pointee.key = key
            record.pointee.arrival = arrival
            record.pointee.holding = holding
            record.pointee.attempt = 0
            record.pointee.server = -1
            record.pointee.holdsChannel = false
            record.pointee.counted = counted
            return i
        }
        if self.buffer.header == self.buffer.capacity { self.grow() }
        let i = self.buffer.header
        (self.records + i).initialize(to: CallRecord(key: key, arrival: arrival, holding: holding, counted: counted))
        self.buffer.header = i + 1
        return Int32(i)
    }

    /// Frees the record's place for the next call; the record itself stays until then.
    mutating func remove(_ i: Int32) {
        self.free.append(i)
    }

    subscript(i: Int32) -> CallRecord {
        unsafeAddress {
            assert(Int(i) < self.buffer.header, "call index out of range")
            return UnsafePointer(self.records + Int(i))
        }
        nonmutating unsafeMutableAddress {
            assert(Int(i) < self.buffer.header, "call index out of range")
            return self.records + Int(i)
        }
    }

    /// The first record. The pointer stays valid while `buffer` is this storage:
    /// the pool owns it, and only `grow` replaces it.
    private var records: UnsafeMutablePointer<CallRecord> {
        self.buffer.withUnsafeMutablePointerToElements { $0 }
    }

    private mutating func grow() {
        let count = self.buffer.header
        let grown = Storage.make(capacity: count * 2)
        grown.withUnsafeMutablePointerToElements { target in
            self.buffer.withUnsafeMutablePointerToElements { source in
                target.moveInitialize(from: source, count: count)
            }
        }
        grown.header = count
        self.buffer.header = 0
        self.buffer = grown
    }

    /// The records; the header counts the initialised ones.
    private final class Storage: ManagedBuffer<Int, CallRecord> {
        static func make(capacity: Int) -> Storage {
            // The class method returns the dynamic subclass; the cast cannot fail.
            unsafeDowncast(Storage.create(minimumCapacity: capacity) { _ in 0 }, to: Storage.self)
        }

        deinit {
            _ = self.withUnsafeMutablePointers { count, records in records.deinitialize(count: count.pointee) }
        }
    }
}
