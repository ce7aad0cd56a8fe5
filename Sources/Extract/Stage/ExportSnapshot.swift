import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// What the files of an export folder looked like when the stage started: per regular file
/// its device, inode, size, modification and change time (to the nanosecond).
///
/// Taken before the first byte is read and compared once every file was read, before
/// anything is published. A file replaced (another inode), rewritten in place (size or
/// times), added or removed meanwhile means the records read may mix two deliveries: the
/// stage fails with exit 75 ("try again later") and publishes nothing. A file that only
/// changed after the comparison was read whole before it, so what is published is one
/// delivery; the next run sees the change (make tracks the folder's listing).
struct ExportSnapshot: Equatable {
  struct Entry: Equatable {
    var name: String
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: timespec
    var changed: timespec

    static func == (a: Entry, b: Entry) -> Bool {
      a.name == b.name && a.device == b.device && a.inode == b.inode && a.size == b.size
        && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
  }

  let path: String
  let entries: [Entry]

  /// The regular files of `folder` as they are now.
  init(_ folder: ExportFolder) throws {
    path = folder.path
    entries = try folder.names.map { try Self.entry(folder.path, $0) }
  }

  private static func entry(_ folder: String, _ name: String) throws -> Entry {
    var st = stat()
    guard stat(folder + "/" + name, &st) == 0 else {
      let e = errno
      throw PipelineError.inputChanged(
        "\(folder)/\(name): gone while the export was being read (\(String(cString: strerror(e)))); nothing published: is the export still being delivered? Try again when it is complete")
    }
    return Entry(
      name: name, device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
      modified: st.st_mtim, changed: st.st_ctim)
  }

  /// Fails (exit 75) unless the folder still holds the same files, unchanged.
  func verifyUnchanged() throws {
    let now = try ExportSnapshot(ExportFolder(path: path))
    guard now != self else { return }
    let before = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(now.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var what: [String] = []
    for e in entries {
      guard let n = after[e.name] else {
        what.append("\(e.name) was removed")
        continue
      }
      if n.inode != e.inode || n.device != e.device {
        what.append("\(e.name) was replaced by another file")
      } else if n.size != e.size {
        what.append("\(e.name) changed size (\(e.size) → \(n.size) bytes)")
      } else if n != e {
        what.append("\(e.name) was modified")
      }
    }
    for n in now.entries where before[n.name] == nil { what.append("\(n.name) was added") }
    throw PipelineError.inputChanged(
      "\(path): the export changed while it was being read (\(what.joined(separator: "; "))); nothing published: is the export still being delivered? Try again when it is complete")
  }
}
