import Model

/// Monitoring follows an overdracht with monitoring, on or before its startdatum.
struct MonitoringWithoutOverdracht: QualityCheck {
  let id = "monitoring_zonder_overdracht"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.monitoring, .overdracht]
  let title = "Monitoring zonder voorafgaande overdracht met monitoring in de casus"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.monitoring.filter { m in
      guard let first = input.casussen.firstOverdrachtMetMonitoring[m.casusID] else { return true }
      return first > m.startdatum
    }.map { QualityFinding(.monitoring, $0.id) }
  }
}
