using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Retort.Scripting;

/// <summary>
/// Decides, at compile time, which revisions provably only emit operations: every name their class uses is its
/// own (methods, parameters, locals, constants), Retort's operation API, or plain values (strings, numbers,
/// collections, LINQ). Such a revision records the same operations on every run, given the same file, Retort
/// version and database name, so its offline SQL can be cached (Runtime.OfflineStatementCache) and replayed
/// without loading or JIT-compiling it. Anything else (DateTime.Now, Environment, files, static fields, other
/// libraries, the env file's types) makes the revision impure, and it runs every time.
/// </summary>
internal static class RevisionPurity
{
    private static readonly HashSet<string> AllowedRetortTypes = new(StringComparer.Ordinal)
    {
        "Migration", "Operations", "RevisionAttribute", "Column", "SqlType", "SqlTypeKind", "ReferentialAction",
        "ITableElement", "RetortException", "CheckConstraint", "ForeignKey", "PrimaryKey", "TableIndex", "TableOptions", "UniqueConstraint",
    };

    // Value types and collections whose members compute from their inputs only.
    private static readonly HashSet<string> AllowedSystemTypes = new(StringComparer.Ordinal)
    {
        "System.Object", "System.String", "System.Char", "System.Boolean", "System.Byte", "System.SByte", "System.Int16",
        "System.UInt16", "System.Int32", "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double",
        "System.Decimal", "System.Array", "System.Math", "System.Nullable`1", "System.ValueTuple", "System.Span`1",
        "System.ReadOnlySpan`1",
        "System.Linq.Enumerable", "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.HashSet`1", "System.Collections.Generic.KeyValuePair`2",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IList`1",
        "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.IEnumerator`1", "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
        "System.Attribute", "System.Index", "System.Range",
        // Throwing is deterministic too (an irreversible Downgrade); a step that throws is never cached.
        "System.Exception", "System.InvalidOperationException", "System.NotSupportedException",
        "System.NotImplementedException", "System.ArgumentException",
    };

    /// <summary>Every revision class in <paramref name="compilation"/>: its file, its id, and whether it provably only emits operations.</summary>
    public static IReadOnlyList<(SyntaxTree Tree, string Id, bool Pure)> Revisions(CSharpCompilation compilation)
    {
        var found = new List<(SyntaxTree, string, bool)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(type) is not INamedTypeSymbol symbol) continue;
                if (RevisionId(symbol) is { } id) found.Add((tree, id, IsPure(type, symbol, model)));
            }
        }
        return found;
    }

    private static string? RevisionId(INamedTypeSymbol symbol)
    {
        foreach (var a in symbol.GetAttributes())
            if (a.AttributeClass is { Name: "RevisionAttribute" } c && IsRetort(c.ContainingNamespace)
                && a.ConstructorArguments is [{ Value: string id }])
                return id;
        return null;
    }

    private static bool IsPure(ClassDeclarationSyntax type, INamedTypeSymbol symbol, SemanticModel model)
    {
        // Only a top-level class, no partial parts elsewhere, derived straight from Migration.
        if (symbol.ContainingType is not null || symbol.DeclaringSyntaxReferences.Length != 1) return false;
        if (symbol.BaseType is not { Name: "Migration" } b || !IsRetort(b.ContainingNamespace)) return false;
        foreach (var member in symbol.GetMembers())
        {
            // Fields and properties can carry state between runs (static) or from outside: only constants.
            if (member is IFieldSymbol { IsConst: false, IsImplicitlyDeclared: false }) return false;
            if (member is IPropertySymbol or IEventSymbol && !member.IsImplicitlyDeclared) return false;
            if (member is IMethodSymbol { MethodKind: MethodKind.StaticConstructor }) return false;
        }
        foreach (var node in type.DescendantNodes())
        {
            if (node is ExpressionSyntax expression and (IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax
                    or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or InvocationExpressionSyntax
                    or ElementAccessExpressionSyntax or BinaryExpressionSyntax or InterpolatedStringExpressionSyntax))
            {
                if (model.GetTypeInfo(expression).Type is { TypeKind: TypeKind.Dynamic }) return false;
                var info = model.GetSymbolInfo(expression);
                if (info.Symbol is null && info.CandidateSymbols.Length > 0) return false;
                if (info.Symbol is { } s && !Allowed(s, symbol)) return false;
            }
            if (node is QueryExpressionSyntax or AwaitExpressionSyntax or UnsafeStatementSyntax or FixedStatementSyntax or LockStatementSyntax) return false;
            if (node is ForEachStatementSyntax loop && model.GetForEachStatementInfo(loop) is { GetEnumeratorMethod: { } getEnumerator }
                && !Allowed(getEnumerator, symbol)) return false;
        }
        return true;
    }

    private static bool Allowed(ISymbol s, INamedTypeSymbol revision)
    {
        switch (s)
        {
            case ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol:
                return true;
            case INamespaceSymbol:
                return true;
            case IFieldSymbol { IsConst: true }:
                return true;
            case ITypeParameterSymbol:
                return true;
        }
        var owner = s as INamedTypeSymbol ?? s.ContainingType;
        if (owner is null) return false;
        while (owner.ContainingType is { } outer) owner = outer;
        if (SymbolEqualityComparer.Default.Equals(owner, revision)) return s is not IFieldSymbol { IsConst: false };
        var original = owner.OriginalDefinition;
        if (IsRetort(original.ContainingNamespace))
            return AllowedRetortTypes.Contains(original.Name) || original.ContainingNamespace.Name == "Ops";
        if (original.ContainingNamespace?.ToDisplayString() == "Retort.Ops") return true;
        var name = original.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString() + "." + original.MetadataName
            : original.MetadataName;
        if (!AllowedSystemTypes.Contains(name) && !name.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
            && !name.StartsWith("System.Func`", StringComparison.Ordinal) && !name.StartsWith("System.Action`", StringComparison.Ordinal))
            return false;
        // Delegates are fine to create and call (their bodies are in the class and checked too), and Object's members
        // are fine except what depends on identity or the type system at run time.
        return s.Name is not ("GetHashCode" or "GetType" or "ReferenceEquals");
    }

    private static bool IsRetort(INamespaceSymbol? ns) =>
        ns is { Name: "Retort" or "Ops" } && (ns.Name == "Retort" ? ns.ContainingNamespace.IsGlobalNamespace
            : ns.ContainingNamespace is { Name: "Retort" } parent && parent.ContainingNamespace.IsGlobalNamespace);
}
