namespace EdgeFactory.Contracts.Topics;

/// <summary>A topic taken apart: its kind, site and the id in it (task, robot or device).</summary>
/// <param name="Kind">Which topic.</param>
/// <param name="Site">Site id; empty for fleet-wide topics.</param>
/// <param name="Id">Task, robot or device id; empty where the topic has none.</param>
public readonly record struct TopicAddress(TopicKind Kind, string Site, string Id);
