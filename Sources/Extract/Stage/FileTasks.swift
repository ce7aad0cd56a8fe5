import Foundation

/// Runs the files of an export on two workers (this thread and one more), so that parsing
/// and validating use both cores (each file's inflating runs on its reader's own thread).
///
/// A task that reads a betrokkene, dienst, overdracht or monitoring file waits until every
/// melding file is done: references resolve against the accepted meldingen. Tasks are taken
/// in their order; each has its own `Lane`, so the outputs do not depend on which worker ran
/// what. After a failure no new task starts, and the failure of the earliest task is thrown.
final class FileTasks: @unchecked Sendable {
  struct Task: Sendable {
    let order: Int
    /// Reads meldingen: tasks with `needsMeldingen` wait for it.
    let readsMeldingen: Bool
    let needsMeldingen: Bool
    let work: @Sendable () throws -> Void
  }

  private let condition = NSCondition()
  private var pending: [Task]
  private var meldingTasksLeft: Int
  private var running = 0
  private var failures: [(order: Int, error: Error)] = []

  private init(_ tasks: [Task]) {
    pending = tasks
    meldingTasksLeft = tasks.filter(\.readsMeldingen).count
  }

  /// Runs `tasks` on `workers` threads (1 = on this thread only).
  static func run(_ tasks: [Task], workers: Int = 2) throws {
    let state = FileTasks(tasks)
    let done = DispatchSemaphore(value: 0)
    let extra = max(0, min(workers, tasks.count) - 1)
    for _ in 0..<extra {
      let t = Thread {
        state.work()
        done.signal()
      }
      t.stackSize = 1 << 22
      t.start()
    }
    state.work()
    for _ in 0..<extra { done.wait() }
    if let first = state.failures.min(by: { $0.order < $1.order }) { throw first.error }
  }

  private func work() {
    while let task = take() {
      do {
        try task.work()
        finish(task, nil)
      } catch {
        finish(task, error)
      }
    }
  }

  /// The next runnable task; nil when none is left (or after a failure).
  private func take() -> Task? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if !failures.isEmpty || pending.isEmpty { return nil }
      if let i = pending.firstIndex(where: { !$0.needsMeldingen || meldingTasksLeft == 0 }) {
        running += 1
        return pending.remove(at: i)
      }
      condition.wait()
    }
  }

  private func finish(_ task: Task, _ error: Error?) {
    condition.lock()
    running -= 1
    if task.readsMeldingen { meldingTasksLeft -= 1 }
    if let error { failures.append((task.order, error)) }
    condition.broadcast()
    condition.unlock()
  }
}
