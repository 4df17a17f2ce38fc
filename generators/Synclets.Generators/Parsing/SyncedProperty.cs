using Microsoft.CodeAnalysis;

namespace Synclets.Generators.Parsing;

/// <summary>
/// A public instance property while a record is parsed, with the attributes found on it or on the
/// positional parameter it came from. Lives only inside the parser; never enters the pipeline.
/// </summary>
internal sealed class SyncedProperty(IPropertySymbol symbol, IParameterSymbol? parameter)
{
    public IPropertySymbol Symbol { get; } = symbol;

    public string Name => Symbol.Name;

    public bool IsIgnored => Has(KnownTypes.IsIgnoreAttribute) is not null;

    public AttributeData? KeyAttribute => Has(KnownTypes.IsKeyAttribute);

    public string ColumnName =>
        Has(KnownTypes.IsColumnAttribute) is { ConstructorArguments: [{ Value: string name }] } ? name : Name;

    /// <summary>The key position given by <c>Order</c>, or int.MaxValue for "declaration order".</summary>
    public int KeyOrder
    {
        get
        {
            if (KeyAttribute is not { } key)
            {
                return int.MaxValue;
            }

            foreach (var argument in key.NamedArguments)
            {
                if (argument.Key == KnownTypes.OrderArgument && argument.Value.Value is int order && order >= 0)
                {
                    return order;
                }
            }

            return int.MaxValue;
        }
    }

    private AttributeData? Has(System.Func<AttributeData, bool> isAttribute)
    {
        foreach (var attribute in Symbol.GetAttributes())
        {
            if (isAttribute(attribute))
            {
                return attribute;
            }
        }

        if (parameter is null)
        {
            return null;
        }

        foreach (var attribute in parameter.GetAttributes())
        {
            if (isAttribute(attribute))
            {
                return attribute;
            }
        }

        return null;
    }
}
