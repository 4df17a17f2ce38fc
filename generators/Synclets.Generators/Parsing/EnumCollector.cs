using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Synclets.Generators.Model;

namespace Synclets.Generators.Parsing;

/// <summary>The distinct enums of one record, each with a helper name unique within the record.</summary>
internal sealed class EnumCollector
{
    private readonly Dictionary<INamedTypeSymbol, EnumModel> _byType = new(SymbolEqualityComparer.Default);

    public List<EnumModel> Models { get; } = [];

    public string HelperFor(INamedTypeSymbol enumType)
    {
        if (_byType.TryGetValue(enumType, out var known))
        {
            return known.Helper;
        }

        // Two enums of one name from different namespaces get Kind and Kind2.
        var helper = enumType.Name;
        for (var suffix = 2; Models.Any(model => model.Helper == helper); suffix++)
        {
            helper = enumType.Name + suffix.ToString(CultureInfo.InvariantCulture);
        }

        var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(field => field.HasConstantValue).ToList();
        var canonical = members
            .GroupBy(field => field.ConstantValue)
            .Select(group => group.First().Name);
        var model = new EnumModel(
            helper,
            Identity.FullyQualified(enumType),
            members.Select(field => field.Name).ToEquatableArray(),
            canonical.ToEquatableArray());
        _byType.Add(enumType, model);
        Models.Add(model);
        return helper;
    }
}
