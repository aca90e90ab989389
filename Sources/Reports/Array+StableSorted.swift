extension Array {
    /// Sorted by `areInIncreasingOrder`, keeping equal elements in their original
    /// order. The standard library's sort is not documented as stable, and row
    /// order must be a function of the input alone.
    func stableSorted(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        let order = self.indices.sorted { a, b in
            if areInIncreasingOrder(self[a], self[b]) { return true }
            if areInIncreasingOrder(self[b], self[a]) { return false }
            return a < b
        }
        return order.map { self[$0] }
    }
}

extension Array {
    /// The elements ordered by `time`, equal times in their original order.
    /// Drivers record in time order already, so this is usually a linear check
    /// and a copy-free return; it guarantees the documented row order for a
    /// driver (such as live mode merging several sources) that does not.
    func inTimeOrder(_ time: (Element) -> Double) -> [Element] {
        let isOrdered = zip(self, self.dropFirst()).allSatisfy { time($0) <= time($1) }
        return isOrdered ? self : self.stableSorted { time($0) < time($1) }
    }
}
