-- The tables Orleans' ADO.NET clustering provider keeps its membership in, on PostgreSQL, and the
-- statements it runs, by key, as it reads them from OrleansQuery. Safe to run again: every node of
-- a cluster runs it when it starts (under an advisory lock, so two nodes starting together do not race).
-- Membership changes are optimistic: a write names the version it read, and the version row is
-- bumped first, so of two writers that read the same version one bumps it and the other finds none.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) PRIMARY KEY,
    QueryText text NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id varchar(150) PRIMARY KEY,
    changed_at timestamptz(3) NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name varchar(150) NOT NULL,
    host_name varchar(150) NOT NULL,
    status integer NOT NULL,
    proxy_port integer,
    suspect_times text,
    start_time timestamptz(3) NOT NULL,
    i_am_alive_time timestamptz(3) NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM created;'),

('InsertMembershipKey', '
    WITH bumped AS (
        UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
          AND NOT EXISTS (SELECT 1 FROM orleans_membership
                          WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
        RETURNING 1),
    inserted AS (
        INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                        proxy_port, start_time, i_am_alive_time)
        SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
               @ProxyPort, @StartTime, @IAmAliveTime
        FROM bumped
        ON CONFLICT DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM inserted;'),

('UpdateMembershipKey', '
    WITH bumped AS (
        UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
        RETURNING 1),
    updated AS (
        UPDATE orleans_membership
        SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
        WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
          AND EXISTS (SELECT 1 FROM bumped)
        RETURNING 1)
    SELECT count(*)::integer FROM updated;'),

('UpdateIAmAlivetimeKey', '
    UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),

('MembershipReadRowKey', '
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime,
           m.i_am_alive_time AS IAmAliveTime, v.version AS Version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId;'),

('MembershipReadAllKey', '
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime,
           m.i_am_alive_time AS IAmAliveTime, v.version AS Version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId;'),

('GatewaysQueryKey', '
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;'),

('DeleteMembershipTableEntriesKey', '
    DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;'),

('CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
