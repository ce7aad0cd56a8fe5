import Foundation
import Model

/// Runs the files of an export on two workers (this thread and one more), so that parsing
/// and validating use both cores (each file's inflating runs on its reader's own thread).
///
/// A task names the entity it reads and the entities it needs: it starts only when every task
/// reading those is done (a betrokkene, dienst, overdracht or monitoring file resolves its
/// references against the accepted meldingen; the Kenmerken rows are decided against the
/// accepted meldingen and adviezen). Tasks are taken in their order; each has its own `Lane`,
/// so the outputs do not depend on which worker ran what. After a failure no new task
/// starts, and the failure of the earliest task is thrown.
final class FileTasks: @unchecked Sendable {
  struct Task: Sendable {
    let order: Int
    /// The entity whose records the task reads, if any.
    let reads: Entity?
    /// Entities every task of which must be done before this one starts.
    let needs: Set<Entity>
    let work: @Sendable () throws -> Void
  }

  private let condition = NSCondition()
  private var pending: [Task]
  /// Per entity, its tasks not yet done.
  private var left: [Entity: Int] = [:]
  private var running = 0
  private var failures: [(order: Int, error: Error)] = []

  private init(_ tasks: [Task]) {
    pending = tasks
    for t in tasks { if let e = t.reads { left[e, default: 0] += 1 } }
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
      if let i = pending.firstIndex(where: { $0.needs.allSatisfy { left[$0, default: 0] == 0 } }) {
        running += 1
        return pending.remove(at: i)
      }
      condition.wait()
    }
  }

  private func finish(_ task: Task, _ error: Error?) {
    condition.lock()
    running -= 1
    if let e = task.reads { left[e, default: 0] -= 1 }
    if let error { failures.append((task.order, error)) }
    condition.broadcast()
    condition.unlock()
  }
}
