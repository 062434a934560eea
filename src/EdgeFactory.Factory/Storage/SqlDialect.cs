namespace EdgeFactory.Factory.Storage;

/// <summary>What differs between the SQL engines the store runs on: their DDL and how a new row's key comes back.</summary>
internal sealed record SqlDialect(string Name, string Schema, string NextRevision)
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS packages (
          name TEXT NOT NULL, version TEXT NOT NULL, digest TEXT NOT NULL, passport TEXT NOT NULL, signature TEXT NOT NULL,
          at_ms BIGINT NOT NULL, PRIMARY KEY (name, version));
        CREATE TABLE IF NOT EXISTS assignments (
          site TEXT NOT NULL, device TEXT NOT NULL, slot TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
          rollback_allowed BOOLEAN NOT NULL, PRIMARY KEY (site, device, slot));
        CREATE TABLE IF NOT EXISTS revocations (
          name TEXT NOT NULL, version TEXT NOT NULL, reason TEXT NOT NULL, at_ms BIGINT NOT NULL, PRIMARY KEY (name, version));
        CREATE TABLE IF NOT EXISTS group_members (
          site TEXT NOT NULL, group_name TEXT NOT NULL, device TEXT NOT NULL, PRIMARY KEY (site, group_name, device));
        CREATE TABLE IF NOT EXISTS group_assignments (
          site TEXT NOT NULL, group_name TEXT NOT NULL, slot TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
          rollback_allowed BOOLEAN NOT NULL, PRIMARY KEY (site, group_name, slot));
        """;

    /// <summary>SQLite: an AUTOINCREMENT key never reuses a value, so sequences stay monotonic.</summary>
    public static SqlDialect Sqlite { get; } = new(
        "sqlite",
        Tables + """
            CREATE TABLE IF NOT EXISTS decisions (
              sequence INTEGER PRIMARY KEY AUTOINCREMENT, at_ms BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
              subject TEXT NOT NULL, detail TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS revisions (value INTEGER PRIMARY KEY AUTOINCREMENT);
            """,
        "INSERT INTO revisions DEFAULT VALUES RETURNING value");

    /// <summary>PostgreSQL: identity columns and a sequence.</summary>
    public static SqlDialect Postgres { get; } = new(
        "postgres",
        Tables + """
            CREATE TABLE IF NOT EXISTS decisions (
              sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at_ms BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
              subject TEXT NOT NULL, detail TEXT NOT NULL);
            CREATE SEQUENCE IF NOT EXISTS revisions;
            """,
        "SELECT nextval('revisions')");
}
