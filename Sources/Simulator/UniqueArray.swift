/// A growable array that cannot be copied, for the simulator's hot loop.
///
/// An `Array` may share its storage with copies, so every write first checks
/// that the storage is unique, and every index is bounds-checked. The event
/// queue, the call pool and the balance integrals are written millions of times
/// a second and never copied; as a noncopyable type, this array has a single
/// owner, so writes need no check, and indexes (which the simulator derives
/// from its own counts) are checked in debug builds only.
struct UniqueArray<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        self.capacity = Swift.max(1, capacity)
        self.base = .allocate(capacity: self.capacity)
    }

    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        self.base.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit {
        self.base.deinitialize(count: self.count)
        self.base.deallocate()
    }

    var isEmpty: Bool { self.count == 0 }
    var indices: Range<Int> { 0..<self.count }

    subscript(i: Int) -> Element {
        unsafeAddress {
            assert(i >= 0 && i < self.count, "index out of range")
            return UnsafePointer(self.base + i)
        }
        unsafeMutableAddress {
            assert(i >= 0 && i < self.count, "index out of range")
            return self.base + i
        }
    }

    mutating func append(_ element: Element) {
        if self.count == self.capacity { self.reallocate(capacity: self.capacity * 2) }
        (self.base + self.count).initialize(to: element)
        self.count += 1
    }

    /// Removes and returns the last element; the array must not be empty.
    mutating func removeLast() -> Element {
        assert(self.count > 0, "removeLast on an empty array")
        self.count -= 1
        return (self.base + self.count).move()
    }

    mutating func popLast() -> Element? {
        self.isEmpty ? nil : self.removeLast()
    }

    /// The elements as a buffer, for loops that index them many times.
    mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: self.base, count: self.count))
    }

    func reduce<R>(_ initial: R, _ next: (R, Element) -> R) -> R {
        var result = initial
        for i in 0..<self.count { result = next(result, self.base[i]) }
        return result
    }

    private mutating func reallocate(capacity: Int) {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        grown.moveInitialize(from: self.base, count: self.count)
        self.base.deallocate()
        self.base = grown
        self.capacity = capacity
    }
}
