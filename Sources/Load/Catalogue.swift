import Model

/// Writes the catalogue the figures were counted by (measures, dimensions and their
/// categories) into a database being built, so the file explains itself to `sqlite3` users
/// and the aggregate rows' keys are checked against it.
enum Catalogue {
  static func insert(into db: SQLiteDatabase) throws {
    let measure = try db.prepare(
      """
      INSERT INTO measure (name, title, unit, source_kind, counting_date, distinct_casussen)
      VALUES (?, ?, ?, ?, ?, ?)
      """)
    for m in Measures.all {
      try measure.run([
        .text(m.name), .text(m.title), .text(m.unit), .text(m.source.rawValue),
        .text(m.countingDate), .integer(m.countsDistinctCasussen ? 1 : 0),
      ])
    }
    let dimension = try db.prepare(
      "INSERT INTO dimension (name, title, multi_valued) VALUES (?, ?, ?)")
    let category = try db.prepare("INSERT INTO category (dimension, code, title) VALUES (?, ?, ?)")
    for d in Dimension.all {
      try dimension.run([.text(d.name), .text(d.title), .integer(d.isMultiValued ? 1 : 0)])
      for (code, title) in zip(d.categories, d.categoryTitles) {
        try category.run([.text(d.name), .text(code), .text(title)])
      }
    }
  }
}
