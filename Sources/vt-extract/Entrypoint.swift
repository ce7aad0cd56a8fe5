import Commands

@main
enum Entrypoint {
  static func main() { ExtractCommand.main() }
}
