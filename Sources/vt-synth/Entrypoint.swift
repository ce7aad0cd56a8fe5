import Commands

@main
enum Entrypoint {
  static func main() { SynthCommand.main() }
}
