// swift-crypto's own BoringSSL (the module its `Crypto` is built on, pinned with it in
// Package.resolved): its C SHA-256 keeps the state in a plain struct on the stack.
import CCryptoBoringSSL
import Model

/// Replaces a bsn by its keyed pseudonym: the first 128 bits of HMAC-SHA256(key, the nine
/// ASCII digits), computed with swift-crypto's BoringSSL.
///
/// The fast path keeps the keyed state: the SHA-256 states after absorbing the inner and
/// outer padded key blocks (RFC 2104) are computed once, so each call only copies them (two
/// plain structs on the stack: no allocation, unlike the `SHA256` type, whose context is a
/// class copied on every update and finalisation), adds the nine digits (inner) or the inner
/// digest (outer) and finalises: two block compressions and no key processing.
/// `PseudonymiserTests` proves it equal to `HMAC<SHA256>` and to the RFC 4231 vectors.
public struct Pseudonymiser: Sendable {
  private let inner: SHA256_CTX
  private let outer: SHA256_CTX

  /// A pseudonymiser for `key` (any length; HMAC hashes keys longer than a block).
  public init(key: [UInt8]) {
    var block = [UInt8](repeating: 0, count: 64)
    if key.count > 64 {
      var ctx = SHA256_CTX()
      CCryptoBoringSSL_SHA256_Init(&ctx)
      key.withUnsafeBytes { _ = CCryptoBoringSSL_SHA256_Update(&ctx, $0.baseAddress, $0.count) }
      block.withUnsafeMutableBufferPointer { _ = CCryptoBoringSSL_SHA256_Final($0.baseAddress!, &ctx) }
    } else {
      block.replaceSubrange(0..<key.count, with: key)
    }
    var inner = SHA256_CTX()
    var outer = SHA256_CTX()
    CCryptoBoringSSL_SHA256_Init(&inner)
    CCryptoBoringSSL_SHA256_Init(&outer)
    let ipad = block.map { $0 ^ 0x36 }
    let opad = block.map { $0 ^ 0x5C }
    ipad.withUnsafeBytes { _ = CCryptoBoringSSL_SHA256_Update(&inner, $0.baseAddress, $0.count) }
    opad.withUnsafeBytes { _ = CCryptoBoringSSL_SHA256_Update(&outer, $0.baseAddress, $0.count) }
    self.inner = inner
    self.outer = outer
  }

  /// The pseudonym of `bsn` (whether or not it passes the elfproef: the caller checks).
  @inline(__always)
  public func pseudonym(_ bsn: Bsn) -> Pseudonym {
    bsn.withDigits { pseudonym(digits: $0) }
  }

  /// The pseudonym of nine ASCII digits given as bytes (any length is hashed as given).
  @inline(__always)
  public func pseudonym(digits: UnsafeRawBufferPointer) -> Pseudonym {
    // 32 bytes: the inner digest, then the outer one.
    var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &digest) { d in
      let out = d.baseAddress!.assumingMemoryBound(to: UInt8.self)
      var h = inner
      CCryptoBoringSSL_SHA256_Update(&h, digits.baseAddress, digits.count)
      CCryptoBoringSSL_SHA256_Final(out, &h)
      var o = outer
      CCryptoBoringSSL_SHA256_Update(&o, out, 32)
      CCryptoBoringSSL_SHA256_Final(out, &o)
      return Pseudonym(digest: UnsafeRawBufferPointer(d))
    }
  }
}
