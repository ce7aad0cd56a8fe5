import Crypto
import Foundation
import Pipeline

/// The key of the pseudonyms: from the file named by `VT_PSEUDONYM_KEY_FILE`, or the
/// built-in demo key (sample runs only, labelled `demo` in `index.json`).
///
/// Accepted file contents (surrounding white space ignored): 64 or more hexadecimal digits
/// (32+ bytes), `base64:` followed by base64 of 32+ bytes, or any other content of 32+ bytes
/// taken as the key bytes themselves. A shorter key is refused (exit 78): a pseudonym is
/// only as safe as the key behind it.
public struct PseudonymKey: Sendable {
  /// The environment variable naming the key file.
  public static let environmentVariable = "VT_PSEUDONYM_KEY_FILE"
  /// The shortest key accepted, in bytes (256 bits).
  public static let minimumBytes = 32

  public let bytes: [UInt8]
  public let info: PseudonymKeyInfo

  /// The demo key: fixed, public, and labelled as such wherever its pseudonyms go.
  public static let demo: PseudonymKey = {
    let bytes = Array(SHA256.hash(data: Array("vtcijfers demo pseudonym key: sample runs only".utf8)))
    return PseudonymKey(bytes: bytes, kind: "demo")
  }()

  init(bytes: [UInt8], kind: String) {
    self.bytes = bytes
    let fingerprint = Hex.string(SHA256.hash(data: bytes)).prefix(16)
    info = PseudonymKeyInfo(kind: kind, fingerprint: String(fingerprint))
  }

  /// The key of this run: the file of `VT_PSEUDONYM_KEY_FILE` when set, else the demo key,
  /// which a production run refuses (exit 78).
  public static func load(environment: [String: String], production: Bool) throws
    -> PseudonymKey
  {
    guard let path = environment[environmentVariable], !path.isEmpty else {
      if production {
        throw PipelineError.config(
          "--production needs a real pseudonym key: set \(environmentVariable) to the path of a file holding at least \(minimumBytes) bytes of key (docs/layouts.md, \"Pseudonym key\"); refusing to run with the demo key")
      }
      return demo
    }
    return try load(file: path)
  }

  /// Reads a key file (formats above).
  public static func load(file path: String) throws -> PseudonymKey {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError.config("\(environmentVariable)=\(path): the key file cannot be read")
    }
    let raw = [UInt8](data)
    let text = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    var key: [UInt8]
    if text.hasPrefix("base64:") {
      guard let decoded = Data(base64Encoded: String(text.dropFirst(7))) else {
        throw PipelineError.config("\(environmentVariable)=\(path): \"base64:\" is not followed by valid base64")
      }
      key = [UInt8](decoded)
    } else if !text.isEmpty, text.utf8.allSatisfy({ $0 < 0x80 && ($0 as UInt8).isHexDigit }),
      let decoded = Hex.bytes(text)
    {
      key = decoded
    } else {
      key = raw
    }
    guard key.count >= minimumBytes else {
      throw PipelineError.config(
        "\(environmentVariable)=\(path): the key has \(key.count) bytes; at least \(minimumBytes) are needed")
    }
    return PseudonymKey(bytes: key, kind: "file")
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x61...0x66).contains(self) || (0x41...0x46).contains(self)
  }
}
