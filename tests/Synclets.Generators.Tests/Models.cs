namespace Synclets.Generators.Tests;

/// <summary>The representative user models the snapshot, caching and compile tests generate from.</summary>
internal static class Models
{
    /// <summary>Values shape: depth 1, no keys, every supported type and its nullable.</summary>
    public const string Values = """
        using System;
        using Synclets.Typed;

        namespace Sample.Settings;

        /// <summary>A color scheme.</summary>
        public enum Theme
        {
            /// <summary>Light.</summary>
            Light,

            /// <summary>Dark.</summary>
            Dark,
        }

        /// <summary>Application settings: one value per column.</summary>
        [Synclet]
        public partial record AppSettings
        {
            /// <summary>Doc.</summary>
            public string Name { get; init; } = "";

            /// <summary>Doc.</summary>
            public string? Nickname { get; init; }

            /// <summary>Doc.</summary>
            public bool Enabled { get; init; }

            /// <summary>Doc.</summary>
            public byte Level { get; init; }

            /// <summary>Doc.</summary>
            public sbyte Offset { get; init; }

            /// <summary>Doc.</summary>
            public short Small { get; init; }

            /// <summary>Doc.</summary>
            public ushort Port { get; init; }

            /// <summary>Doc.</summary>
            public int Count { get; set; }

            /// <summary>Doc.</summary>
            public uint Flags { get; init; }

            /// <summary>Doc.</summary>
            public long Total { get; init; }

            /// <summary>Doc.</summary>
            public ulong Huge { get; init; }

            /// <summary>Doc.</summary>
            public float Ratio { get; init; }

            /// <summary>Doc.</summary>
            public double Scale { get; init; }

            /// <summary>Doc.</summary>
            public decimal Price { get; init; }

            /// <summary>Doc.</summary>
            public Guid InstallId { get; init; }

            /// <summary>Doc.</summary>
            public DateTime Installed { get; init; }

            /// <summary>Doc.</summary>
            public DateTimeOffset LastSync { get; init; }

            /// <summary>Doc.</summary>
            public TimeSpan Timeout { get; init; }

            /// <summary>Doc.</summary>
            public Theme Theme { get; init; }

            /// <summary>Doc.</summary>
            public int? MaxItems { get; init; }

            /// <summary>Doc.</summary>
            public ulong? Quota { get; init; }

            /// <summary>Doc.</summary>
            public Theme? FallbackTheme { get; init; }

            /// <summary>Doc.</summary>
            public DateTimeOffset? Expires { get; init; }
        }
        """;

    /// <summary>Table shape: composite keys ordered by Order, an enum key, renamed and ignored columns, constructor and initializer.</summary>
    public const string Table = """
        using System;
        using Synclets.Typed;

        namespace Sample.Sensors;

        /// <summary>A unit.</summary>
        public enum Unit
        {
            /// <summary>Celsius.</summary>
            Celsius,

            /// <summary>Fahrenheit.</summary>
            Fahrenheit,

            /// <summary>An alias of Celsius.</summary>
            Centigrade = Celsius,
        }

        /// <summary>A measurement of one sensor on one site.</summary>
        [Synclet(Depth = 3)]
        [SyncletTable("readings")]
        public partial record Reading(
            [property: SyncletKey(Order = 1)] long Sensor,
            [SyncletKey(Order = 0)] string Site,
            Unit Unit,
            double? Value,
            [property: SyncletColumn("note")] string? Comment,
            [property: SyncletIgnore] string Cache)
        {
            /// <summary>When it was checked; set through the initializer.</summary>
            public DateTimeOffset? CheckedAt { get; init; }

            /// <summary>Computed, so not synced.</summary>
            [SyncletIgnore]
            public string Label => Site + "/" + Sensor;
        }
        """;

    /// <summary>Schema shape: two tables of one key each, one renamed.</summary>
    public const string Schema = """
        using System;
        using Synclets.Typed;

        namespace Sample.Todos;

        /// <summary>A task.</summary>
        [Synclet(Depth = 2)]
        public partial record Todo([property: SyncletKey] string Id, string Title, bool Done, Guid? ProjectId);

        /// <summary>A project.</summary>
        [Synclet]
        public partial record Project([property: SyncletKey] Guid Id, string Name);

        /// <summary>Todos and projects in one synclet.</summary>
        [Synclet(Depth = 3)]
        public partial class TodoDb
        {
            /// <summary>The todos.</summary>
            public partial SyncletTable<Todo> Todos { get; }

            /// <summary>The projects.</summary>
            [SyncletTable("projects")]
            public partial SyncletTable<Project> Projects { get; }
        }
        """;
}
