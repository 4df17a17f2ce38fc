namespace Synclets.Benchmarks.Attacks;

/// <summary>One line of the attack report: which attack (its number in the hostile-clients review), what was done, what it cost.</summary>
internal sealed record AttackRow(int Number, string Attack, string Cost);
