import Testing

@testable import Extract

@Suite struct TextCodecTests {
  func validate(_ bytes: [UInt8], final: Bool = true) -> (Int, Int?) {
    bytes.withUnsafeBufferPointer {
      let r = TextCodec.validateUTF8($0.baseAddress!, from: 0, to: bytes.count, final: final)
      return (r.validUpTo, r.invalidAt)
    }
  }

  @Test func validUTF8() {
    let s = Array("Zoë, Noël, één, €, 𝄞 — ASCII long enough for the fast path".utf8)
    #expect(validate(s) == (s.count, nil))
  }

  @Test func invalidSequences() {
    // A Windows-1252 é (0xE9) in UTF-8 text: a lead byte without continuation.
    #expect(validate(Array("caf".utf8) + [0xE9, 0x3B]) == (3, 3))
    // Overlong encoding of '/', a surrogate, a code point above U+10FFFF, a stray continuation.
    #expect(validate([0x41, 0xC0, 0xAF]).1 == 1)
    #expect(validate([0xED, 0xA0, 0x80]).1 == 0)
    #expect(validate([0xF4, 0x90, 0x80, 0x80]).1 == 0)
    #expect(validate([0x80]).1 == 0)
  }

  @Test func sequenceCutByAChunkWaitsUnlessFinal() {
    let euro: [UInt8] = [0xE2, 0x82, 0xAC]
    let bytes = Array("ab".utf8) + euro[0..<2]
    #expect(validate(bytes, final: false) == (2, nil))
    #expect(validate(bytes, final: true) == (2, 2))
  }

  @Test func windows1252Accents() {
    // é ë ï (0xE9 0xEB 0xEF), € (0x80), ‘ (0x91), ASCII.
    let input: [UInt8] = [0x4E, 0x6F, 0xEB, 0x6C, 0x20, 0xE9, 0xEF, 0x80, 0x91]
    var out = [UInt8](repeating: 0, count: input.count * 3)
    let (n, bad) = input.withUnsafeBytes { i in
      out.withUnsafeMutableBufferPointer { TextCodec.transcodeWindows1252(i, to: $0.baseAddress!) }
    }
    #expect(bad == nil)
    #expect(String(decoding: out[0..<n], as: UTF8.self) == "Noël éï€‘")
  }

  @Test func windows1252UndefinedByte() {
    let input: [UInt8] = [0x41, 0x81, 0x42]
    var out = [UInt8](repeating: 0, count: 9)
    let (n, bad) = input.withUnsafeBytes { i in
      out.withUnsafeMutableBufferPointer { TextCodec.transcodeWindows1252(i, to: $0.baseAddress!) }
    }
    #expect(n == 1)
    #expect(bad == 1)
  }
}
