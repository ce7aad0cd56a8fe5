// The libFuzzer entry point of the extract readers (built only with VT_FUZZ=1 and
// `--sanitize fuzzer`; see Tests/Fuzz/README.md). libFuzzer supplies `main`.
//
// Environment: VT_FUZZ_TARGET (csv-vt, csv-regas, csv-jb, xml, gzip), VT_FUZZ_REPO (the
// repository root; the current folder by default), VT_FUZZ_TMP (scratch; /dev/shm when it
// exists, else the temporary folder).
import Extract
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The harness, set up on the first input (libFuzzer calls from one thread).
nonisolated(unsafe) private var harness: ExtractFuzzHarness? = nil

private func say(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

private func makeHarness() -> ExtractFuzzHarness {
  let env = ProcessInfo.processInfo.environment
  let name = env["VT_FUZZ_TARGET"] ?? ""
  guard let target = ExtractFuzzTarget(rawValue: name) else {
    let known = ExtractFuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    say("vt-fuzz: set VT_FUZZ_TARGET to one of: \(known)")
    exit(64)
  }
  let repository = env["VT_FUZZ_REPO"] ?? FileManager.default.currentDirectoryPath
  let temporary =
    env["VT_FUZZ_TMP"]
    ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
  do {
    let h = try ExtractFuzzHarness(target: target, repository: repository, temporary: temporary)
    atexit { harness?.close() }
    return h
  } catch {
    say("vt-fuzz: cannot set up the \(name) harness: \(error)")
    exit(70)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let h = harness ?? makeHarness()
  harness = h
  let bytes = UnsafeRawBufferPointer(start: data.map(UnsafeRawPointer.init), count: data == nil ? 0 : size)
  if case .finding(let what) = h.run(bytes) {
    say("vt-fuzz: finding: \(what)")
    abort()
  }
  return 0
}
