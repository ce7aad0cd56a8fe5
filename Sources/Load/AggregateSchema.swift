import Pipeline

/// The schema of `aggregates.sqlite`, as SQL migrations (`docs/aggregates.md`).
///
/// A migration is **never edited once shipped**: a change to the schema is a new migration at
/// the end of `migrations`. A database records its version in `PRAGMA user_version` and in
/// the table `schema_migration`; opening one applies the migrations it lacks, and a database
/// newer than this build is refused.
enum AggregateSchema {
  struct Migration {
    let version: Int
    let description: String
    let sql: String
  }

  /// The version this build writes.
  static var currentVersion: Int { migrations.last?.version ?? 0 }

  static let migrations: [Migration] = [
    Migration(
      version: 1,
      description: "aggregate, run, source_period, period, region, measure, dimension, category",
      sql: """
        CREATE TABLE schema_migration (
          version INTEGER PRIMARY KEY CHECK (version >= 1),
          description TEXT NOT NULL
        );

        -- The region (or the national roll-up) the database holds: exactly one row.
        CREATE TABLE region (
          singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
          name TEXT NOT NULL CHECK (length(name) > 0),
          title TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('region', 'rollup')),
          vtregio TEXT CHECK (
            (kind = 'region' AND vtregio GLOB 'VT[0-9][0-9]')
            OR (kind = 'rollup' AND vtregio IS NULL))
        );

        -- The catalogue the figures were counted by (measures.md), for readers of the file.
        CREATE TABLE measure (
          name TEXT NOT NULL PRIMARY KEY,
          title TEXT NOT NULL,
          unit TEXT NOT NULL,
          source_kind TEXT NOT NULL CHECK (source_kind IN ('veilig-thuis', 'jeugdbescherming')),
          counting_date TEXT NOT NULL,
          distinct_casussen INTEGER NOT NULL CHECK (distinct_casussen IN (0, 1))
        ) WITHOUT ROWID;

        CREATE TABLE dimension (
          name TEXT NOT NULL PRIMARY KEY,
          title TEXT NOT NULL,
          multi_valued INTEGER NOT NULL CHECK (multi_valued IN (0, 1))
        ) WITHOUT ROWID;

        CREATE TABLE category (
          dimension TEXT NOT NULL REFERENCES dimension (name),
          code TEXT NOT NULL,
          title TEXT NOT NULL,
          PRIMARY KEY (dimension, code)
        ) WITHOUT ROWID;

        -- One row per source export whose figures the database holds: the load that put them
        -- there. One source per kind and region.
        CREATE TABLE run (
          region TEXT NOT NULL,
          source TEXT NOT NULL CHECK (length(source) > 0),
          kind TEXT NOT NULL CHECK (kind IN ('veilig-thuis', 'jeugdbescherming')),
          organisation TEXT NOT NULL,
          layout TEXT NOT NULL,
          export_sha256 TEXT NOT NULL CHECK (length(export_sha256) = 64),
          facts_sha256 TEXT NOT NULL CHECK (length(facts_sha256) = 64),
          peildatum TEXT CHECK (
            peildatum IS NULL OR peildatum GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
          peildatum_source TEXT,
          pseudonym_key TEXT NOT NULL,
          pseudonym_key_fingerprint TEXT NOT NULL,
          row_count INTEGER NOT NULL CHECK (row_count >= 0),
          loaded_at TEXT NOT NULL,
          schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
          tool_version TEXT NOT NULL,
          PRIMARY KEY (region, source),
          UNIQUE (region, kind)
        ) WITHOUT ROWID;

        -- Every period a source has figures for, provisional when not yet closed on the
        -- export's peildatum.
        CREATE TABLE source_period (
          region TEXT NOT NULL,
          source TEXT NOT NULL,
          period TEXT NOT NULL CHECK (
            period GLOB '[0-9][0-9][0-9][0-9]JJ00'
            OR period GLOB '[0-9][0-9][0-9][0-9]HJ0[12]'
            OR period GLOB '[0-9][0-9][0-9][0-9]KW0[1-4]'
            OR period GLOB '[0-9][0-9][0-9][0-9]MM0[1-9]'
            OR period GLOB '[0-9][0-9][0-9][0-9]MM1[0-2]'),
          provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
          PRIMARY KEY (region, source, period),
          FOREIGN KEY (region, source) REFERENCES run (region, source)
        ) WITHOUT ROWID;

        -- A period is provisional when it is for any source that has figures for it.
        CREATE VIEW period AS
          SELECT period, max(provisional) AS provisional FROM source_period GROUP BY period;

        -- The exact counts (outputs.md §1): one row per non-zero cell; an absent key is 0.
        CREATE TABLE aggregate (
          measure TEXT NOT NULL REFERENCES measure (name),
          period TEXT NOT NULL CHECK (
            period GLOB '[0-9][0-9][0-9][0-9]JJ00'
            OR period GLOB '[0-9][0-9][0-9][0-9]HJ0[12]'
            OR period GLOB '[0-9][0-9][0-9][0-9]KW0[1-4]'
            OR period GLOB '[0-9][0-9][0-9][0-9]MM0[1-9]'
            OR period GLOB '[0-9][0-9][0-9][0-9]MM1[0-2]'),
          region_level TEXT NOT NULL CHECK (
            region_level IN ('gemeente', 'vtregio', 'provincie', 'landsdeel', 'nederland')),
          region_code TEXT NOT NULL CHECK (
            CASE region_level
              WHEN 'gemeente' THEN region_code GLOB 'GM[0-9][0-9][0-9][0-9]'
                OR region_code = 'onbekend'
              WHEN 'vtregio' THEN region_code GLOB 'VT[0-9][0-9]'
              WHEN 'provincie' THEN region_code GLOB 'PV[0-9][0-9]'
              WHEN 'landsdeel' THEN region_code GLOB 'LD[0-9][0-9]'
              ELSE region_code = 'NL01'
            END),
          dimension TEXT NOT NULL,
          category TEXT NOT NULL,
          value INTEGER NOT NULL CHECK (typeof(value) = 'integer' AND value >= 0),
          PRIMARY KEY (measure, period, region_level, region_code, dimension, category),
          FOREIGN KEY (dimension, category) REFERENCES category (dimension, code)
        ) WITHOUT ROWID;
        """),
    Migration(
      version: 2,
      description: "aggregate: the same constraints, cheap to check per row",
      sql: """
        -- Version 1's constraints, written so that SQLite checks them cheaply for every row
        -- inserted: equalities instead of an IN list (which builds an ephemeral table per
        -- row). The accepted values are exactly those of version 1 (docs/decisions.md 57).
        ALTER TABLE aggregate RENAME TO aggregate_v1;

        CREATE TABLE aggregate (
          measure TEXT NOT NULL REFERENCES measure (name),
          period TEXT NOT NULL CHECK (
            period GLOB '[0-9][0-9][0-9][0-9]MM0[1-9]'
            OR period GLOB '[0-9][0-9][0-9][0-9]MM1[0-2]'
            OR period GLOB '[0-9][0-9][0-9][0-9]KW0[1-4]'
            OR period GLOB '[0-9][0-9][0-9][0-9]HJ0[12]'
            OR period GLOB '[0-9][0-9][0-9][0-9]JJ00'),
          region_level TEXT NOT NULL CHECK (
            region_level = 'gemeente' OR region_level = 'vtregio' OR region_level = 'provincie'
            OR region_level = 'landsdeel' OR region_level = 'nederland'),
          region_code TEXT NOT NULL CHECK (
            CASE region_level
              WHEN 'gemeente' THEN region_code GLOB 'GM[0-9][0-9][0-9][0-9]'
                OR region_code = 'onbekend'
              WHEN 'vtregio' THEN region_code GLOB 'VT[0-9][0-9]'
              WHEN 'provincie' THEN region_code GLOB 'PV[0-9][0-9]'
              WHEN 'landsdeel' THEN region_code GLOB 'LD[0-9][0-9]'
              ELSE region_code = 'NL01'
            END),
          dimension TEXT NOT NULL,
          category TEXT NOT NULL,
          value INTEGER NOT NULL CHECK (typeof(value) = 'integer' AND value >= 0),
          PRIMARY KEY (measure, period, region_level, region_code, dimension, category),
          FOREIGN KEY (dimension, category) REFERENCES category (dimension, code)
        ) WITHOUT ROWID;

        INSERT INTO aggregate
          (measure, period, region_level, region_code, dimension, category, value)
        SELECT measure, period, region_level, region_code, dimension, category, value
        FROM aggregate_v1;

        DROP TABLE aggregate_v1;
        """),
    Migration(
      version: 3,
      description: "period_code: every period checked once, aggregate.period refers to it",
      sql: """
        -- The period codes the database has figures for, each checked against the pattern of
        -- its kind once, here, instead of by every aggregate row: five GLOBs per row were a
        -- third of the cost of inserting a region's rows (docs/decisions.md 63). The codes
        -- accepted are exactly those of versions 1 and 2; an aggregate row's period must be
        -- one of them (a foreign key, checked before a file is published).
        CREATE TABLE period_code (
          code TEXT NOT NULL PRIMARY KEY CHECK (
            code GLOB '[0-9][0-9][0-9][0-9]MM0[1-9]'
            OR code GLOB '[0-9][0-9][0-9][0-9]MM1[0-2]'
            OR code GLOB '[0-9][0-9][0-9][0-9]KW0[1-4]'
            OR code GLOB '[0-9][0-9][0-9][0-9]HJ0[12]'
            OR code GLOB '[0-9][0-9][0-9][0-9]JJ00')
        ) WITHOUT ROWID;

        INSERT INTO period_code (code)
        SELECT period FROM aggregate UNION SELECT period FROM source_period;

        ALTER TABLE aggregate RENAME TO aggregate_v2;

        CREATE TABLE aggregate (
          measure TEXT NOT NULL REFERENCES measure (name),
          period TEXT NOT NULL REFERENCES period_code (code),
          region_level TEXT NOT NULL CHECK (
            region_level = 'gemeente' OR region_level = 'vtregio' OR region_level = 'provincie'
            OR region_level = 'landsdeel' OR region_level = 'nederland'),
          region_code TEXT NOT NULL CHECK (
            CASE region_level
              WHEN 'gemeente' THEN region_code GLOB 'GM[0-9][0-9][0-9][0-9]'
                OR region_code = 'onbekend'
              WHEN 'vtregio' THEN region_code GLOB 'VT[0-9][0-9]'
              WHEN 'provincie' THEN region_code GLOB 'PV[0-9][0-9]'
              WHEN 'landsdeel' THEN region_code GLOB 'LD[0-9][0-9]'
              ELSE region_code = 'NL01'
            END),
          dimension TEXT NOT NULL,
          category TEXT NOT NULL,
          value INTEGER NOT NULL CHECK (typeof(value) = 'integer' AND value >= 0),
          PRIMARY KEY (measure, period, region_level, region_code, dimension, category),
          FOREIGN KEY (dimension, category) REFERENCES category (dimension, code)
        ) WITHOUT ROWID;

        INSERT INTO aggregate
          (measure, period, region_level, region_code, dimension, category, value)
        SELECT measure, period, region_level, region_code, dimension, category, value
        FROM aggregate_v2;

        DROP TABLE aggregate_v2;
        """),
  ]

