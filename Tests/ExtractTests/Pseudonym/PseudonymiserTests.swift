import Crypto
import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

@Suite struct PseudonymiserTests {
  func pseudonym(key: [UInt8], _ message: String) -> String {
    Array(message.utf8).withUnsafeBytes { Pseudonymiser(key: key).pseudonym(digits: $0).hex }
  }

  /// RFC 4231 test vectors for HMAC-SHA256 (the first 128 bits, as the pseudonym keeps).
  @Test func rfc4231Vectors() {
    // Test case 1: key 0x0b × 20, "Hi There".
    #expect(pseudonym(key: [UInt8](repeating: 0x0B, count: 20), "Hi There") == "b0344c61d8db38535ca8afceaf0bf12b")
    // Test case 2: key "Jefe", "what do ya want for nothing?".
    #expect(pseudonym(key: Array("Jefe".utf8), "what do ya want for nothing?") == "5bdcc146bf60754e6a042426089575c7")
    // Test case 6: key 0xaa × 131 (longer than a block: hashed first).
    #expect(
      pseudonym(key: [UInt8](repeating: 0xAA, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First")
        == "60e431591ee0b67f0d8a26aacbf5b77f")
  }

  /// The fast path (BoringSSL's SHA-256 states copied) against swift-crypto's own
  /// `HMAC<SHA256>`: keys shorter than, equal to and longer than a block, empty and long
  /// messages.
  @Test func agreesWithSwiftCryptoHMAC() {
    for keyLength in [0, 1, 20, 32, 63, 64, 65, 131, 200] {
      let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      for message in ["", "1", "111222333", "123456782", String(repeating: "x", count: 200)] {
        let mac = HMAC<SHA256>.authenticationCode(
          for: Array(message.utf8), using: SymmetricKey(data: key))
        let expected = Array(mac).prefix(16).map { String(format: "%02x", $0) }.joined()
        #expect(pseudonym(key: key, message) == expected, "key \(keyLength) bytes")
      }
    }
  }

  @Test func bsnPseudonymIsTheHMACOfItsNineDigits() {
    let key = Array("a key of at least thirty-two bytes!!".utf8)
    let p = Pseudonymiser(key: key)
    let bsn = Bsn("111222333")!
    #expect(p.pseudonym(bsn).hex == pseudonym(key: key, "111222333"))
    // Stable for equal bsn's, different for another bsn or another key.
    #expect(p.pseudonym(bsn) == p.pseudonym(Bsn("111222333")!))
    #expect(p.pseudonym(bsn) != p.pseudonym(Bsn("123456782")!))
    #expect(Pseudonymiser(key: Array(key.reversed())).pseudonym(bsn) != p.pseudonym(bsn))
  }
}

@Suite struct PseudonymKeyTests {
  @Test func demoKeyWithoutTheVariable() throws {
    let k = try PseudonymKey.load(environment: [:], production: false)
    #expect(k.info.kind == "demo")
    #expect(k.info.fingerprint.count == 16)
  }

  @Test func productionRefusesTheDemoKey() {
    #expect {
      _ = try PseudonymKey.load(environment: [:], production: true)
    } throws: { error in
      guard let e = error as? PipelineError else { return false }
      return e.status == .config && e.message.contains("VT_PSEUDONYM_KEY_FILE")
    }
  }

  @Test func keyFileFormats() throws {
    let f = try Fixture()
    let raw = [UInt8](0..<40)
    let hex = raw.map { String(format: "%02x", $0) }.joined()
    try f.write("k.hex", hex.uppercased() + "\n")
    try f.write("k.b64", "base64:" + Data(raw).base64EncodedString() + "\n")
    try f.write("k.raw", bytes: raw)
    for name in ["k.hex", "k.b64", "k.raw"] {
      let k = try PseudonymKey.load(environment: ["VT_PSEUDONYM_KEY_FILE": f.root + "/" + name], production: true)
      #expect(k.bytes == raw, "\(name)")
      #expect(k.info.kind == "file")
    }
  }

  @Test func shortOrMissingKeyIsAConfigurationError() throws {
    let f = try Fixture()
    try f.write("short", String(repeating: "ab", count: 31))  // 31 bytes of hex
    for path in [f.root + "/short", f.root + "/absent"] {
      #expect {
        _ = try PseudonymKey.load(environment: ["VT_PSEUDONYM_KEY_FILE": path], production: false)
      } throws: { ($0 as? PipelineError)?.status == .config }
    }
  }
}
