using System;
using System.Linq;
using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// The expression building a row from locals named by <c>local(property)</c>: the chosen
/// constructor with named arguments, then an object initializer for the other columns.
/// </summary>
internal static class ConstructionEmitter
{
    public static string New(RecordModel record, Func<string, string> local)
    {
        var arguments = record.ConstructorArguments.Select(argument =>
            Identifiers.Escape(argument.ParameterName) + ": " + (argument.PropertyName.Length == 0 ? "default!" : local(argument.PropertyName)));
        var initializers = record.Keys.Concat(record.Values)
            .Where(column => column.SetByInitializer)
            .Select(column => Identifiers.Escape(column.PropertyName) + " = " + local(column.PropertyName))
            .ToList();
        var construction = "new " + record.Type.FullyQualifiedName + "(" + string.Join(", ", arguments) + ")";
        return initializers.Count == 0 ? construction : construction + " { " + string.Join(", ", initializers) + " }";
    }
}
