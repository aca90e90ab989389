import ArgumentParser
import Dispatcher
import Foundation

/// Reads a destination list (Kamailio `dispatcher.list` or a `dispatcher { }`
/// block) and turns a parse error into a message that names the file position.
func loadDestinationList(_ path: String) throws -> DestinationList {
    let text = try readInputFile(path)
    do {
        return try DestinationList(parsing: text, file: path)
    } catch {
        throw CommandError(error.description)
    }
}

/// The text of an input file, or a one-line error naming it.
func readInputFile(_ path: String) throws -> String {
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw CommandError("\(path): cannot read the file: \(error.localizedDescription)")
    }
}

extension Algorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .list(Algorithm.allCases.map(\.name)) }
}

/// A failure to report as one line, without the usage text ArgumentParser adds
/// to a `ValidationError`: the input was wrong, not the command line.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { self.description = message }
}
