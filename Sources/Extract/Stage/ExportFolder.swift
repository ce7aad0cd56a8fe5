import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// The files of one source folder (`inputs/<region>/<folder>/`), in byte-wise order of
/// their names, and the layout's file patterns matched against them.
struct ExportFolder {
  let path: String
  /// Regular files, byte-wise ordered by name.
  let names: [String]
  /// Entries that are not regular files (folders), ignored with a warning.
  let others: [String]

  /// The files that may hold the export's peildatum.
  static let peildatumNames = ["peildatum", "peildatum.txt"]

  init(path: String) throws {
    self.path = path
    guard FileSystem.isDirectory(path) else {
      throw PipelineError.noInput("\(path): the export folder is missing")
    }
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      throw PipelineError.io("\(path): cannot be listed (\(error.localizedDescription))")
    }
    var names: [String] = []
    var others: [String] = []
    for e in entries {
      var st = stat()
      if stat(path + "/" + e, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG {
        names.append(e)
      } else {
        others.append(e)
      }
    }
    self.names = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    self.others = others.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
  }

  func file(_ name: String) -> String { path + "/" + name }

  /// The files matching `pattern` (an exact name or an fnmatch pattern) or the pattern with
  /// `.gz` appended, byte-wise ordered. A file present both plain and gzipped is refused:
  /// it would be read twice.
  func matching(_ pattern: String) throws -> [String] {
    var out: [String] = []
    for name in names {
      let base = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
      if fnmatch(pattern, name, 0) == 0 || (name.hasSuffix(".gz") && fnmatch(pattern, base, 0) == 0) {
        out.append(name)
      }
    }
    for name in out where name.hasSuffix(".gz") && out.contains(String(name.dropLast(3))) {
      throw PipelineError.unreadable(
        "\(path): both \(name.dropLast(3)) and \(name) are present; remove one (the export would be read twice)")
    }
    return out
  }
}
