import Crypto
import Model

/// Replaces a bsn by its keyed pseudonym: the first 128 bits of HMAC-SHA256(key, the nine
/// ASCII digits), computed with swift-crypto.
///
/// The fast path keeps the keyed state: the SHA-256 states after absorbing the inner and
/// outer padded key blocks (RFC 2104) are computed once, so each call only copies them, adds
/// the nine digits (inner) or the inner digest (outer) and finalises: two block compressions
/// and no key processing, through the concrete `SHA256` type (no generic `HMAC<H>` dispatch).
/// `HMACTests` proves it equal to `HMAC<SHA256>` for the same key.
public struct Pseudonymiser {
  private let inner: SHA256
  private let outer: SHA256

  /// A pseudonymiser for `key` (any length; HMAC hashes keys longer than a block).
  public init(key: [UInt8]) {
    var block = [UInt8](repeating: 0, count: 64)
    if key.count > 64 {
      let digest = Array(SHA256.hash(data: key))
      block.replaceSubrange(0..<digest.count, with: digest)
    } else {
      block.replaceSubrange(0..<key.count, with: key)
    }
    var inner = SHA256()
    var outer = SHA256()
    let ipad = block.map { $0 ^ 0x36 }
    let opad = block.map { $0 ^ 0x5C }
    ipad.withUnsafeBytes { inner.update(bufferPointer: $0) }
    opad.withUnsafeBytes { outer.update(bufferPointer: $0) }
    self.inner = inner
    self.outer = outer
  }

  /// The pseudonym of `bsn` (whether or not it passes the elfproef: the caller checks).
  @inline(__always)
  public func pseudonym(_ bsn: Bsn) -> Pseudonym {
    var h = inner
    bsn.withDigits { h.update(bufferPointer: $0) }
    let innerDigest = h.finalize()
    var o = outer
    innerDigest.withUnsafeBytes { o.update(bufferPointer: $0) }
    return o.finalize().withUnsafeBytes { Pseudonym(digest: $0) }
  }

  /// The pseudonym of nine ASCII digits given as bytes (benchmarks and tests).
  public func pseudonym(digits: UnsafeRawBufferPointer) -> Pseudonym {
    var h = inner
    h.update(bufferPointer: digits)
    let innerDigest = h.finalize()
    var o = outer
    innerDigest.withUnsafeBytes { o.update(bufferPointer: $0) }
    return o.finalize().withUnsafeBytes { Pseudonym(digest: $0) }
  }
}