  /// Applies the migrations `db` lacks (up to `target`, tests build older versions), each in
  /// its own transaction; returns the version the database had.
  @discardableResult
  static func migrate(_ db: SQLiteDatabase, upTo target: Int = currentVersion) throws -> Int {
    let found = try version(of: db)
    if found > currentVersion {
      throw PipelineError.internal(
        "\(db.path): schema version \(found) is newer than this build's \(currentVersion)")
    }
    for m in migrations where m.version > found && m.version <= target {
      try db.execute("BEGIN IMMEDIATE")
      do {
        try db.execute(m.sql)
        try db.prepare("INSERT INTO schema_migration (version, description) VALUES (?, ?)")
          .run([.integer(m.version), .text(m.description)])
        try db.execute("PRAGMA user_version = \(m.version)")
        try db.execute("COMMIT")
      } catch {
        try? db.execute("ROLLBACK")
        throw error
      }
    }
    return found
  }

  /// Fills `period_code` of a new build with every period of its sources (`source_period`):
  /// the periods its `aggregate` rows may have. Called once per build, before it is published
  /// (which checks the foreign keys).
  static func recordPeriodCodes(_ db: SQLiteDatabase) throws {
    try db.execute("INSERT INTO period_code (code) SELECT DISTINCT period FROM source_period")
  }

  /// The schema version of `db` (`PRAGMA user_version`; 0 for a new database).
  static func version(of db: SQLiteDatabase) throws -> Int {
    try db.integer("PRAGMA user_version") ?? 0
  }
}
