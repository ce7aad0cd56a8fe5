import Model

/// An overdracht with monitoring in a casus that has no monitoring record (yet).
struct OverdrachtMonitoringWithoutMonitoring: QualityCheck {
  let id = "overdracht_met_monitoring_zonder_monitoring"
  let severity = QualitySeverity.waarschuwing
  let entities: [Entity] = [.overdracht, .monitoring]
  let title = "Overdracht met monitoring in een casus zonder monitoring"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.overdrachten.filter {
      $0.monitoring && !input.casussen.withMonitoring.contains($0.casusID)
    }.map { QualityFinding(.overdracht, $0.id) }
  }
}
