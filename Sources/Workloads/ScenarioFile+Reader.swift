import Dispatcher

/// What reading one scenario file needs besides the node at hand: where referenced
/// files are, and the values later sections are checked against (the run's
/// duration for fault times, the destinations for fault targets).
struct ScenarioReader {
    let inputs: ScenarioInputs
    /// The simulated time, once read: faults must fall within it.
    var duration = TimeSpan.zero
}
