/// One algorithm's replications, the unit that the mean and ci95 rows and the
/// terminal table summarise.
///
/// Reports group by algorithm in the order algorithms first appear in the run
/// (the scenario's order), not alphabetically: the reader compares them in the
/// order they chose. Within a group, replications are ordered by number; the
/// sort is stable, so the output never depends on anything but the input.
struct AlgorithmGroup {
    var algorithm: String
    var replications: [ReplicationReport]

    /// A measurement across this group's replications: the mean and the 95%
    /// half-width from Student's t with n − 1 degrees of freedom, where n counts
    /// only the replications that have the value. `value` returns nil (or NaN)
    /// for a replication without one, e.g. no fault was detected; such a
    /// replication is left out rather than counted as zero, which would drag
    /// the mean towards an instant detection that never happened.
    func statistics(_ value: (SummaryMetrics) -> Double?) -> MeanWithConfidence {
        let values = self.replications.compactMap { replication -> Double? in
            guard let v = value(replication.summary), !v.isNaN else { return nil }
            return v
        }
        return Statistics.summary(values)
    }
}

extension RunReport {
    /// The replications grouped by algorithm, in first-appearance order, each
    /// group's replications ordered by replication number.
    var algorithmGroups: [AlgorithmGroup] {
        var groups: [AlgorithmGroup] = []
        var indexByAlgorithm: [String: Int] = [:]
        for replication in self.replications {
            if let index = indexByAlgorithm[replication.algorithm] {
                groups[index].replications.append(replication)
            } else {
                indexByAlgorithm[replication.algorithm] = groups.count
                groups.append(AlgorithmGroup(algorithm: replication.algorithm, replications: [replication]))
            }
        }
        for index in groups.indices {
            groups[index].replications = groups[index].replications.stableSorted { $0.replication < $1.replication }
        }
        return groups
    }
}
