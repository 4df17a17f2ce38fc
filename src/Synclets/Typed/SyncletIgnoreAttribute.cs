namespace Synclets.Typed;

/// <summary>Leaves a property out of the synced columns.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class SyncletIgnoreAttribute : Attribute;
