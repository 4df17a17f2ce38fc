namespace Synclets.Tool;

/// <summary>A mistake the user can fix (a missing file, a store that is not one): one line, no stack trace.</summary>
internal sealed class ToolException(string message, Exception? inner = null) : Exception(message, inner);
