namespace EdgeFactory.Factory.Storage;

/// <summary>Groups of devices: their members and what they run.</summary>
internal sealed partial class SqlRegistryStore
{
    public async Task<IReadOnlyList<string>> AddGroupMembersAsync(string site, string group, IReadOnlyList<string> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var added = new List<string>();
        foreach (var device in devices.Distinct(StringComparer.Ordinal))
        {
            if (await ExecuteAsync(
                connection,
                "INSERT INTO group_members (site, group_name, device) VALUES (@site, @group, @device) ON CONFLICT (site, group_name, device) DO NOTHING",
                [("site", site), ("group", group), ("device", device)],
                cancellationToken,
                transaction).ConfigureAwait(false) == 1)
            {
                added.Add(device);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    public async Task<bool> RemoveGroupMemberAsync(string site, string group, string device, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            "DELETE FROM group_members WHERE site = @site AND group_name = @group AND device = @device",
            [("site", site), ("group", group), ("device", device)],
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<string>> ListGroupMembersAsync(string site, string group, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT device FROM group_members WHERE site = @site AND group_name = @group ORDER BY device",
            [("site", site), ("group", group)],
            r => r.GetString(0),
            cancellationToken);

    public async Task<IReadOnlyList<string>> SetGroupAssignmentAsync(GroupAssignmentRecord assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        (string, object?)[] parameters =
        [
            ("site", assignment.Site), ("group", assignment.Group), ("slot", assignment.Slot), ("name", assignment.Name), ("version", assignment.Version),
            ("rollback", assignment.RollbackAllowed),
        ];
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            """
            INSERT INTO group_assignments (site, group_name, slot, name, version, rollback_allowed) VALUES (@site, @group, @slot, @name, @version, @rollback)
            ON CONFLICT (site, group_name, slot) DO UPDATE SET name = excluded.name, version = excluded.version, rollback_allowed = excluded.rollback_allowed
            """,
            parameters,
            cancellationToken,
            transaction).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            """
            INSERT INTO assignments (site, device, slot, name, version, rollback_allowed)
            SELECT site, device, @slot, @name, @version, @rollback FROM group_members WHERE site = @site AND group_name = @group
            ON CONFLICT (site, device, slot) DO UPDATE SET name = excluded.name, version = excluded.version, rollback_allowed = excluded.rollback_allowed
            """,
            parameters,
            cancellationToken,
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await ListGroupMembersAsync(assignment.Site, assignment.Group, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<GroupAssignmentRecord>> ListGroupAssignmentsAsync(string site, string group, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT site, group_name, slot, name, version, rollback_allowed FROM group_assignments WHERE site = @site AND group_name = @group ORDER BY slot",
            [("site", site), ("group", group)],
            r => new GroupAssignmentRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5)),
            cancellationToken);

    public Task<IReadOnlyList<AssignmentRecord>> ListGroupMemberAssignmentsAsync(string site, string group, CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT a.site, a.device, a.slot, a.name, a.version, a.rollback_allowed FROM assignments a
            JOIN group_members g ON g.site = a.site AND g.device = a.device
            WHERE g.site = @site AND g.group_name = @group ORDER BY a.device, a.slot
            """,
            [("site", site), ("group", group)],
            r => new AssignmentRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5)),
            cancellationToken);

    public async Task<IReadOnlyList<long>> NextRevisionsAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var command = SqlCommands.Command(connection, transaction, _dialect.NextRevision, []);
        await using var commandScope = command.ConfigureAwait(false);
        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return values;
    }
}
