namespace Retort.Ops;

/// <summary>A type created in the database as a schema object, which columns use by name (<see cref="SqlType.Named"/>).</summary>
public abstract record UserDefinedType(string Name)
{
    public string? Schema { get; init; }
    public string? Comment { get; init; }
}

/// <summary>A PostgreSQL enum type: <c>CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')</c>.</summary>
public sealed record EnumTypeDefinition(string Name, IReadOnlyList<string> Values) : UserDefinedType(Name)
{
    public bool Equals(EnumTypeDefinition? other) =>
        other is not null && base.Equals(other) && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Values.Count);
}

/// <summary>A PostgreSQL domain: a base type with its own nullability, default, collation and checks.</summary>
public sealed record DomainDefinition(string Name, SqlType BaseType) : UserDefinedType(Name)
{
    public bool Nullable { get; init; } = true;
    public string? Default { get; init; }
    public string? Collation { get; init; }
    public IReadOnlyList<CheckConstraint> Checks { get; init; } = [];

    public bool Equals(DomainDefinition? other) =>
        other is not null && base.Equals(other) && BaseType == other.BaseType && Nullable == other.Nullable && Default == other.Default
        && Collation == other.Collation && Checks.SequenceEqual(other.Checks);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), BaseType, Nullable, Default);
}

/// <summary>Creates an enum or domain type; reversed by dropping it.</summary>
public sealed record CreateTypeOperation(UserDefinedType Definition) : MigrationOperation
{
    public override MigrationOperation Reverse() =>
        new DropTypeOperation(Definition.Name) { Schema = Definition.Schema, Existing = Definition };
}

/// <summary>Drops an enum or domain type; carries its definition (<see cref="Existing"/>) to be reversible.</summary>
public sealed record DropTypeOperation(string Name) : MigrationOperation
{
    public string? Schema { get; init; }
    public UserDefinedType? Existing { get; init; }

    public override MigrationOperation Reverse() =>
        Existing is null
            ? throw new IrreversibleOperationException(this, $"DropType(\"{Name}\") does not carry the type's definition (Existing)")
            : new CreateTypeOperation(Existing);
}

/// <summary><c>ALTER TYPE … ADD VALUE</c>: a new enum value, at the end or before/after another.</summary>
public sealed record AddEnumValueOperation(string TypeName, string Value) : MigrationOperation
{
    public string? Schema { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }

    public override MigrationOperation Reverse() =>
        new DropEnumValueOperation(TypeName, Value) { Schema = Schema, Before = Before, After = After };
}

/// <summary>
/// Removes a value from an enum type. PostgreSQL has no statement for it: the type is rebuilt without the value and
/// every column of that type converted to it, or, when any row holds the value, nothing changes and the error names
/// the table, column and number of rows. <see cref="Before"/>/<see cref="After"/> say where the value stood, so that
/// the reverse adds it back in its place.
/// </summary>
public sealed record DropEnumValueOperation(string TypeName, string Value) : MigrationOperation
{
    public string? Schema { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }

    public override MigrationOperation Reverse() =>
        new AddEnumValueOperation(TypeName, Value) { Schema = Schema, Before = Before, After = After };
}
