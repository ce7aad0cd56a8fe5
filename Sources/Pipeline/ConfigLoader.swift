import Foundation
import Yams

/// Reads a versioned YAML configuration into a `Decodable` type.
///
/// Errors name the file and the key path (`pipelines/nog.yaml: sources[0].layout: missing`);
/// unknown keys are collected as warnings, not errors, so an older binary can read a newer
/// file's known part and say what it ignored.
public enum ConfigLoader {
  /// Decodes `T` from the YAML file at `path`; returns it with the warnings about unknown keys.
  public static func load<T: Decodable>(_ type: T.Type, from path: String) throws
    -> (value: T, warnings: [String])
  {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PipelineError.config("\(path): cannot be read (\(Self.reason(error)))")
    }
    return try decode(type, yaml: text, file: path)
  }

  /// Decodes `T` from YAML text; `file` names it in messages.
  public static func decode<T: Decodable>(_ type: T.Type, yaml: String, file: String)
    throws -> (value: T, warnings: [String])
  {
    let collector = ConfigWarnings()
    do {
      let value = try YAMLDecoder().decode(
        T.self, from: yaml, userInfo: [ConfigWarnings.key: collector])
      return (value, collector.messages.map { "\(file): \($0)" })
    } catch let error as DecodingError {
      // Yams wraps what a type's init(from:) throws, and YAML syntax errors, in dataCorrupted.
      if case .dataCorrupted(let context) = error, let underlying = context.underlyingError {
        if let value = underlying as? ConfigValueError {
          throw PipelineError.config("\(file): \(value.description)")
        }
        if let inner = underlying as? DecodingError {
          throw PipelineError.config("\(file): \(describe(inner))")
        }
        if let yaml = underlying as? YamlError {
          throw PipelineError.config("\(file): not valid YAML: \(yaml)")
        }
      }
      throw PipelineError.config("\(file): \(describe(error))")
    } catch let error as ConfigValueError {
      throw PipelineError.config("\(file): \(error.description)")
    } catch let error as YamlError {
      throw PipelineError.config("\(file): not valid YAML: \(error)")
    } catch {
      throw PipelineError.config("\(file): \(error)")
    }
  }

  /// `key.path[2].name`.
  public static func keyPath(_ path: [any CodingKey]) -> String {
    var out = ""
    for key in path {
      if let i = key.intValue {
        out += "[\(i)]"
      } else {
        if !out.isEmpty { out += "." }
        out += key.stringValue
      }
    }
    return out.isEmpty ? "(top level)" : out
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .keyNotFound(let key, let context):
      return "\(keyPath(context.codingPath + [key])): missing"
    case .typeMismatch(let type, let context):
      return "\(keyPath(context.codingPath)): expected \(typeName(type))"
    case .valueNotFound(let type, let context):
      return "\(keyPath(context.codingPath)): expected \(typeName(type)), found nothing"
    case .dataCorrupted(let context):
      // Yams wraps an error thrown while decoding (a value that decoded but is not
      // acceptable) as "not valid YAML": show the error itself, with its key path.
      if let inner = context.underlyingError as? ConfigValueError { return inner.description }
      if let inner = context.underlyingError as? DecodingError { return describe(inner) }
      return "\(keyPath(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }

  static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "text"
    case is Int.Type: "a whole number"
    case is Double.Type: "a number"
    case is Bool.Type: "true or false"
    default:
      switch "\(type)" {
      case let t where t.contains("Scalar"): "a single value"
      case let t where t.contains("Mapping") || t.contains("Dictionary"): "a mapping"
      case let t where t.contains("Sequence") || t.contains("Array"): "a list"
      case let t: t
      }
    }
  }

  static func reason(_ error: Error) -> String {
    (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
  }
}

/// A value that decoded but is not acceptable, with its key path.
public struct ConfigValueError: Error, CustomStringConvertible, Sendable {
  public let path: String
  public let message: String
  public init(_ codingPath: [any CodingKey], _ message: String) {
    path = ConfigLoader.keyPath(codingPath)
    self.message = message
  }
  public var description: String { "\(path): \(message)" }
}

/// Collects warnings while a configuration decodes (unknown keys).
public final class ConfigWarnings: @unchecked Sendable {
  public static let key = CodingUserInfoKey(rawValue: "vtcijfers.configWarnings")!
  private let lock = NSLock()
  private var list: [String] = []

  public init() {}

  public func add(_ message: String) {
    lock.lock()
    list.append(message)
    lock.unlock()
  }

  public var messages: [String] {
    lock.lock()
    defer { lock.unlock() }
    return list
  }
}

/// Any key of a mapping, to list the keys a YAML mapping really holds.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
  public let stringValue: String
  public let intValue: Int?
  public init(stringValue: String) {
    self.stringValue = stringValue
    intValue = nil
  }
  public init(intValue: Int) {
    stringValue = String(intValue)
    self.intValue = intValue
  }
}

extension Decoder {
  /// Warns about every key of the current mapping that `K` does not know.
  public func warnAboutUnknownKeys<K: CodingKey & CaseIterable>(_: K.Type) {
    guard let collector = userInfo[ConfigWarnings.key] as? ConfigWarnings,
      let all = try? container(keyedBy: AnyCodingKey.self)
    else { return }
    let known = Set(K.allCases.map(\.stringValue))
    for key in all.allKeys.map(\.stringValue).sorted() where !known.contains(key) {
      collector.add("\(ConfigLoader.keyPath(codingPath + [AnyCodingKey(stringValue: key)])): unknown key, ignored")
    }
  }
}
