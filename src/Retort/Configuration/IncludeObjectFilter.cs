namespace Retort;

/// <summary>
/// env.cs's <c>context.IncludeObject</c> (Alembic's include_object): whether autogenerate and check look at one
/// object. <paramref name="obj"/> is the model's object (a <c>TableSchema</c>, <c>Column</c>, <c>IndexSchema</c>,
/// <c>UniqueConstraint</c>, <c>ForeignKey</c> or <c>CheckConstraint</c>), or the database's when only the database has
/// it (<paramref name="reflected"/> true); <paramref name="compareTo"/> is the database's object it is compared with,
/// or null when the other side has none. <paramref name="kind"/>: table, column, index, unique, foreign_key, check.
/// </summary>
public delegate bool IncludeObjectFilter(object obj, string name, string kind, bool reflected, object? compareTo);
