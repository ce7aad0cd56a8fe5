import Foundation

/// Batches handed from one producing thread to one consuming thread, in order: at most
/// `capacity` wait to be taken, and the consumer gives each emptied batch back for the
/// producer to fill again, so their buffers are allocated once, by the thread that fills
/// them. The values-typed sibling of `ChunkQueue` (which hands over raw byte buffers).
final class HandOff<Batch>: StreamEnds, @unchecked Sendable {
  private let capacity: Int
  private var waiting: [Batch] = []
  private var spares: [Batch] = []

  init(capacity: Int = 4) { self.capacity = capacity }

  // MARK: Producer side

  /// An emptied batch given back by the consumer, if any.
  func spare() -> Batch? {
    condition.lock()
    defer { condition.unlock() }
    return spares.popLast()
  }

  /// Hands `batch` over, waiting while `capacity` batches wait; false once the consumer
  /// cancelled (the producer stops).
  func put(_ batch: Batch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while waiting.count >= capacity && !cancelled { condition.wait() }
    if cancelled { return false }
    waiting.append(batch)
    condition.broadcast()
    return true
  }

  // MARK: Consumer side

  /// The next batch; nil at the end, or the error that ended the batches (after every batch
  /// handed over before it).
  func take() throws -> Batch? {
    condition.lock()
    defer { condition.unlock() }
    while waiting.isEmpty && !finished { condition.wait() }
    if !waiting.isEmpty {
      condition.broadcast()
      return waiting.removeFirst()
    }
    if let failure { throw failure }
    return nil
  }

  /// Gives an emptied batch back to the producer.
  func giveBack(_ batch: Batch) {
    condition.lock()
    spares.append(batch)
    condition.unlock()
  }

  /// The whole of a producer: fills batches one row at a time with `next` (false at the end
  /// of the rows), hands each over once it holds `rows` rows and the last one however full,
  /// then ends the stream, with the error `next` threw after the rows before it, and exits.
  /// Stops early when the consumer cancels. `empty` makes a batch when no spare is given back.
  func produce(
    rows: Int, empty: () -> Batch, count: (Batch) -> Int, _ next: (inout Batch) throws -> Bool
  ) {
    var batch = spare() ?? empty()
    var failure: Error? = nil
    do {
      while try next(&batch) {
        if count(batch) == rows {
          guard put(batch) else { break }
          batch = spare() ?? empty()
        }
      }
    } catch {
      failure = error
    }
    if count(batch) > 0 { _ = put(batch) }
    finish(error: failure)
    producerExited()
  }

  // MARK: Both

  /// Runs `produce` on a thread of its own (it ends with `finish` and `producerExited`) and
  /// `consume` on this thread with every batch it hands over, in order; `consume` returns the
  /// batch emptied, which is given back. Returns once the producer has exited; an error of
  /// `consume` first stops the producer and waits for it, then is rethrown, as is the error
  /// that ended the batches.
  func pump(_ produce: @escaping @Sendable (HandOff<Batch>) -> Void, _ consume: (Batch) throws -> Batch)
    throws
  {
    let thread = Thread { produce(self) }
    thread.stackSize = 1 << 22
    thread.start()
    do {
      while let batch = try take() { giveBack(try consume(batch)) }
    } catch {
      cancelAndWait()
      throw error
    }
    waitForProducer()
  }
}
