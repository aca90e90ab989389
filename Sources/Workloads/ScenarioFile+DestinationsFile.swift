import Dispatcher

/// `destinations_file:` a Kamailio `dispatcher.list` or a `dispatcher { }` block
/// file, so a scenario can run the list a proxy already loads.
///
/// The file is read with the Dispatcher's own parser, so its errors point into
/// that file with the parser's words. Only the scenario's set is used. The
/// simulator needs each destination's channels, which a list does not normally
/// state: the `capacity` attribute gives them, else `maxload` (the limit the
/// proxy already enforces), else the entry is refused. Behaviour (answer delay,
/// cps, errors) comes from `destination_defaults`.
extension ScenarioReader {
    func destinationsFile(_ node: ScenarioNode, setID: Int, defaults: Behaviour) throws(ScenarioError) -> [DestinationModel] {
        let (text, path) = try self.inputs.read(node)
        let list: DestinationList
        do {
            list = try DestinationList(parsing: text, file: path)
        } catch {
            throw ScenarioError(error.message, at: error.location)
        }
        let entries = list.entries.filter { $0.setID == setID }
        guard !entries.isEmpty else {
            let sets = list.setIDs.map(String.init).joined(separator: ", ")
            throw node.error("expected destinations in set \(setID) (the scenario's `set`) in '\(path)', which has \(sets.isEmpty ? "none" : "sets \(sets)")")
        }
        var models: [DestinationModel] = []
        for var spec in entries {
            let fallback = SourceLocation(file: path, line: 1, column: 1)
            let capacity: Int
            if let given = spec.attributes.capacity {
                capacity = given
            } else if spec.attributes.maxload > 0 {
                capacity = spec.attributes.maxload
            } else {
                throw ScenarioError("expected a capacity=N (or maxload=N) attribute for \(spec.uri): the simulator needs the concurrent calls it can hold",
                                    at: spec.location ?? fallback)
            }
            spec.attributes.capacity = capacity
            spec.attributes.body = spec.attributes.fieldsText
            models.append(DestinationModel(
                spec: spec, name: spec.attributes.duid ?? Self.host(of: spec.uri), capacity: capacity,
                callsPerSecond: defaults.callsPerSecond, answerDelay: defaults.answerDelay,
                errorRatio: defaults.errorRatio, errorCode: defaults.errorCode))
        }
        return models
    }

    /// Refuses two destinations with one name (reports and fault targets could not
    /// tell them apart) or one core key (the dispatcher could not), pointing at the
    /// second entry: in the scenario file for inline ones, in their list otherwise.
    static func checkUnique(_ models: [DestinationModel], file: String) throws(ScenarioError) {
        var seen: [String: Int] = [:]
        for (index, model) in models.enumerated() {
            if let first = seen[model.name] {
                let here = model.spec.location ?? SourceLocation(file: file, line: 1, column: 1)
                let there = models[first].spec.location.map { " at \($0)" } ?? ""
                throw ScenarioError("expected a unique name for each destination, but '\(model.name)' also names the destination\(there); give one an `id` (or a duid)", at: here)
            }
            seen[model.name] = index
        }
        do {
            try DestinationList(entries: models.map(\.spec)).validate()
        } catch {
            throw ScenarioError(error.message, at: error.location)
        }
    }
}
