namespace Synclets.Wire;

/// <summary>Bounds both codecs apply to untrusted input.</summary>
internal static class WireLimits
{
    /// <summary>
    /// The deepest nesting of arrays and maps/objects a message may have (the message array counts as
    /// one level, each sub-nodes level as two). Decoding recurses per level, so hostile input must
    /// not choose the depth; 64 still allows trees 30 levels deep.
    /// </summary>
    public const int MaxNesting = 64;

    /// <summary>The character that stands for a deleted ("undefined") atom in JSON.</summary>
    public const string DeletedAtomText = "\uFFFC";
}
