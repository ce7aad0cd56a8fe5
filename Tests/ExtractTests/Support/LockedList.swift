import Foundation

/// Strings appended from several threads (what tasks did, what went wrong), read at the end.
final class LockedList: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []

  func add(_ s: String) {
    lock.lock()
    list.append(s)
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return list
  }
}
