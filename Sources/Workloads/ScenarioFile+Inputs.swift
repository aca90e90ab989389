import Dispatcher
import Foundation

/// The files a scenario refers to (destination lists, traces, empirical values),
/// found relative to the scenario file's directory so that a scenario and its
/// list can move together.
struct ScenarioInputs {
    /// The scenario file, as errors print it.
    let file: String
    /// The directory relative paths are resolved against.
    let baseDirectory: String

    /// `relative` resolved against the base directory; absolute paths stay as they are.
    func path(for relative: String) -> String {
        if relative.hasPrefix("/") || self.baseDirectory.isEmpty { return relative }
        return self.baseDirectory.hasSuffix("/") ? self.baseDirectory + relative : "\(self.baseDirectory)/\(relative)"
    }

    /// Reads the file named by `node` (a path scalar); errors point at the node.
    /// Returns the text and the path it was read from, which positions inside the
    /// file are reported against.
    func read(_ node: ScenarioNode) throws(ScenarioError) -> (text: String, path: String) {
        let name = try node.text("a file path (relative to the scenario's directory)")
        let path = self.path(for: name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw node.error("expected an existing file for `\(node.path)`, but '\(path)' does not exist")
        }
        do {
            return (try String(contentsOfFile: path, encoding: .utf8), path)
        } catch {
            throw node.error("expected a readable UTF-8 file for `\(node.path)`, but '\(path)' cannot be read: \(error.localizedDescription)")
        }
    }
}
