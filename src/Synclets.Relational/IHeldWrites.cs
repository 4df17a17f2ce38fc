namespace Synclets.Relational;

/// <summary>Writes a connector holds back until its batch commits; a rollback by any connector of the store discards them.</summary>
internal interface IHeldWrites
{
    /// <summary>Forgets every held-back write.</summary>
    void Discard();
}
