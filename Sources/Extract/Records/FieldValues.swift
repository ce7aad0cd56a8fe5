/// The raw text of one record's fields by canonical field index, as a reader found them:
/// byte slices into the reader's own buffer (valid until it reads the next record).
///
/// A slice without a base address means the field is absent (no such column or attribute);
/// an empty slice with an address means present and empty. Multi-valued fields hold their
/// members joined with their field's `separators` byte; `preset` holds members already known as bits (the
/// Kenmerken rows of a Regas export, joined onto their registration).
final class FieldValues {
  let count: Int
  let slots: UnsafeMutablePointer<UnsafeRawBufferPointer>
  let preset: UnsafeMutablePointer<UInt64>
  let separators: UnsafeMutablePointer<UInt8>

  /// A non-nil address for present but empty values.
  nonisolated(unsafe) static let emptyAddress = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))

  init(count: Int, separator: UInt8) {
    self.count = count
    separators = .allocate(capacity: max(count, 1))
    separators.initialize(repeating: separator, count: max(count, 1))
    slots = .allocate(capacity: max(count, 1))
    slots.initialize(repeating: UnsafeRawBufferPointer(start: nil, count: 0), count: max(count, 1))
    preset = .allocate(capacity: max(count, 1))
    preset.initialize(repeating: 0, count: max(count, 1))
  }

  deinit {
    slots.deallocate()
    preset.deallocate()
    separators.deallocate()
  }

  /// The record's bsn as already decided by the reader (`EntityRowReader`), which then
  /// leaves the bsn field itself absent; nil when the bsn is read from its field.
  var bsn: BsnOutcome? = nil

  func clear() {
    for i in 0..<count {
      slots[i] = UnsafeRawBufferPointer(start: nil, count: 0)
      preset[i] = 0
    }
    bsn = nil
  }

  @inline(__always)
  func set(_ field: Int, _ bytes: UnsafeRawBufferPointer) {
    slots[field] =
      bytes.baseAddress == nil ? UnsafeRawBufferPointer(start: Self.emptyAddress, count: 0) : bytes
  }
}
