import Foundation

/// What the hand-overs between two threads (`ChunkQueue`, `HandOff`) share besides their
/// buffers: one condition, the end of the stream with the error that ended it, the
/// consumer's cancel and the producer's exit.
class StreamEnds {
  let condition = NSCondition()
  var finished = false
  var failure: Error?
  var cancelled = false
  private var producerDone = false

  /// Marks the end of the stream, with the error that ended it, if any.
  func finish(error: Error?) {
    condition.lock()
    finished = true
    failure = error
    condition.broadcast()
    condition.unlock()
  }

  /// True once the consumer cancelled (the producer stops at its next chance).
  var isCancelled: Bool {
    condition.lock()
    defer { condition.unlock() }
    return cancelled
  }

  /// Called by the producer thread as its last act.
  func producerExited() {
    condition.lock()
    producerDone = true
    condition.broadcast()
    condition.unlock()
  }

  /// Stops the producer (it may be blocked waiting for room) and waits until its thread has
  /// left the hand-over.
  func cancelAndWait() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    while !producerDone { condition.wait() }
    condition.unlock()
  }

  /// Waits until the producer thread has left the hand-over (after the end of the stream).
  func waitForProducer() {
    condition.lock()
    while !producerDone { condition.wait() }
    condition.unlock()
  }
}
