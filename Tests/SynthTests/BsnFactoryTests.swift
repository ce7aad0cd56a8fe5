import Model
import Testing

@testable import Synth

@Suite("BsnFactory")
struct BsnFactoryTests {
  @Test("the elfproef as model.md states it")
  func elfproef() {
    // 111222333: 1·9+1·8+1·7+2·6+2·5+2·4+3·3+3·2 = 69, minus the last digit 3 = 66 = 6·11.
    #expect(BsnFactory.passesElfproef("111222333"))
    // 111222334: 69 − 4 = 65, not divisible by 11.
    #expect(!BsnFactory.passesElfproef("111222334"))
    #expect(!BsnFactory.passesElfproef("11122233"))
    #expect(!BsnFactory.failingElfproef("111222333", shift: 0).isEmpty)
    #expect(!BsnFactory.passesElfproef(BsnFactory.failingElfproef("111222333", shift: 4)))
  }

  @Test("numbers pass the elfproef, are nine digits and never repeat")
  func unique() {
    let factory = BsnFactory(seed: 7)
    var seen = Set<String>()
    // Serials from three blocks: the first, and around the 10⁷ boundary of the next ones.
    let serials = Array(0..<20_000) + Array(9_990_000..<10_010_000) + Array(19_995_000..<20_005_000)
    for s in serials {
      let bsn = factory.bsn(serial: s)
      #expect(bsn.utf8.count == 9)
      #expect(BsnFactory.passesElfproef(bsn) && Bsn(bsn)?.passesElfproef == true)
      seen.insert(bsn)
    }
    #expect(seen.count == serials.count)
  }
}
