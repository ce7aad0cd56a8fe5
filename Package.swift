// swift-tools-version:6.0
//
// vtcijfers: a staged batch ETL pipeline for the Veilig Thuis organisations.
// One library per stage, thin executables over them (see docs/architecture.md).
//
// Dependencies are kept lean, each one justified:
// - swift-argument-parser: the command layer (`Commands`) only.
// - swift-crypto: HMAC-SHA256 pseudonyms of the bsn (Extract) and SHA-256 checksums.
// - Yams: the YAML pipeline and layout configurations (Pipeline).
// System libraries: zlib (gzip), libxml2 (streaming XML), SQLite (the embedded store).
// One C file of our own (CFileSync): a C library function Swift cannot import.
import PackageDescription

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let package = Package(
  name: "vtcijfers",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "vt-extract", targets: ["vt-extract"]),
    .executable(name: "vt-transform", targets: ["vt-transform"]),
    .executable(name: "vt-load", targets: ["vt-load"]),
    .executable(name: "vt-emit", targets: ["vt-emit"]),
    .executable(name: "vt-synth", targets: ["vt-synth"]),
    .executable(name: "vt-bench", targets: ["vt-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // System libraries (Debian: zlib1g-dev, libxml2-dev, libsqlite3-dev).
    .systemLibrary(
      name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(
      name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),

    // Linux's sync_file_range, which Swift cannot see (declared only under _GNU_SOURCE).
    .target(name: "CFileSync"),

    // The model: plain values, no I/O.
    .target(name: "Model", exclude: ["README.md"]),
    // Configuration, reference data, hand-over formats, atomic publishing, logging.
    .target(
      name: "Pipeline",
      dependencies: [
        "Model", "CFileSync",
        .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["README.md"]),
    // The stages.
    .target(
      name: "Extract",
      dependencies: [
        "Model", "Pipeline", "CZlib", "CLibXML2",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["README.md"]),
    .target(name: "Transform", dependencies: ["Model", "Pipeline"], exclude: ["README.md"]),
    .target(name: "Load", dependencies: ["Model", "Pipeline", "CSQLite"], exclude: ["README.md"]),
    .target(
      name: "Emit",
      dependencies: [
        "Model", "Pipeline", "Load",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["README.md"]),
    .target(name: "Synth", dependencies: ["Model", "Pipeline", "CZlib"], exclude: ["README.md"]),
    // The benchmark harness behind `make bench` (vt-bench).
    .target(name: "Bench", dependencies: ["Model", "Pipeline"], exclude: ["README.md"]),
    // The command layer: the only module that imports ArgumentParser.
    .target(
      name: "Commands",
      dependencies: [
        "Model", "Pipeline", "Extract", "Transform", "Load", "Emit", "Synth", "Bench",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["README.md"]),

    // Thin executables, one per make stage.
    .executableTarget(name: "vt-extract", dependencies: ["Commands"]),
    .executableTarget(name: "vt-transform", dependencies: ["Commands"]),
    .executableTarget(name: "vt-load", dependencies: ["Commands"]),
    .executableTarget(name: "vt-emit", dependencies: ["Commands"]),
    .executableTarget(name: "vt-synth", dependencies: ["Commands"]),
    .executableTarget(name: "vt-bench", dependencies: ["Commands"]),

    // Tests mirror Sources.
    .testTarget(name: "ModelTests", dependencies: ["Model"]),
    .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Model"]),
    .testTarget(name: "ExtractTests", dependencies: ["Extract", "Pipeline", "Model"]),
    .testTarget(name: "TransformTests", dependencies: ["Transform", "Pipeline", "Model"]),
    .testTarget(name: "LoadTests", dependencies: ["Load", "Pipeline", "Model"]),
    .testTarget(
      name: "EmitTests", dependencies: ["Emit", "Load", "Pipeline", "Model"],
      exclude: ["Golden"]),
    .testTarget(name: "SynthTests", dependencies: ["Synth", "Pipeline", "Model"]),
    .testTarget(name: "EndToEndTests", dependencies: ["Model", "Pipeline"]),
  ]
)

// The libFuzzer harness of the extract readers, only when VT_FUZZ=1 (scripts/fuzz.sh builds
// it with `--sanitize fuzzer --sanitize address`; libFuzzer supplies `main`). Normal builds
// and `make test` never see it (Tests/Fuzz/README.md).
if let flag = getenv("VT_FUZZ"), String(cString: flag) == "1" {
  package.products.append(.executable(name: "vt-fuzz", targets: ["vt-fuzz"]))
  package.targets.append(.executableTarget(name: "vt-fuzz", dependencies: ["Extract"]))
}
