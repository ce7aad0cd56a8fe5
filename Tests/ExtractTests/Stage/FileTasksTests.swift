import Foundation
import Model
import Testing

@testable import Extract

/// The order `FileTasks` keeps: a task starts only when every task reading an entity it needs
/// is done, whichever worker runs what.
@Suite struct FileTasksTests {
  @Test(arguments: [1, 2, 3])
  func aTaskWaitsForEveryTaskOfWhatItNeeds(workers: Int) throws {
    for _ in 0..<20 {
      let events = LockedList()
      func task(_ order: Int, _ name: String, reads: Entity?, needs: Set<Entity>, pause: Double = 0)
        -> FileTasks.Task
      {
        FileTasks.Task(order: order, reads: reads, needs: needs) {
          events.add("start \(name)")
          if pause > 0 { Thread.sleep(forTimeInterval: pause) }
          events.add("end \(name)")
        }
      }
      try FileTasks.run(
        [
          task(0, "melding-1", reads: .melding, needs: [], pause: 0.002),
          task(1, "melding-2", reads: .melding, needs: [], pause: 0.001),
          task(2, "advies", reads: .advies, needs: [], pause: 0.003),
          task(3, "betrokkene", reads: .betrokkene, needs: [.melding]),
          task(4, "kenmerken", reads: nil, needs: [.melding, .advies]),
          task(5, "activiteit", reads: .activiteit, needs: []),
        ], workers: workers)
      let e = events.all
      #expect(e.count == 12)
      func at(_ s: String) -> Int { e.firstIndex(of: s) ?? -1 }
      for done in ["end melding-1", "end melding-2"] {
        #expect(at(done) < at("start betrokkene"))
        #expect(at(done) < at("start kenmerken"))
      }
      #expect(at("end advies") < at("start kenmerken"))
      if workers == 1 {
        // One worker: the tasks in their order, each as soon as it may start.
        #expect(
          e.filter { $0.hasPrefix("start") } == [
            "start melding-1", "start melding-2", "start advies", "start betrokkene",
            "start kenmerken", "start activiteit",
          ])
      }
    }
  }

  @Test func theEarliestFailureIsThrownAndNoTaskStartsAfterIt() {
    struct Broken: Error, Equatable { let order: Int }
    let events = LockedList()
    #expect(throws: Broken(order: 1)) {
      try FileTasks.run(
        [
          FileTasks.Task(order: 0, reads: .melding, needs: []) { events.add("melding") },
          FileTasks.Task(order: 1, reads: .advies, needs: []) { throw Broken(order: 1) },
          FileTasks.Task(order: 2, reads: nil, needs: [.melding, .advies]) {
            events.add("kenmerken")
          },
        ], workers: 1)
    }
    #expect(events.all == ["melding"])
  }
}
