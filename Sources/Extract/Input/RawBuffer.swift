/// Grows a raw byte buffer, by doubling, until `needed` bytes fit, keeping its first `used`
/// bytes: amortised constant time per byte appended. Shared by the arenas and scratch buffers
/// of the readers, the id tables and the spool.
@inline(__always)
func growRawBuffer(
  _ buffer: inout UnsafeMutableRawPointer, capacity: inout Int, used: Int, needed: Int,
  alignment: Int
) {
  guard needed > capacity else { return }
  var c = max(capacity * 2, 16)
  while needed > c { c *= 2 }
  let grown = UnsafeMutableRawPointer.allocate(byteCount: c, alignment: alignment)
  grown.copyMemory(from: buffer, byteCount: used)
  buffer.deallocate()
  buffer = grown
  capacity = c
}
