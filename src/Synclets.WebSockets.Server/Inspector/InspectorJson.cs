using System.Text.Json;
using Synclets.Clocks;

namespace Synclets.WebSockets.Server.Inspector;

/// <summary>How the inspector writes what it shows: atoms, addresses and timestamps as JSON.</summary>
internal static class InspectorJson
{
    public static void WriteAtom(Utf8JsonWriter json, string name, Atom? atom)
    {
        json.WritePropertyName(name);
        switch (atom)
        {
            case null or { Kind: AtomKind.Null }:
                json.WriteNullValue();
                break;
            case { Kind: AtomKind.String } text:
                json.WriteStringValue(text.AsString());
                break;
            case { Kind: AtomKind.Integer } integer:
                json.WriteNumberValue(integer.AsInteger());
                break;
            case { Kind: AtomKind.Double } number when double.IsFinite(number.AsDouble()):
                json.WriteNumberValue(number.AsDouble());
                break;
            case { Kind: AtomKind.Boolean } boolean:
                json.WriteBooleanValue(boolean.AsBoolean());
                break;
            case { } other:
                json.WriteStringValue(other.ToString());
                break;
        }
    }

    public static void WriteAddress(Utf8JsonWriter json, string name, Address address)
    {
        json.WriteStartArray(name);
        foreach (var id in address.AsSpan())
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
    }

    /// <summary>A timestamp, and the moment its logical time stands for (null when it does not decode).</summary>
    public static void WriteTimestamp(Utf8JsonWriter json, string? timestamp)
    {
        json.WriteString("timestamp", timestamp);
        if (timestamp is not null && HybridLogicalClock.TryDecode(timestamp, out var milliseconds, out _))
        {
            json.WriteString("time", DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(milliseconds, 0, 253_402_300_799_999)));
        }
    }
}
